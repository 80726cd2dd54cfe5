using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.Training.Courses;
using Grassroots.Features.Training.Coverage;
using Grassroots.Features.Units;
using Grassroots.Web;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Training.Pages;

/// <summary>Coverage: the whole scope by province, a province by commune, a commune by unit — drillable — and who is not yet trained.</summary>
[RequirePermission(Permission.ViewReports)]
public sealed class CoverageModel(AppDb db, TimeProvider time) : PageModel
{
    public const int ListLimit = 500;

    public static readonly IReadOnlyList<(Position Value, string Name)> PositionChoices =
    [
        (Position.UnitHead, "Trưởng thôn, tổ trưởng"), (Position.DeputyHead, "Phó trưởng thôn, tổ phó"), (Position.PartyCellSecretary, "Bí thư chi bộ"),
        (Position.FrontCommitteeHead, "Trưởng ban công tác Mặt trận"),
    ];

    public CoverageQuestion? Question { get; private set; }
    public CoverageReport? Report { get; private set; }
    public List<UntrainedRow> Untrained { get; private set; } = [];
    public List<ProgrammeRow> Programmes { get; private set; } = [];
    public string? Error { get; private set; }
    public List<(string Url, string Name)> Trail { get; } = [];

    public string AsOfIso => (Question?.AsOf ?? Common.VietnamTime.Today(time)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public string ExportUrl => "/api/v1/training/coverage/export" + QueryString.Create(CoverageRequest.ToQuery(Question!));

    /// <summary>A row's own coverage: a province's communes, a commune's units, a unit's page.</summary>
    public string DrillUrl(CoverageRow row) => Report!.RowsBy switch
    {
        CoverageLevel.Province => Request.Path + QueryString.Create(CoverageRequest.ToQuery(Question!, "province", row.Code)).ToString(),
        CoverageLevel.Commune => Request.Path + QueryString.Create(CoverageRequest.ToQuery(Question!, "commune", row.Code)).ToString(),
        _ => $"/thon/{row.Id}",
    };

    public async Task OnGetAsync(CancellationToken ct)
    {
        Programmes = await CourseQueries.ProgrammesAsync(db, ct);
        var question = await CoverageRequest.ParseAsync(db, Request.Query, time, ct);
        if (!question.Succeeded)
        {
            Error = string.Join(" ", question.Errors.Select(e => e.Message));
            if (question.Errors[0].Kind == Common.ErrorKind.NotFound) Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        Question = question.Value!;
        Report = await CoverageQueries.ReportAsync(db, Question, ct);
        Untrained = await CoverageQueries.UntrainedAsync(db, Question, ListLimit, ct);
        if (Question.Place is { Level: AdminLevel.Commune } commune)
            Trail.Add((Request.Path + QueryString.Create(CoverageRequest.ToQuery(Question, "province", commune.ProvinceCode)).ToString(), "Tỉnh mã " + commune.ProvinceCode));
    }
}
