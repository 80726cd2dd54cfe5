using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Web;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Features.People;

public sealed record PersonDetail(PersonRow Person, IReadOnlyList<LeaderRow> Tenures);

/// <summary>A person's record in a write: the fields of <see cref="PersonInput"/> plus, to update, the version being edited.</summary>
public sealed record PersonRequest(
    int? Version, string? FullName, Gender? Gender, DateOnly? DateOfBirth, string? EthnicityCode, string? ReligionCode, string? NationalId, string? Phone,
    int? ResidenceUnitId, bool? LivesInUnit, string? CommuneCode, bool? PartyMember, DateOnly? PartyAdmissionDate, PartyStatus? PartyStatus,
    string? GeneralEducation, string? ProfessionalQualification, string? PoliticalTheory, string? StateManagement, string? Note)
{
    public PersonInput ToInput() => new(FullName, Gender, DateOfBirth, EthnicityCode, ReligionCode, NationalId, Phone, ResidenceUnitId,
        LivesInUnit ?? true, CommuneCode, PartyMember ?? false, PartyAdmissionDate, PartyStatus, GeneralEducation, ProfessionalQualification,
        PoliticalTheory, StateManagement, Note);
}

/// <summary>People who lead residential units: search, read (identifiers masked without the permission), create, update.</summary>
public static class PeopleApi
{
    public static RouteGroupBuilder MapPeopleApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/v1/people").WithTags("Người").RequirePermission(Permission.ViewPeople);
        group.MapGet("/", Search).WithSummary("Tìm người theo tên (không dấu) hoặc số căn cước");
        group.MapGet("/{id:int}", Get).WithSummary("Hồ sơ một người và các chức danh đã giữ");
        group.MapGet("/{id:int}/tenures", Tenures).WithSummary("Các chức danh một người đã và đang giữ");
        group.MapPost("/", Create).RequirePermission(Permission.EditPeople).WithSummary("Tạo hồ sơ người");
        group.MapPut("/{id:int}", Update).RequirePermission(Permission.EditPeople).WithSummary("Sửa hồ sơ người");
        return group;
    }

    private static async Task<Ok<List<PersonRow>>> Search(AppDb db, TimeProvider time, string? q, string? commune, int? limit, CancellationToken ct) =>
        TypedResults.Ok(await LeaderQueries.SearchAsync(db, q, commune, Math.Clamp(limit ?? 50, 1, 500), time.Today(), ct));

    private static async Task<Results<Ok<PersonDetail>, ProblemHttpResult>> Get(AppDb db, TimeProvider time, int id, CancellationToken ct)
    {
        var person = await LeaderQueries.PersonAsync(db, id, time.Today(), ct);
        if (person is null) return Error.NotFound("người này").ToProblem();
        return TypedResults.Ok(new PersonDetail(person, await LeaderQueries.OfPersonAsync(db, id, time.Today(), ct)));
    }

    private static async Task<Results<Ok<List<LeaderRow>>, ProblemHttpResult>> Tenures(AppDb db, TimeProvider time, int id, CancellationToken ct)
    {
        if (await LeaderQueries.PersonAsync(db, id, time.Today(), ct) is null) return Error.NotFound("người này").ToProblem();
        return TypedResults.Ok(await LeaderQueries.OfPersonAsync(db, id, time.Today(), ct));
    }

    private static async Task<Results<Created<PersonRow>, ProblemHttpResult>> Create(PersonRequest body, SavePerson useCase, AppDb db, TimeProvider time, CancellationToken ct)
    {
        var result = await useCase.CreateAsync(body.ToInput(), ct);
        if (!result.Succeeded) return await ProblemAsync(db, result.Errors, body.NationalId, ct);
        var row = (await LeaderQueries.PersonAsync(db, result.Value!.Id, time.Today(), ct))!;
        return TypedResults.Created($"/api/v1/people/{row.Id}", row);
    }

    private static async Task<Results<Ok<PersonRow>, ProblemHttpResult>> Update(int id, PersonRequest body, SavePerson useCase, AppDb db, TimeProvider time, CancellationToken ct)
    {
        if (body.Version is not { } version) return new Error("version_required", "Cần trường version (phiên bản đang sửa).", "version").ToProblem();
        var result = await useCase.UpdateAsync(id, version, body.ToInput(), ct);
        if (!result.Succeeded) return await ProblemAsync(db, result.Errors, body.NationalId, ct);
        return TypedResults.Ok((await LeaderQueries.PersonAsync(db, id, time.Today(), ct))!);
    }

    /// <summary>The refusal; when the national id is someone else's, names that person (if the user may see them) to use instead.</summary>
    public static async Task<ProblemHttpResult> ProblemAsync(AppDb db, IReadOnlyList<Error> errors, string? nationalId, CancellationToken ct)
    {
        var problem = errors.ToProblem();
        if (errors.Any(e => e.Code == SavePerson.NationalIdExists) && nationalId?.Trim() is { Length: > 0 } number)
        {
            var existing = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.FirstOrDefaultAsync(
                db.People.Where(p => p.NationalId == number).Select(p => (int?)p.Id), ct);
            if (existing is not null) problem.ProblemDetails.Extensions["existingPersonId"] = existing;
        }
        return problem;
    }
}
