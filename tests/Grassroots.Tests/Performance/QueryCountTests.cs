using System.Net;
using Grassroots.Data;
using Grassroots.Features.People;
using Grassroots.Features.Training;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Grassroots.Tests.Performance;

/// <summary>
/// No N+1 queries on the main pages: each page sends the same number of SQL commands whether the commune has a few
/// units, leaders and participants or twice as many, and never more than a small fixed number. Counted with an EF Core
/// command interceptor around the real app (not timed: speed lives in bench/).
/// </summary>
public sealed class QueryCountTests
{
    private const int MostCommandsPerPage = 25;
    private static readonly string[] GivenNames = ["An", "Bình", "Cường", "Dũng", "Giang", "Hải", "Khánh", "Long", "Minh", "Nam", "Phúc", "Quang", "Sơn", "Tâm", "Vinh"];

    private sealed class Scene
    {
        public Course Course { get; init; } = null!;
        public CourseSession Session { get; init; } = null!;
        public List<Tenure> Heads { get; } = [];
    }

    /// <summary>Adds <paramref name="count"/> units to Xã Đà Bắc, each with a head and a deputy; the heads enrolled and marked present.</summary>
    private static async Task GrowAsync(TestApp app, Scene scene, int count)
    {
        await using var db = app.Database.NewDb();
        var time = app.Factory.Time;
        for (var i = 0; i < count; i++)
        {
            var n = scene.Heads.Count;
            var unit = await UnitBuilder.EstablishAsync(db, time, $"Thôn Đếm Lệnh {n + 1}");
            var head = await LeaderBuilder.AppointAsync(db, time, unit, $"Nguyễn Văn {GivenNames[n % GivenNames.Length]}", born: new DateOnly(1970 + n, 3, 1));
            await LeaderBuilder.AppointAsync(db, time, unit, $"Trần Thị {GivenNames[(n + 7) % GivenNames.Length]}", Position.DeputyHead, born: new DateOnly(1985, 5, n + 1));
            var enrolment = await TrainingBuilder.EnrolAsync(db, time, scene.Course, head);
            db.Attendances.Add(new Attendance
            {
                SessionId = scene.Session.Id, EnrolmentId = enrolment.Id, PersonId = enrolment.PersonId, CourseProvinceCode = enrolment.CourseProvinceCode,
                ProvinceCode = enrolment.ProvinceCode, CommuneId = enrolment.CommuneId, UnitId = enrolment.UnitId, Status = AttendanceStatus.Present,
                Method = AttendanceMethod.RollCall, RecordedAt = time.GetUtcNow().UtcDateTime,
            });
            await db.SaveChangesAsync();
            scene.Heads.Add(head);
        }
    }

    private static string[] Pages(Scene scene) =>
    [
        "/", "/tinh/25", "/tinh/25/can-bo", $"/xa/{UnitBuilder.Xa}", $"/xa/{UnitBuilder.Xa}/can-bo", $"/thon/{scene.Heads[0].UnitId}",
        "/nguoi?q=nguyen", $"/nguoi/{scene.Heads[0].PersonId}", "/can-xem-xet", "/nhiem-ky-sap-het", "/truong-thon-lam-thoi", "/nhat-ky",
        "/dao-tao", $"/dao-tao/lop/{scene.Course.Id}", $"/dao-tao/lop/{scene.Course.Id}/hoc-vien", $"/dao-tao/lop/{scene.Course.Id}/giay-moi",
        $"/dao-tao/lop/{scene.Course.Id}/ket-qua", $"/dao-tao/lop/{scene.Course.Id}/chung-nhan", $"/dao-tao/buoi/{scene.Session.Id}/diem-danh",
        "/dao-tao/do-bao-phu?province=25",
    ];

    private static async Task<Dictionary<string, int>> CountAsync(TestApp app, SqlCommandCounter counter, Scene scene)
    {
        var counts = new Dictionary<string, int>();
        foreach (var page in Pages(scene))
        {
            counter.Reset();
            var response = await app.Client.GetAsync(page);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{page}: {(int)response.StatusCode}");
            counts[page] = counter.Count;
        }
        return counts;
    }

    [Fact]
    public async Task Main_pages_send_as_many_SQL_commands_for_twice_the_rows_and_a_small_fixed_number()
    {
        var counter = new SqlCommandCounter();
        await using var app = await AppFactory.StartAsync(configure: f => f.ExtraServices.Add(s => s.ConfigureDbContext<AppDb>(o => o.AddInterceptors(counter))));
        Scene scene;
        await using (var db = app.Database.NewDb())
        {
            var course = await TrainingBuilder.CourseAsync(db, app.Factory.Time, "Lớp đếm lệnh SQL");
            scene = new Scene { Course = course, Session = await TrainingBuilder.SessionAsync(db, course, course.StartDate) };
        }
        await GrowAsync(app, scene, 3);
        await CountAsync(app, counter, scene); // warm-up: start-up checks and caches
        var few = await CountAsync(app, counter, scene);
        await GrowAsync(app, scene, 6);
        await CountAsync(app, counter, scene); // warm-up again: saving units and people empties the caches of grants and places
        var more = await CountAsync(app, counter, scene);

        Assert.All(few, page => Assert.True(page.Value > 0, $"{page.Key}: no SQL counted, the interceptor is not in place"));
        var grew = few.Where(p => more[p.Key] != p.Value).Select(p => $"{p.Key}: {p.Value} → {more[p.Key]}").ToList();
        Assert.True(grew.Count == 0, "SQL commands per page grew with the rows (N+1?):\n" + string.Join("\n", grew));
        var many = more.Where(p => p.Value > MostCommandsPerPage).Select(p => $"{p.Key}: {p.Value}").ToList();
        Assert.True(many.Count == 0, $"Pages sending more than {MostCommandsPerPage} SQL commands:\n" + string.Join("\n", many));
    }
}
