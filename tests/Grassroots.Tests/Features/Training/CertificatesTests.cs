using Grassroots.Common;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training;
using Grassroots.Features.Training.Certificates;
using Grassroots.Features.Training.Completion;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Training;

/// <summary>Issuing certificates on the database: numbers per register, no duplicates, unguessable codes, revoking, racing issuers.</summary>
public sealed class CertificatesTests
{
    private static readonly FixedClock Clock = TrainingScope.Clock;
    private static readonly CancellationToken Ct = CancellationToken.None;

    /// <summary>A course whose participants all attended every session, computed.</summary>
    private static async Task<(Course Course, List<Enrolment> Enrolments)> CompletedAsync(Grassroots.Data.AppDb db, string title, string[] names, string? organiser = null)
    {
        var (course, sessions, e) = await CompletionScene.CourseAsync(db, Clock, names, sessions: 2, title: title, organiser: organiser);
        foreach (var x in e) await CompletionScene.AttendAsync(db, sessions, x, 2);
        (await new ComputeResults(db, Clock).RunAsync(course.Id, null, Ct)).ValueOrThrow.ToString();
        return (course, e);
    }

    [Fact]
    public async Task Numbers_run_on_in_the_organisers_register_and_issuing_again_adds_nobody_twice()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var (first, e1) = await CompletedAsync(db, "Lớp 1", ["Phạm Văn Bảo", "Lê Văn Anh"]);
        var (second, _) = await CompletedAsync(db, "Lớp 2", ["Trần Văn Tùng"]);
        var (other, _) = await CompletedAsync(db, "Lớp 3", ["Hà Văn Đức"], organiser: "Trường Chính trị tỉnh Phú Thọ");
        await using var organiser = await TrainingScope.AsUserAsync(database, "cap-gcn", Role.ProvinceOfficer, "25");
        var issue = new IssueCertificates(organiser, Clock);

        var a = (await issue.RunAsync(first.Id, Ct)).ValueOrThrow;
        var b = (await issue.RunAsync(second.Id, Ct)).ValueOrThrow;
        var c = (await issue.RunAsync(other.Id, Ct)).ValueOrThrow;
        var again = (await issue.RunAsync(first.Id, Ct)).ValueOrThrow;

        // In name order within a course (Anh before Bảo); the same organiser's register goes on; another organiser starts at 1.
        Assert.Equal([("1/GCN-SNV", "Lê Văn Anh"), ("2/GCN-SNV", "Phạm Văn Bảo")], a.Issued.Select(x => (x.Number, x.HolderName)));
        Assert.Equal(["3/GCN-SNV"], b.Issued.Select(x => x.Number));
        Assert.Equal(["1/GCN-SNV"], c.Issued.Select(x => x.Number));
        Assert.Equal("25|Sở Nội vụ tỉnh Phú Thọ|2026", a.Issued[0].Register);
        Assert.Equal((0, 2), (again.Issued.Count, again.AlreadyIssued));
        Assert.Equal(4, await db.Certificates.CountAsync(Ct));
        Assert.Equal(new DateOnly(1980, 1, 1), a.Issued[0].HolderBirthDate);
        Assert.Equal(Clock.Today(), a.Issued[0].IssuedOn);

        // Codes: 128 random bits in base64url, all different.
        var codes = await db.Certificates.Select(x => x.Code).ToListAsync(Ct);
        Assert.Equal(codes.Count, codes.Distinct().Count());
        Assert.All(codes, code => Assert.Matches("^[A-Za-z0-9_-]{22}$", code));
        Assert.Equal(4, await db.AuditEvents.CountAsync(x => x.Operation == "issue-certificates" && x.EntityType == "Certificate", Ct));
    }

    [Fact]
    public async Task A_revoked_certificate_says_so_on_verification_and_is_not_issued_again()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var (course, _) = await CompletedAsync(db, "Lớp thu hồi", ["Nguyễn Văn An"]);
        await using var organiser = await TrainingScope.AsUserAsync(database, "thu-hoi", Role.ProvinceOfficer, "25");
        var certificate = (await new IssueCertificates(organiser, Clock).RunAsync(course.Id, Ct)).ValueOrThrow.Issued.Single();
        var revoke = new RevokeCertificate(organiser, Clock);

        Assert.Equal("reason_required", (await revoke.RunAsync(new(certificate.Id, certificate.Version, ""), Ct)).Errors.Single().Code);
        (await revoke.RunAsync(new(certificate.Id, certificate.Version, "Cấp nhầm người"), Ct)).ValueOrThrow.ToString();
        Assert.Equal("already_revoked", (await revoke.RunAsync(new(certificate.Id, certificate.Version + 1, "Lần nữa"), Ct)).Errors.Single().Code);

        var check = (await CertificateQueries.VerifyAsync(TrainingScope.NewDb(database, CurrentAccess.Anonymous()), certificate.Code, Ct))!;
        Assert.Equal((true, "Cấp nhầm người", "Đã thu hồi", "Nguyễn V** A*", 1980), (check.Revoked, check.RevokedReason, check.Status, check.Holder, check.BirthYear));
        Assert.Equal(Clock.Today(), check.RevokedOn);
        var again = (await new IssueCertificates(organiser, Clock).RunAsync(course.Id, Ct)).ValueOrThrow;
        Assert.Equal((0, 1), (again.Issued.Count, again.Revoked));
        Assert.Single(await db.AuditEvents.Where(x => x.Operation == "revoke-certificate").ToListAsync(Ct));
    }

    [Fact]
    public async Task Two_organisers_issuing_at_once_never_take_the_same_number()
    {
        await using var database = await TestDatabase.CreateAsync();
        var courses = new List<Course>();
        await using (var db = TrainingScope.NewDb(database))
            for (var i = 0; i < 4; i++)
                courses.Add((await CompletedAsync(db, $"Lớp song song {i}", [$"Người Số {(char)('A' + i)}", $"Người Khác {(char)('A' + i)}"])).Course);

        var runs = courses.Select(async c =>
        {
            await using var db = TrainingScope.NewDb(database);
            return await new IssueCertificates(db, Clock).RunAsync(c.Id, Ct);
        });
        var results = await Task.WhenAll(runs);

        Assert.All(results, r => Assert.True(r.Succeeded, string.Join("; ", r.Errors.Select(e => e.Message))));
        await using var check = TrainingScope.NewDb(database);
        Assert.Equal(Enumerable.Range(1, 8), (await check.Certificates.Select(x => x.Sequence).ToListAsync(Ct)).Order());
    }

    [Fact]
    public async Task Names_are_masked_word_by_word_keeping_the_family_name()
    {
        Assert.Equal("Nguyễn V** A*", CertificateQueries.MaskName("Nguyễn Văn An"));
        Assert.Equal("Lò T** H**", CertificateQueries.MaskName("Lò Thị Hoa"));
        Assert.Equal("Đ**", CertificateQueries.MaskName("Đức"));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Certificates_are_not_issued_before_the_course_ends_nor_out_of_scope()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = TrainingScope.NewDb(database);
        var future = await TrainingBuilder.CourseAsync(db, Clock, "Lớp tháng 12");
        var (past, _) = await CompletedAsync(db, "Lớp đã học", ["Lê Văn Anh"]);
        await using var hanoi = await TrainingScope.AsUserAsync(database, "ha-noi-gcn", Role.ProvinceOfficer, "01");

        Assert.Equal(("course_not_ended", ErrorKind.Conflict),
            ((await new IssueCertificates(db, Clock).RunAsync(future.Id, Ct)).Errors.Single().Code, (await new IssueCertificates(db, Clock).RunAsync(future.Id, Ct)).Errors.Single().Kind));
        Assert.Equal(ErrorKind.NotFound, (await new IssueCertificates(hanoi, Clock).RunAsync(past.Id, Ct)).Errors.Single().Kind);
    }
}
