using System.Globalization;
using Grassroots.Common;
using Grassroots.Features.Units;

namespace Grassroots.Features.People.Lists;

/// <summary>
/// The counts above a leader list, as reports and articles give them: positions held (tenures), and among the
/// people holding them party members, women, ethnic minorities and age bands at the list's date.
/// </summary>
public sealed record LeaderSummary(
    int Tenures, int People, IReadOnlyList<(string Position, int Count)> ByPosition, int PartyMembers, int Women, int Minorities,
    IReadOnlyList<(AgeBand Band, int Count)> ByAge, int AgeUnknown)
{
    public int Under60 => ByAge.Where(a => a.Band != AgeBand.From60).Sum(a => a.Count);

    public static LeaderSummary Of(IReadOnlyList<LeaderRow> rows)
    {
        var people = rows.DistinctBy(r => r.PersonId).ToList();
        var byPosition = rows.GroupBy(r => (r.Position, Name: r.Position == Position.VillageParticipant ? Tenure.PositionName(r.Position) : r.PositionName))
            .OrderBy(g => g.Key.Position).ThenBy(g => g.Key.Name, VietnameseText.Comparer)
            .Select(g => (g.Key.Name, g.Count())).ToList();
        var byAge = Enum.GetValues<AgeBand>().Select(b => (b, people.Count(p => p.Age is { } age && BandOf(age) == b))).ToList();
        return new LeaderSummary(rows.Count, people.Count, byPosition, people.Count(p => p.PartyMember), people.Count(p => p.Gender == Gender.Female),
            people.Count(p => p.EthnicityCode is { } e && e != ReferenceLists.Kinh), byAge, people.Count(p => p.Age is null));
    }

    /// <summary>The band of an age (the same bands as <see cref="LeaderFilter.AgeBand"/>).</summary>
    public static AgeBand BandOf(int age) => age switch { < 30 => AgeBand.Under30, < 45 => AgeBand.From30To44, < 60 => AgeBand.From45To59, _ => AgeBand.From60 };

    /// <summary>"12 (34,3%)": a count with its share of the people listed.</summary>
    public string Share(int count) => People == 0
        ? VietnameseText.FormatNumber(count)
        : $"{VietnameseText.FormatNumber(count)} ({(100.0 * count / People).ToString("0.#", VietnameseText.Culture)}%)";
}

/// <summary>Vietnamese labels and cell formats shared by the leader lists.</summary>
public static class ListText
{
    public static string AgeBandName(AgeBand band) => band switch
    {
        AgeBand.Under30 => "Dưới 30 tuổi",
        AgeBand.From30To44 => "Từ 30 đến 44 tuổi",
        AgeBand.From45To59 => "Từ 45 đến 59 tuổi",
        _ => "Từ 60 tuổi trở lên",
    };

    /// <summary>A position as a filter option: both local names where a thôn and a tổ dân phố differ.</summary>
    public static string PositionOption(Position position)
    {
        var village = Tenure.PositionName(position, UnitKind.Village);
        var group = Tenure.PositionName(position, UnitKind.ResidentialGroup);
        return village == group ? village : $"{village} / {group}";
    }

    /// <summary>A date of birth as the row gives it: dd/MM/yyyy when shown, the mask when not.</summary>
    public static string BirthDate(string? shown) =>
        DateOnly.TryParseExact(shown, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? VietnameseText.FormatDate(date) : shown ?? "";

    /// <summary>Whole months from one date to another ("served 4 months").</summary>
    public static int MonthsBetween(DateOnly from, DateOnly to)
    {
        var months = (to.Year - from.Year) * 12 + to.Month - from.Month;
        return to.Day < from.Day ? months - 1 : months;
    }

    /// <summary>Short Vietnamese names of the soft rules the "cần xem xét" page groups by.</summary>
    public static string RuleName(string rule) => rule switch
    {
        "R-ELIG-01" => "Không thường trú hoặc không cư trú tại thôn, tổ dân phố",
        "R-ELIG-02" => "Chưa đủ tuổi khi bắt đầu giữ chức danh",
        "R-ORG-01" => "Quá số phó trưởng thôn, tổ phó",
        "R-TERM-01" => "Nhiệm kỳ khác quy định của tỉnh",
        "R-TERM-02" => "Giữ chức lâm thời quá thời hạn",
        "R-ALLOW" => "Quá số chức danh hưởng phụ cấp",
        _ => rule,
    };

    /// <summary>A warning's message without the rule id it starts with (shown beside it already).</summary>
    public static string WithoutRule(RuleWarning warning) =>
        warning.Message.StartsWith(warning.Rule + ": ", StringComparison.Ordinal) ? warning.Message[(warning.Rule.Length + 2)..] : warning.Message;

    /// <summary>The rules in the order the page lists them.</summary>
    public static readonly string[] Rules = ["R-ELIG-01", "R-ELIG-02", "R-ORG-01", "R-TERM-01", "R-TERM-02", "R-ALLOW"];
}
