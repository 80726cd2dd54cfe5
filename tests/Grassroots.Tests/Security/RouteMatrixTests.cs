using System.Net;
using System.Net.Http.Json;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Security;

/// <summary>
/// Every endpoint and page, enumerated from the app's own routing: anonymous → 401 or the login page (unless declared
/// public); a user without the permission → 403; the right role in scope → allowed; the same role out of scope → 404.
/// An endpoint that declares no policy, or a route this matrix does not know, fails the test.
/// </summary>
public sealed class RouteMatrixTests
{
    /// <summary>In-scope: commune 04831 (Xã Đà Bắc, Phú Thọ). Out of scope: 00004 (Phường Ba Đình, Hà Nội).</summary>
    private const string InCommune = UnitBuilder.Xa;
    private const string OutCommune = UnitBuilder.Phuong;

    private sealed record Route(string Pattern, string Method, Permission? Permission, bool Public, bool IsPage);

    private static List<Route> Routes(TestApp app)
    {
        var routes = new List<Route>();
        var unknown = new List<string>();
        foreach (var endpoint in app.Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = "/" + endpoint.RoutePattern.RawText!.TrimStart('/');
            var isPage = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.Abstractions.ActionDescriptor>() is Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor;
            var isPublic = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).Where(p => p is not null).ToList();
            var permissions = policies.Where(p => p!.StartsWith("perm:", StringComparison.Ordinal))
                .Select(p => Enum.Parse<Permission>(p!["perm:".Length..])).ToList();
            // [Authorize] without a policy: any signed-in user (their own password form).
            var signedInOnly = !isPublic && permissions.Count == 0 && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any();
            if (signedInOnly)
            {
                var verbs = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
                foreach (var method in verbs.Where(m => m != "HEAD")) routes.Add(new Route(pattern, method, null, false, isPage));
                continue;
            }
            if (!isPublic && permissions.Count == 0)
            {
                unknown.Add(pattern);
                continue;
            }
            // Where both a group and an endpoint name a permission, the stronger (edit) one decides.
            Permission? permission = permissions.Count == 0 ? null : permissions.Max();
            var methods = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Routing.HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (var method in methods.Where(m => m != "HEAD"))
                routes.Add(new Route(pattern, method, permission, isPublic, isPage));
        }
        Assert.True(unknown.Count == 0, "Endpoints without a declared policy (RequirePermission or AllowAnonymous): " + string.Join(", ", unknown));
        return routes.DistinctBy(r => (r.Pattern, r.Method)).ToList();
    }

    [Fact]
    public async Task Every_endpoint_and_page_answers_by_role_and_scope()
    {
        await using var app = await AppFactory.StartAsync();
        var routes = Routes(app);
        Assert.Contains(routes, r => r.IsPage);
        Assert.Contains(routes, r => r.Pattern.StartsWith("/api/v1/residential-units", StringComparison.Ordinal));

        using var anonymous = app.Anonymous;
        using var noGrants = await ClientWithoutGrantsAsync(app);
        var byPermission = new Dictionary<Permission, HttpClient>();
        var failures = new List<string>();
        foreach (var route in routes)
        {
            var fixture = await Fixture.CreateAsync(app);
            var inScope = Url(route, fixture, inScope: true);
            if (inScope is null)
            {
                failures.Add($"{route.Method} {route.Pattern}: this route is not in the matrix; add how to reach it in and out of scope.");
                continue;
            }
            var anon = await SendAsync(anonymous, route, inScope, fixture, inScope: true);
            if (route.Public)
            {
                if (IsDenied(anon)) failures.Add($"{route.Method} {route.Pattern}: declared public but answered {Describe(anon)} to anonymous.");
                continue;
            }
            if (!IsLoginChallenge(anon, route)) failures.Add($"{route.Method} {route.Pattern}: anonymous got {Describe(anon)}, expected 401 or the login page.");
            if (route.Permission is null)
            {
                var signedIn = await SendAsync(noGrants, route, inScope, fixture, inScope: true);
                if (IsDenied(signedIn) || signedIn.StatusCode == HttpStatusCode.NotFound)
                    failures.Add($"{route.Method} {route.Pattern}: a signed-in user got {Describe(signedIn)}, expected to be allowed.");
                continue;
            }

            var forbidden = await SendAsync(noGrants, route, inScope, fixture, inScope: true);
            if (!IsForbidden(forbidden, route)) failures.Add($"{route.Method} {route.Pattern}: a user without the permission got {Describe(forbidden)}, expected 403.");

            var permission = route.Permission!.Value;
            if (!byPermission.TryGetValue(permission, out var client))
                byPermission[permission] = client = await ClientWithAsync(app, permission);
            var allowed = await SendAsync(client, route, inScope, fixture, inScope: true);
            if (IsDenied(allowed) || allowed.StatusCode == HttpStatusCode.NotFound)
                failures.Add($"{route.Method} {route.Pattern}: {RoleFor(permission)} in scope got {Describe(allowed)}, expected to be allowed.");

            var outOfScope = Url(route, fixture, inScope: false);
            if (outOfScope is not null)
            {
                var denied = await SendAsync(client, route, outOfScope, fixture, inScope: false);
                if (denied.StatusCode != HttpStatusCode.NotFound)
                    failures.Add($"{route.Method} {route.Pattern}: {RoleFor(permission)} out of scope got {Describe(denied)}, expected 404.");
            }
        }
        foreach (var client in byPermission.Values) client.Dispose();
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Records in and out of scope, fresh for each route so that a write does not disturb the next check.</summary>
    private sealed record Fixture(ResidentialUnit In, ResidentialUnit In2, ResidentialUnit Out, ResidentialUnit Out2, int InUser, int OutUser, Tenure InHead, Tenure OutHead,
        TrainingFixture Training)
    {
        private static int _counter;

        public static async Task<Fixture> CreateAsync(TestApp app)
        {
            var n = Interlocked.Increment(ref _counter);
            await using var db = app.Database.NewDb();
            var time = app.Factory.Time;
            var inUnit = await UnitBuilder.EstablishAsync(db, time, $"Thôn Ma Trận {n}A", InCommune);
            var outUnit = await UnitBuilder.EstablishAsync(db, time, $"Tổ dân phố Ma Trận {n}A", OutCommune, UnitKind.ResidentialGroup);
            var record = new RecordTenure(db, time, new SavePerson(db, time));
            async Task<Tenure> HeadAsync(ResidentialUnit unit) => (await record.CreateAsync(new TenureInput(unit.Id, null,
                new PersonInput($"Người Ma Trận {(char)('A' + n % 26)}", Gender.Male, new DateOnly(1980, 1, 1), "01", null, null, null, unit.Id),
                Position.UnitHead, null, TenureMode.Elected, "2022-2027", UnitBuilder.Reform.AddDays(1)), CancellationToken.None)).ValueOrThrow;
            var (inHead, outHead) = (await HeadAsync(inUnit), await HeadAsync(outUnit));
            return new Fixture(
                inUnit,
                await UnitBuilder.EstablishAsync(db, time, $"Thôn Ma Trận {n}B", InCommune),
                outUnit,
                await UnitBuilder.EstablishAsync(db, time, $"Tổ dân phố Ma Trận {n}B", OutCommune, UnitKind.ResidentialGroup),
                (await app.CreateUserAsync($"matrix-in-{n}", Role.Viewer, InCommune)).Id,
                (await app.CreateUserAsync($"matrix-out-{n}", Role.Viewer, OutCommune)).Id,
                inHead, outHead, await TrainingFixture.CreateAsync(db, time, inHead, outHead));
        }
    }

    /// <summary>
    /// Training records of Phú Thọ (in scope) and of Hà Nội (out of scope): a course each, with a saved target group and the
    /// place's head enrolled, a session, a plan and a programme.
    /// </summary>
    private sealed record TrainingFixture(Course InCourse, Course OutCourse, CourseSession InSession, CourseSession OutSession, TrainingPlan InPlan,
        TrainingPlan OutPlan, Programme InProgramme, Programme OutProgramme, Enrolment InEnrolment, Enrolment OutEnrolment,
        Certificate? InCertificate = null, Certificate? OutCertificate = null)
    {
        public static async Task<TrainingFixture> CreateAsync(Grassroots.Data.AppDb db, TimeProvider time, Tenure inHead, Tenure outHead)
        {
            async Task<(Course, Enrolment)> CourseAsync(string title, string province, Tenure head)
            {
                var course = await TrainingBuilder.CourseAsync(db, time, title, provinceCode: province);
                db.TargetGroups.Add(new TargetGroup { CourseId = course.Id, ProvinceCode = province, Name = "Trưởng thôn", Rule = "{\"positions\":[\"UnitHead\"]}" });
                return (course, await TrainingBuilder.EnrolAsync(db, time, course, head));
            }
            var (inCourse, inEnrolment) = await CourseAsync("Lớp trong phạm vi", "25", inHead);
            var (outCourse, outEnrolment) = await CourseAsync("Lớp ngoài phạm vi", "01", outHead);
            TrainingPlan Plan(string province) => new() { ProvinceCode = province, Organiser = "UBND tỉnh", Year = 2026, Title = "Kế hoạch " + province };
            Programme Programme(string province) => new() { Title = "Chương trình " + province, ProvinceCode = province, Topics = [new ProgrammeTopic { Order = 1, Title = "Chuyên đề", Hours = 4 }] };
            var (inPlan, outPlan, inProgramme, outProgramme) = (Plan("25"), Plan("01"), Programme("25"), Programme("01"));
            db.AddRange(inPlan, outPlan, inProgramme, outProgramme);
            await db.SaveChangesAsync();
            // Training: completion, certificates, feedback (branch "certificates"): a certificate of each head.
            Certificate Issued(Enrolment e) => new()
            {
                EnrolmentId = e.Id, CourseId = e.CourseId, CourseProvinceCode = e.CourseProvinceCode, ProvinceCode = e.ProvinceCode, CommuneId = e.CommuneId,
                UnitId = e.UnitId, Register = $"matrix|{e.CourseId}", Sequence = 1, Number = "1/GCN", Code = Guid.NewGuid().ToString("N")[..22],
                IssuedOn = new DateOnly(2026, 11, 20), HolderName = "Người Ma Trận", HolderBirthDate = new DateOnly(1980, 1, 1),
            };
            var (inCertificate, outCertificate) = (Issued(inEnrolment), Issued(outEnrolment));
            db.Certificates.AddRange(inCertificate, outCertificate);
            await db.SaveChangesAsync();
            return new TrainingFixture(inCourse, outCourse, await TrainingBuilder.SessionAsync(db, inCourse, inCourse.StartDate),
                await TrainingBuilder.SessionAsync(db, outCourse, outCourse.StartDate), inPlan, outPlan, inProgramme, outProgramme, inEnrolment, outEnrolment,
                inCertificate, outCertificate);
        }
    }

    /// <summary>How to reach each route in scope and out of scope (null out of scope: the route holds no scoped record).</summary>
    private static string? Url(Route route, Fixture f, bool inScope)
    {
        var unit = inScope ? f.In : f.Out;
        var commune = inScope ? InCommune : OutCommune;
        var head = inScope ? f.InHead : f.OutHead;
        var t = f.Training;
        var training = inScope ? (Course: t.InCourse, Session: t.InSession, Plan: t.InPlan, Programme: t.InProgramme)
            : (Course: t.OutCourse, Session: t.OutSession, Plan: t.OutPlan, Programme: t.OutProgramme);
        static string Id(object record) => (record switch
        {
            Course c => c.Id, CourseSession s => s.Id, TrainingPlan p => p.Id, Programme p => p.Id, _ => 0,
        }).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var course = Id(training.Course);
        var enrolment = inScope ? t.InEnrolment : t.OutEnrolment;
        return route.Pattern switch
        {
            // Training: target groups, enrolment and invitations (enrolment branch).
            "/api/v1/training/target-presets" or "/dao-tao/ghi-danh" => inScope ? route.Pattern : null,
            "/api/v1/training/courses/{courseId:int}/target-group" or "/api/v1/training/courses/{courseId:int}/target-group/"
                or "/api/v1/training/courses/{courseId:int}/target-group/enrol" or "/api/v1/training/courses/{courseId:int}/enrolments"
                or "/api/v1/training/courses/{courseId:int}/invitations" or "/dao-tao/lop/{courseId:int}/doi-tuong" or "/dao-tao/lop/{courseId:int}/hoc-vien"
                or "/dao-tao/lop/{courseId:int}/giay-moi" => route.Pattern.Replace("{courseId:int}", course),
            "/api/v1/training/enrolments/{id:int}" when route.Method == "DELETE" => $"/api/v1/training/enrolments/{enrolment.Id}?version={enrolment.Version}",
            "/api/v1/training/enrolments/{id:int}" or "/api/v1/training/enrolments/{id:int}/withdraw" or "/api/v1/training/enrolments/{id:int}/class" =>
                route.Pattern.Replace("{id:int}", enrolment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "/moi/{code}" => inScope ? $"/moi/{enrolment.InvitationCode}" : null,
            // Training: completion, certificates, feedback (branch "certificates").
            "/api/v1/training/courses/{id:int}/results" or "/api/v1/training/courses/{id:int}/scores" or "/api/v1/training/courses/{id:int}/certificates"
                or "/api/v1/training/courses/{id:int}/certificates/pdf" or "/api/v1/training/courses/{id:int}/feedback"
                or "/api/v1/training/courses/{id:int}/feedback-summary" => route.Pattern.Replace("{id:int}", course),
            "/dao-tao/lop/{courseId:int}/ket-qua" or "/dao-tao/lop/{courseId:int}/chung-nhan" or "/dao-tao/lop/{courseId:int}/danh-gia"
                or "/cua-toi/lop/{courseId:int}/danh-gia" => route.Pattern.Replace("{courseId:int}", course),
            "/api/v1/training/enrolments/{id:int}/result" => route.Pattern.Replace("{id:int}", enrolment.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "/api/v1/training/certificates/{id:int}" or "/api/v1/training/certificates/{id:int}/pdf" or "/api/v1/training/certificates/{id:int}/revoke" =>
                route.Pattern.Replace("{id:int}", (inScope ? t.InCertificate! : t.OutCertificate!).Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "/api/v1/training/certificates/verify/{code}" or "/verify/{code}" => inScope ? route.Pattern.Replace("{code}", t.InCertificate!.Code) : null,
            "/api/v1/training/lecturers/feedback" => inScope ? route.Pattern : null,
            "/api/v1/people/{id:int}/training" => route.Pattern.Replace("{id:int}", head.PersonId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "/" or "/dang-nhap" or "/dang-xuat" or "/health" or "/openapi/{documentName}.json" => inScope ? route.Pattern.Replace("{documentName}", "v1") : null,
            "/loi/{status:int?}" => inScope ? "/loi/404" : null,
            "/api/v1/auth/login" => inScope ? route.Pattern : null,
            "/api/v1/admin-units" or "/api/v1/admin-units/" => inScope ? "/api/v1/admin-units?level=province" : null,
            "/api/v1/admin-units/{code}" => inScope ? "/api/v1/admin-units/00004" : null,
            "/api/v1/admin-units/{code}/lineage" => inScope ? "/api/v1/admin-units/00004/lineage" : null,
            "/tinh/{code}" => inScope ? "/tinh/25" : null,
            "/xa/{code}" => inScope ? "/xa/04831" : null,
            "/xa/{code}/them" or "/xa/{code}/sap-nhap" => $"{route.Pattern.Replace("{code}", commune)}",
            "/thon/{id:int}" or "/thon/{id:int}/sua" or "/thon/{id:int}/chia-tach" => route.Pattern.Replace("{id:int}", unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "/thon/{id:int}/thay-doi" => $"/thon/{unit.Id}/thay-doi?loai=rename",
            "/thon-to-dan-pho/nhap" => inScope ? route.Pattern : null,
            "/thon/{unitId:int}/chuc-danh/moi" => $"/thon/{unit.Id}/chuc-danh/moi",
            "/chuc-danh/{id:int}/sua" or "/chuc-danh/{id:int}/ket-thuc" => route.Pattern.Replace("{id:int}", head.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "/nguoi" => inScope ? "/nguoi?q=ma tran" : null,
            "/nguoi/{id:int}" or "/nguoi/{id:int}/sua" => route.Pattern.Replace("{id:int}", head.PersonId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "/quan-tri/nguoi-dung" or "/quan-tri/nguoi-dung/them" or "/tai-khoan/mat-khau" => inScope ? route.Pattern : null,
            "/quan-tri/nguoi-dung/{id:int}" => $"/quan-tri/nguoi-dung/{(inScope ? f.InUser : f.OutUser)}",
            "/nhat-ky" or "/api/v1/audit/export" => inScope ? route.Pattern : null,
            "/api/v1/audit" or "/api/v1/audit/" => inScope ? "/api/v1/audit" : null,
            "/api/v1/residential-units" or "/api/v1/residential-units/" when route.Method == "GET" => $"/api/v1/residential-units?commune={commune}",
            "/api/v1/residential-units" or "/api/v1/residential-units/" => "/api/v1/residential-units",
            "/api/v1/residential-units/merge" => route.Pattern,
            "/api/v1/residential-units/{id:int}" when route.Method == "DELETE" => $"/api/v1/residential-units/{unit.Id}?version={unit.Version}",
            "/api/v1/residential-units/{id:int}" or "/api/v1/residential-units/{id:int}/history" or "/api/v1/residential-units/{id:int}/rename"
                or "/api/v1/residential-units/{id:int}/convert" or "/api/v1/residential-units/{id:int}/move" or "/api/v1/residential-units/{id:int}/dissolve"
                or "/api/v1/residential-units/{id:int}/split" or "/api/v1/residential-units/{id:int}/tenures" => route.Pattern.Replace("{id:int}", unit.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "/api/v1/residential-units/import/template" or "/api/v1/residential-units/import" => inScope ? route.Pattern : null,
            "/api/v1/residential-units/export" => $"/api/v1/residential-units/export?commune={commune}",
            "/api/v1/people" or "/api/v1/people/" when route.Method == "GET" => inScope ? "/api/v1/people?q=ma tran" : null,
            "/api/v1/people" or "/api/v1/people/" => "/api/v1/people",
            "/api/v1/people/{id:int}" or "/api/v1/people/{id:int}/tenures" => route.Pattern.Replace("{id:int}", head.PersonId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "/api/v1/tenures" or "/api/v1/tenures/" when route.Method == "GET" => $"/api/v1/tenures?commune={commune}",
            "/api/v1/tenures" or "/api/v1/tenures/" => "/api/v1/tenures",
            "/api/v1/tenures/{id:int}" when route.Method == "DELETE" => $"/api/v1/tenures/{head.Id}?version={head.Version}",
            "/api/v1/tenures/{id:int}" or "/api/v1/tenures/{id:int}/end" => route.Pattern.Replace("{id:int}", head.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            "/api/v1/tenures/review" or "/api/v1/tenures/ending" or "/api/v1/tenures/acting" => $"{route.Pattern}?commune={commune}",
            "/api/v1/tenures/import/template" or "/api/v1/tenures/import" or "/can-bo/nhap" => inScope ? route.Pattern : null,
            "/api/v1/tenures/export" or "/can-bo/xuat" => $"{route.Pattern}?commune={commune}",
            "/dao-tao" or "/dao-tao/chuong-trinh" or "/dao-tao/lop/moi" or "/dao-tao/ke-hoach/moi" => inScope ? route.Pattern : null,
            "/dao-tao/lop/{id:int}" or "/dao-tao/lop/{id:int}/sua" or "/dao-tao/lop/{id:int}/buoi/moi" => route.Pattern.Replace("{id:int}", Id(training.Course)),
            "/dao-tao/buoi/{id:int}/sua" or "/dao-tao/buoi/{id:int}/diem-danh" or "/dao-tao/buoi/{id:int}/ma-diem-danh" or "/diem-danh/{id:int}"
                or "/dao-tao/buoi/{id:int}/so-ky" or "/dao-tao/buoi/{id:int}/nhap-so-ky" or "/api/v1/training/sessions/{id:int}/sign-in-sheet"
                or "/api/v1/training/sessions/{id:int}/attendance" or "/api/v1/training/sessions/{id:int}/check-in" => route.Pattern.Replace("{id:int}", Id(training.Session)),
            "/cua-toi/lop" or "/api/v1/training/me/courses" => inScope ? route.Pattern : null,
            "/dao-tao/ke-hoach/{id:int}" or "/dao-tao/ke-hoach/{id:int}/sua" => route.Pattern.Replace("{id:int}", Id(training.Plan)),
            "/api/v1/training/programmes" or "/api/v1/training/plans" or "/api/v1/training/courses" => inScope ? route.Pattern : null,
            "/api/v1/training/programmes/{id:int}" when route.Method == "PUT" => $"/api/v1/training/programmes/{Id(training.Programme)}?version=1",
            "/api/v1/training/programmes/{id:int}" => $"/api/v1/training/programmes/{Id(training.Programme)}",
            "/api/v1/training/plans/{id:int}" when route.Method == "PUT" => $"/api/v1/training/plans/{Id(training.Plan)}?version=1",
            "/api/v1/training/plans/{id:int}" => $"/api/v1/training/plans/{Id(training.Plan)}",
            "/api/v1/training/courses/{id:int}" when route.Method == "PUT" => $"/api/v1/training/courses/{Id(training.Course)}?version=1",
            "/api/v1/training/courses/{id:int}" => $"/api/v1/training/courses/{Id(training.Course)}",
            "/api/v1/training/courses/{id:int}/status" => $"/api/v1/training/courses/{Id(training.Course)}/status?version=1",
            "/api/v1/training/courses/{id:int}/sessions" => $"/api/v1/training/courses/{Id(training.Course)}/sessions",
            "/api/v1/training/sessions/{id:int}" => $"/api/v1/training/sessions/{Id(training.Session)}?version=1",
            "/dao-tao/do-bao-phu" or "/api/v1/training/coverage" or "/api/v1/training/coverage/" or "/api/v1/training/coverage/untrained"
                or "/api/v1/training/coverage/export" => $"{route.Pattern.TrimEnd('/')}?province={(inScope ? "25" : "01")}",
            "/xa/{code}/can-bo" => $"/xa/{commune}/can-bo",
            "/tinh/{code}/can-bo" => inScope ? "/tinh/25/can-bo" : "/tinh/01/can-bo",
            "/can-bo" => inScope ? route.Pattern : null,
            "/can-xem-xet" or "/nhiem-ky-sap-het" or "/truong-thon-lam-thoi" => $"{route.Pattern}?xa={commune}",
            _ => null,
        };
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, Route route, string url, Fixture f, bool inScope)
    {
        using var request = new HttpRequestMessage(new HttpMethod(route.Method), url);
        if (route.Method is "POST" or "PUT")
        {
            var (a, b) = inScope ? (f.In, f.In2) : (f.Out, f.Out2);
            if (route.Pattern.EndsWith("/import", StringComparison.Ordinal))
            {
                var form = new MultipartFormDataContent();
                form.Add(new ByteArrayContent("Mã xã/phường,Tên thôn/tổ dân phố,Loại\n04831,Thôn Nhập Ma Trận,Thôn\n"u8.ToArray()), "file", "units.csv");
                request.Content = form;
            }
            else
            {
                // One body that every unit write accepts; what does not apply is ignored.
                request.Content = JsonContent.Create(new
                {
                    version = a.Version, effectiveDate = "2026-06-01", newName = $"Tên mới {a.Id}", communeCode = inScope ? InCommune : OutCommune,
                    name = $"Đơn vị mới {a.Id}", kind = inScope ? "village" : "residentialGroup", targetCommuneCode = inScope ? InCommune : OutCommune,
                    parts = new[] { new { name = $"Phần {a.Id} A" }, new { name = $"Phần {a.Id} B" } },
                    sources = new[] { new { id = a.Id, version = a.Version, approvalPercent = 80.0 }, new { id = b.Id, version = b.Version, approvalPercent = 80.0 } },
                    adjacencyConfirmed = true, householdCount = 200, unitId = a.Id, personId = (inScope ? f.InHead : f.OutHead).PersonId,
                    position = "deputyHead", mode = "recognized", startDate = "2026-06-01", endDate = "2026-06-02", endReason = "other",
                    fullName = "Người Mới Ma Trận", gender = "female", residenceUnitId = a.Id, userName = "nobody", password = "wrong-password-1",
                    status = "open",
                });
            }
        }
        return await client.SendAsync(request);
    }

    private static bool IsLoginChallenge(HttpResponseMessage r, Route route) => route.IsPage
        ? r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/dang-nhap", StringComparison.Ordinal)
        : r.StatusCode == HttpStatusCode.Unauthorized;

    /// <summary>403 (bearer callers; pages show the Vietnamese "Không có quyền" page with it), or a cookie's redirect to that page.</summary>
    private static bool IsForbidden(HttpResponseMessage r, Route route) =>
        r.StatusCode == HttpStatusCode.Forbidden ||
        (route.IsPage && r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString().Contains("/loi/403", StringComparison.Ordinal));

    private static bool IsDenied(HttpResponseMessage r) =>
        r.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden ||
        (r.StatusCode == HttpStatusCode.Redirect && r.Headers.Location!.ToString() is var l && (l.Contains("/dang-nhap", StringComparison.Ordinal) || l.Contains("/loi/403", StringComparison.Ordinal)));

    private static string Describe(HttpResponseMessage r) => $"{(int)r.StatusCode}{(r.Headers.Location is { } l ? " → " + l : "")}";

    /// <summary>
    /// The role used for each permission: commune officers for unit work, province officers for the rest (the in-scope
    /// course is the province's: its organiser's officers manage it and record its attendance).
    /// </summary>
    private static (Role Role, string Scope) RoleFor(Permission permission) => permission switch
    {
        Permission.ManageUsers or Permission.ManageCourses or Permission.RecordAttendance => (Role.ProvinceOfficer, "25"),
        _ => (Role.CommuneOfficer, InCommune),
    };

    private static async Task<HttpClient> ClientWithAsync(TestApp app, Permission permission)
    {
        var (role, scope) = RoleFor(permission);
        Assert.True(Permissions.Has(role, permission));
        var userName = $"matrix-{permission}".ToLowerInvariant();
        var client = await app.ClientForAsync(userName, role, scope);
        // Self check-in and "my courses" need an account that belongs to a registry person (of the in-scope commune).
        if (permission == Permission.ViewPeople)
        {
            await using var db = app.Database.NewDb();
            var unit = await UnitBuilder.EstablishAsync(db, app.Factory.Time, "Thôn Ma Trận Tài Khoản", InCommune);
            var head = await LeaderBuilder.AppointAsync(db, app.Factory.Time, unit, "Người Có Tài Khoản");
            var user = await db.Users.SingleAsync(u => u.UserName == userName);
            user.PersonId = head.PersonId;
            await db.SaveChangesAsync();
        }
        return client;
    }

    private static async Task<HttpClient> ClientWithoutGrantsAsync(TestApp app)
    {
        var user = await app.CreateUserAsync("matrix-no-grants", Role.Viewer, "25");
        await using (var db = app.Database.NewDb())
        {
            db.UserGrants.RemoveRange(db.UserGrants.Where(g => g.UserId == user.Id));
            await db.SaveChangesAsync();
        }
        var client = app.Anonymous;
        client.DefaultRequestHeaders.Authorization = new("Bearer", await app.TokenAsync("matrix-no-grants", AppFactory.UserPassword));
        return client;
    }
}
