using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Certificates;
using Grassroots.Features.Training.Completion;
using Grassroots.Features.Training.Enrolments;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.History;

/// <summary>One course a person was on: dates, organiser, their status and result.</summary>
public sealed record TrainingHistoryRow(
    int EnrolmentId, int CourseId, string CourseTitle, string Organiser, DateOnly StartDate, DateOnly EndDate, EnrolmentStatus Status, string StatusName,
    TrainingResult Result, string ResultName);

public sealed record PersonCertificateRow(int Id, int CourseId, string CourseTitle, string Number, string Code, string VerifyPath, DateOnly IssuedOn, bool Revoked);

public sealed record PersonTraining(int PersonId, IReadOnlyList<TrainingHistoryRow> Courses, IReadOnlyList<PersonCertificateRow> Certificates);

/// <summary>A person's training (bồi dưỡng): the courses they were on and their certificates, as far as the user may see them.</summary>
public static class TrainingHistory
{
    /// <summary>Null when the person is out of the user's view; courses through the user's filters too (a course they may not see is left out).</summary>
    public static async Task<PersonTraining?> ForPersonAsync(AppDb db, int personId, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, ct)) return null;
        var courses = await (from e in db.Enrolments.AsNoTracking()
                             join c in db.Courses.AsNoTracking() on e.CourseId equals c.Id
                             where e.PersonId == personId
                             orderby c.StartDate descending, c.Id descending
                             select new { e.Id, CourseId = c.Id, c.Title, c.Organiser, c.StartDate, c.EndDate, e.Status, e.Result }).ToListAsync(ct);
        var certificates = await (from x in db.Certificates.AsNoTracking()
                                  join e in db.Enrolments on x.EnrolmentId equals e.Id
                                  join c in db.Courses on x.CourseId equals c.Id
                                  where e.PersonId == personId
                                  orderby x.IssuedOn descending, x.Id descending
                                  select new { x.Id, x.CourseId, c.Title, x.Number, x.Code, x.IssuedOn, x.Revoked }).ToListAsync(ct);
        return new PersonTraining(personId,
            [.. courses.Select(c => new TrainingHistoryRow(c.Id, c.CourseId, c.Title, c.Organiser, c.StartDate, c.EndDate, c.Status, EnrolmentRules.StatusName(c.Status),
                c.Result, CompletionRules.ResultName(c.Result)))],
            [.. certificates.Select(c => new PersonCertificateRow(c.Id, c.CourseId, c.Title, c.Number, c.Code, CertificateQueries.VerifyPath(c.Code), c.IssuedOn, c.Revoked))]);
    }

    public static RouteHandlerBuilder MapTrainingHistoryApi(this IEndpointRouteBuilder app) =>
        app.MapGet("/api/v1/people/{id:int}/training", Get).WithTags("Người").RequirePermission(Permission.ViewPeople)
            .WithSummary("Quá trình bồi dưỡng của một người: các lớp đã học (kết quả) và giấy chứng nhận");

    private static async Task<Results<Ok<PersonTraining>, ProblemHttpResult>> Get(AppDb db, int id, CancellationToken ct) =>
        await ForPersonAsync(db, id, ct) is { } training ? TypedResults.Ok(training) : Common.Error.NotFound("người này").ToProblem();
}
