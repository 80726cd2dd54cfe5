using Grassroots.Cli;
using Grassroots.Data;
using Grassroots.Web;

// One executable: a command-line verb (grassroots import units FILE …) or, without one, the web app.
if (Commands.IsVerb(args))
    return await Commands.RunAsync(args);

var app = AppSetup.Build(args);
await DatabaseInitializer.InitializeAsync(app.Services, app.Logger, CancellationToken.None);
await app.RunAsync();
return 0;

public partial class Program;
