using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;
using Grassroots.Data;
using Grassroots.Features.People;
using Grassroots.Features.Training;

namespace Grassroots.Tests.Data;

public sealed class AuditJsonTests
{
    /// <summary>The serializer as the audit trail used it before the hand-written writer: the text must not change.</summary>
    private static readonly JsonSerializerOptions Serializer = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.Create(UnicodeRanges.All),
        Converters = { new JsonStringEnumConverter() },
    };

    [Fact]
    public void Changes_are_written_as_the_serializer_writes_the_same_dictionary()
    {
        (string, object?, object?)[] changes =
        [
            ("FullName", null, "Nguyễn Thị Ánh <\"Hồng\"> & 'Lan'"),
            ("Version", 1, 2),
            ("RowId", 9_000_000_000L, null),
            ("Score", 7.50m, 10m),
            ("PartyMember", false, true),
            ("Gender", Gender.Female, (Gender)99),
            ("Result", TrainingResult.Pending, TrainingResult.Completed),
            ("DateOfBirth", new DateOnly(1975, 2, 3), null),
            ("CreatedAt", new DateTime(2026, 11, 24, 2, 30, 15, 120, DateTimeKind.Utc), new DateTime(2026, 11, 24, 2, 30, 15, DateTimeKind.Utc)),
            ("Code", Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e"), null),
            ("Hours", 1.5, 4.0),
            ("StartTime", new TimeOnly(7, 30), null),
        ];
        var expected = JsonSerializer.Serialize(changes.ToDictionary(c => c.Item1, c => new[] { c.Item2, c.Item3 }), Serializer);

        Assert.Equal(expected, AppDb.ChangesJson(changes));
        Assert.Contains("Nguyễn Thị Ánh", expected, StringComparison.Ordinal);
        Assert.Equal("{}", AppDb.ChangesJson([]));
    }
}
