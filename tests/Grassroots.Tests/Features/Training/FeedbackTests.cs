using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Grassroots.Tests.Infrastructure.Api;

namespace Grassroots.Tests.Features.Training;

/// <summary>Course feedback: a participant answers once, after the course; answers cannot be traced to them; organisers see the summary.</summary>
public sealed class FeedbackTests
{
    /// <summary>A unit leader's account linked to the person of the enrolment.</summary>
    private static async Task<HttpClient> ParticipantAsync(TestApp app, string userName, Enrolment enrolment)
    {
        var user = await app.CreateUserAsync(userName, Role.UnitLeader, null, enrolment.UnitId);
        await using (var db = app.Database.NewDb())
        {
            var row = await db.Users.SingleAsync(u => u.Id == user.Id);
            row.PersonId = enrolment.PersonId;
            await db.SaveChangesAsync();
        }
        var client = app.Anonymous;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await app.TokenAsync(userName, AppFactory.UserPassword));
        return client;
    }

    [Fact]
    public async Task Participants_rate_each_topic_once_anonymously_and_organisers_see_the_summary()
    {
        await using var app = await AppFactory.StartAsync();
        Course course;
        List<CourseSession> sessions;
        List<Enrolment> e;
        await using (var db = app.Database.NewDb())
        {
            (course, sessions, e) = await CompletionScene.CourseAsync(db, app.Factory.Time, ["Lê Văn Anh", "Phạm Văn Bảo", "Trần Văn Tùng"], sessions: 2);
            foreach (var (s, lecturer) in sessions.Zip(new[] { "TS. Nguyễn Văn Giảng", "ThS. Lê Thị Dạy" }))
            {
                var row = await db.CourseSessions.SingleAsync(x => x.Id == s.Id);
                row.Lecturer = lecturer;
            }
            await db.SaveChangesAsync();
        }
        using var anh = await ParticipantAsync(app, "anh-hv", e[0]);
        using var bao = await ParticipantAsync(app, "bao-hv", e[1]);
        var url = $"/api/v1/training/courses/{course.Id}/feedback";

        var (s0, form) = await Send(anh, HttpMethod.Get, url);
        Assert.Equal((HttpStatusCode.OK, true, 2), (s0, form.GetProperty("open").GetBoolean(), form.GetProperty("items").GetArrayLength()));
        var (s1, p1) = await Send(anh, HttpMethod.Post, url, new { answers = new[] { new { sessionId = sessions[0].Id, rating = 6, comment = "" } } });
        Assert.Equal((HttpStatusCode.BadRequest, "invalid_rating"), (s1, p1.GetProperty("code").GetString()));
        Assert.Contains(p1.GetProperty("errors").EnumerateArray(), x => x.GetProperty("code").GetString() == "rating_required");

        var (s2, _) = await Send(anh, HttpMethod.Post, url, new
        {
            answers = new[] { new { sessionId = sessions[0].Id, rating = 5, comment = "Rất thiết thực" }, new { sessionId = sessions[1].Id, rating = 3, comment = "" } },
        });
        Assert.Equal(HttpStatusCode.Created, s2);
        var (s3, p3) = await Send(anh, HttpMethod.Post, url, new { answers = new[] { new { sessionId = sessions[0].Id, rating = 1, comment = "" }, new { sessionId = sessions[1].Id, rating = 1, comment = "" } } });
        Assert.Equal((HttpStatusCode.Conflict, "feedback_already_given"), (s3, p3.GetProperty("code").GetString()));
        var (s4, _) = await Send(bao, HttpMethod.Post, url, new { answers = new[] { new { sessionId = sessions[0].Id, rating = 4, comment = "Cần thêm ví dụ" }, new { sessionId = sessions[1].Id, rating = 4, comment = "" } } });
        Assert.Equal(HttpStatusCode.Created, s4);

        var (s5, summary) = await Send(app.Client, HttpMethod.Get, $"/api/v1/training/courses/{course.Id}/feedback-summary");
        Assert.Equal((HttpStatusCode.OK, 2, 3), (s5, summary.GetProperty("responses").GetInt32(), summary.GetProperty("enrolled").GetInt32()));
        var first = summary.GetProperty("topics")[0];
        Assert.Equal(("Chuyên đề 1", "TS. Nguyễn Văn Giảng", 2, 4.5m), (first.GetProperty("topic").GetString(), first.GetProperty("lecturer").GetString(),
            first.GetProperty("count").GetInt32(), first.GetProperty("mean").GetDecimal()));
        Assert.Equal([0, 0, 0, 1, 1], first.GetProperty("distribution").EnumerateArray().Select(x => x.GetInt32()));
        Assert.Equal(["Cần thêm ví dụ", "Rất thiết thực"], first.GetProperty("comments").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(["TS. Nguyễn Văn Giảng", "ThS. Lê Thị Dạy"], summary.GetProperty("lecturers").EnumerateArray().Select(x => x.GetProperty("lecturer").GetString()).Order(StringComparer.Ordinal));
        var (s6, lecturers) = await Send(app.Client, HttpMethod.Get, "/api/v1/training/lecturers/feedback");
        Assert.Equal(HttpStatusCode.OK, s6);
        Assert.Contains(lecturers.EnumerateArray(), l => l.GetProperty("lecturer").GetString() == "ThS. Lê Thị Dạy" && l.GetProperty("mean").GetDecimal() == 3.5m);
        var page = await HtmlPage.GetAsync(app.Client, $"/dao-tao/lop/{course.Id}/danh-gia");
        Assert.Contains("Rất thiết thực", page.QuerySelector("#comments")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Lê Văn Anh", page.DocumentElement.OuterHtml, StringComparison.Ordinal);

        // Nothing ties an answer to a person: no such column or key, no audit row, random keys.
        await using var check = app.Database.NewDb();
        var answer = check.Model.FindEntityType(typeof(FeedbackAnswer))!;
        Assert.DoesNotContain(answer.GetProperties(), p => p.Name is "EnrolmentId" or "PersonId" or "UserId" or "SubmittedAt" or "CreatedAt");
        Assert.All(answer.GetForeignKeys(), fk => Assert.Contains(fk.PrincipalEntityType.ClrType, new[] { typeof(Course), typeof(CourseSession) }));
        Assert.Equal(4, await check.FeedbackAnswers.CountAsync());
        Assert.False(await check.AuditEvents.AnyAsync(a => a.EntityType == nameof(FeedbackAnswer)));
        Assert.Equal(2, await check.FeedbackReceipts.CountAsync(r => r.CourseId == course.Id));
    }

    [Fact]
    public async Task Feedback_opens_after_the_last_session_only_to_participants()
    {
        await using var app = await AppFactory.StartAsync();
        Course course;
        List<Enrolment> e;
        await using (var db = app.Database.NewDb())
        {
            (course, var sessions, e) = await CompletionScene.CourseAsync(db, app.Factory.Time, ["Lê Văn Anh"], sessions: 1);
            await TrainingBuilder.SessionAsync(db, course, new DateOnly(2026, 11, 21), "Buổi cuối", new TimeOnly(13, 30), new TimeOnly(17, 0));
        }
        using var anh = await ParticipantAsync(app, "anh-som", e[0]);
        var url = $"/api/v1/training/courses/{course.Id}/feedback";

        var (s1, p1) = await Send(anh, HttpMethod.Post, url, new { answers = Array.Empty<object>() });
        Assert.Equal((HttpStatusCode.Conflict, "feedback_not_open"), (s1, p1.GetProperty("code").GetString()));
        var (s2, p2) = await Send(app.Client, HttpMethod.Post, url, new { answers = Array.Empty<object>() });
        Assert.Equal((HttpStatusCode.Conflict, "not_participant"), (s2, p2.GetProperty("code").GetString()));
        var page = await HtmlPage.GetAsync(anh, $"/cua-toi/lop/{course.Id}/danh-gia");
        Assert.Contains("chưa kết thúc", page.QuerySelector("#feedback-closed")!.TextContent, StringComparison.Ordinal);
    }
}
