using System.Text.Json.Serialization;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Audit;
using Grassroots.Features.People;
using Grassroots.Features.People.Roster;
using Grassroots.Features.Training.Attendances;
using Grassroots.Features.Training.Certificates;
using Grassroots.Features.Training.Completion;
using Grassroots.Features.Training.Courses;
using Grassroots.Features.Training.Feedback;
using Grassroots.Features.Training.History;
using Grassroots.Features.Training.Coverage;
using Grassroots.Features.Training.Enrolments;
using Grassroots.Features.Training.Targeting;
using Microsoft.AspNetCore.DataProtection;
using Grassroots.Features.Units;
using Grassroots.Features.Units.Import;

namespace Grassroots.Web;

/// <summary>Everything the app registers and maps, by hand: the table of contents of the program.</summary>
public static class AppSetup
{
    public const string DefaultUrl = "http://localhost:5080";

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(builder.Configuration["Grassroots:Url"] ?? DefaultUrl);
        AddServices(builder.Services, builder.Configuration);

        var app = builder.Build();
        // EF Core builds its model (a second or two of a cold start) on the other core while the endpoints are mapped.
        var model = Task.Run(() =>
        {
            using var scope = app.Services.CreateScope();
            return scope.ServiceProvider.GetRequiredService<AppDb>().Model;
        });
        MapApp(app);
        model.GetAwaiter().GetResult();
        return app;
    }

    public static void AddServices(IServiceCollection services, IConfiguration configuration)
    {
        var database = DatabaseSettings.From(configuration);
        services.AddSingleton(database);
        services.AddDbContext<AppDb>(database.Configure);
        services.AddSingleton(TimeProvider.System);
        services.AddAccounts();
        services.AddDataProtection().SetApplicationName("Grassroots");
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
            new Microsoft.Extensions.Options.ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(
                o => o.XmlRepository = new DatabaseXmlRepository(sp)));

        services.AddRazorPages(o => o.RootDirectory = "/Features")
            .AddMvcOptions(o => PageForms.UseVietnameseMessages(o.ModelBindingMessageProvider));
        services.AddProblemDetails();
        // Unreadable bodies and parameters reach the central handler, which answers with a coded ProblemDetails.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddOpenApi(o => o.AddDocumentTransformer((doc, _, _) =>
        {
            doc.Info.Title = "Grassroots API";
            doc.Info.Description = "Thôn, tổ dân phố và người đứng đầu: danh mục hành chính, thôn/tổ dân phố, ...";
            return Task.CompletedTask;
        }));
        services.ConfigureHttpJsonOptions(o =>
        {
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(System.Text.Json.JsonNamingPolicy.CamelCase));
            o.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddHealthChecks().AddDbContextCheck<AppDb>("database");

        services.AddScoped<SignIn>();
        services.AddRateLimits(configuration);
        services.AddHttpsSetup(configuration);
        services.AddRequestLimits(configuration);

        // Use cases: residential units.
        services.AddScoped<EstablishUnit>();
        services.AddScoped<UpdateUnit>();
        services.AddScoped<RenameUnit>();
        services.AddScoped<ConvertUnit>();
        services.AddScoped<MoveUnit>();
        services.AddScoped<DissolveUnit>();
        services.AddScoped<MergeUnits>();
        services.AddScoped<SplitUnit>();
        services.AddScoped<DeleteUnit>();
        services.AddScoped<ImportUnits>();
        services.AddScoped<ExportUnits>();

        // Use cases: people and their tenures.
        services.AddScoped<SavePerson>();
        services.AddScoped<RecordTenure>();
        services.AddScoped<ImportRoster>();
        services.AddScoped<ExportRoster>();

        // Use cases: training — programmes, plans, courses and sessions.
        services.AddScoped<SaveProgramme>();
        services.AddScoped<SavePlan>();
        services.AddScoped<SaveCourse>();
        services.AddScoped<SaveSession>();
        // Use cases: training — target groups, enrolment and invitations (branch "enrolment").
        services.AddScoped<SaveTargetGroup>();
        services.AddScoped<EnrolByRule>();
        services.AddScoped<EnrolPerson>();
        services.AddScoped<EnrolExternal>();
        services.AddScoped<WithdrawEnrolment>();
        services.AddScoped<RemoveEnrolment>();
        services.AddScoped<MoveEnrolment>();

        // Use cases: training — attendance (roll call and corrections, self check-in with the rotating QR code, the
        // printable sign-in sheet and its entry page: Attendances/SignInSheets, static over AppDb, saving through RecordRollCall) and
        // accounts linked to registry people (Features/Accounts/Users/LinkPerson, called directly by the user pages and CLI).
        services.AddScoped<RecordRollCall>();
        services.AddScoped<CheckIn>();
        // Training: completion, certificates, feedback (branch "certificates").
        services.AddScoped<ComputeResults>();
        services.AddScoped<RecordScores>();
        services.AddScoped<OverrideResult>();
        services.AddScoped<IssueCertificates>();
        services.AddScoped<RevokeCertificate>();
        services.AddScoped<SubmitFeedback>();
    }

    public static void MapApp(WebApplication app)
    {
        app.UseHttpsSetup(); // forwarded headers, then HSTS and the redirect to HTTPS
        app.UseSecurityHeaders();
        app.UseErrorHandling();
        app.UseRequestLimits();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseAuthentication();
        app.UseCurrentAccess();
        app.UseAuthorization();
        app.UseRateLimiter();

        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        app.MapAuthApi();
        app.MapAdminUnitsApi();
        app.MapUnitsApi();
        app.MapUnitsImportApi();
        app.MapPeopleApi();
        app.MapTenuresApi();
        app.MapRosterApi();
        app.MapCoursesApi();
        app.MapCoverageApi();
        // Training: target groups, enrolment and invitations (branch "enrolment").
        app.MapTargetGroupsApi();
        app.MapEnrolmentsApi();
        app.MapAttendanceApi(); // training: roll call, self check-in, my courses (/api/v1/training/sessions/{id}/…, /me/courses)
        // Training: completion, certificates, feedback (branch "certificates").
        app.MapCompletionApi();
        app.MapCertificatesApi();
        app.MapFeedbackApi();
        app.MapTrainingHistoryApi();
        app.MapAuditApi();
        app.MapRazorPages();
    }
}
