using Grassroots.Bench;

// The benchmarks of docs/performance.md, one verb each. Run in Release:
//   dotnet run -c Release --project bench/Grassroots.Bench -- roster-import [--rows 10000] [--runs 5]
//   dotnet run -c Release --project bench/Grassroots.Bench -- enrol-by-rule [--heads 2300] [--runs 5]
//   dotnet run -c Release --project bench/Grassroots.Bench -- pages [--runs 5] [--requests 20]
//   dotnet run -c Release --project bench/Grassroots.Bench -- export [--rows 100000] [--runs 3]
//   dotnet run -c Release --project bench/Grassroots.Bench -- national [--connection CS] [--fresh true] [--scale 1.0] [--runs 10] [--duration 20] [--warmup 30] [--connections 64]
return args.FirstOrDefault() switch
{
    "roster-import" => await RosterImportBench.RunAsync(Options.Parse(args[1..])),
    RosterImportBench.ChildVerb => await RosterImportBench.ChildAsync(args[1..]),
    "enrol-by-rule" => await EnrolByRuleBench.RunAsync(Options.Parse(args[1..])),
    EnrolByRuleBench.ChildVerb => await EnrolByRuleBench.ChildAsync(args[1..]),
    "pages" => await PagesBench.RunAsync(Options.Parse(args[1..])),
    "national" => await NationalBench.RunAsync(Options.Parse(args[1..])),
    "export" => await ExportBench.RunAsync(Options.Parse(args[1..])),
    ExportBench.ChildVerb => await ExportBench.ChildAsync(args[1..]),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: grassroots-bench roster-import [--rows N] [--runs K] [--work DIR]");
    Console.Error.WriteLine("       grassroots-bench enrol-by-rule [--heads N] [--runs K] [--work DIR]");
    Console.Error.WriteLine("       grassroots-bench pages [--runs K] [--requests N] [--work DIR]");
    Console.Error.WriteLine("       grassroots-bench export [--rows N] [--runs K] [--work DIR]");
    Console.Error.WriteLine("       grassroots-bench national [--connection CS] [--fresh true] [--scale S] [--runs K] [--duration SECONDS] [--warmup SECONDS] [--connections N] [--work DIR]");
    return 2;
}
