namespace Grassroots.Common;

/// <summary>What is wrong with one cell (or row) of an imported file: the row number, the column header and a Vietnamese message.</summary>
public sealed record ImportRowError(int Row, string Column, string Code, string Message);

public sealed record ImportRowWarning(int Row, string Message);

/// <summary>
/// The outcome of an import: a file-level error (empty, too large, not a spreadsheet, wrong header) or every row's
/// errors; with none, how many records were (or, in a dry run, would be) created and updated, how many rows were
/// already recorded (<see cref="Unchanged"/>) and, for the roster, how many people are new.
/// </summary>
public sealed record ImportReport(bool DryRun, bool Applied, int Rows, int Created, int Updated,
    IReadOnlyList<ImportRowError> Errors, IReadOnlyList<ImportRowWarning> Warnings, Error? FileError = null, int Unchanged = 0, int PeopleCreated = 0)
{
    public bool Succeeded => FileError is null && Errors.Count == 0;

    public static ImportReport Failed(bool dryRun, Error error, IReadOnlyList<ImportRowError>? rows = null) =>
        new(dryRun, false, 0, 0, 0, rows ?? [], [], error);

    /// <summary>"Tệp có 3 lỗi ở 2 dòng".</summary>
    public string ErrorSummary => $"Tệp có {Errors.Count} lỗi ở {Errors.Select(e => e.Row).Distinct().Count()} dòng";
}
