using Grassroots.Common;

namespace Grassroots.Features.Training.Enrolments;

/// <summary>What an enrolment write did, in the words the flash message and the API's "message" use.</summary>
public static class EnrolmentMessages
{
    public static string Enrolled(EnrolmentChange c) => (c.Enrolment.Status == EnrolmentStatus.Waiting
        ? $"Lớp đã đủ chỗ: {c.Name} được đưa vào danh sách chờ."
        : $"Đã ghi danh {c.Name}.") + MovedUp(c.MovedUp);

    public static string Withdrawn(EnrolmentChange c) => $"Đã ghi nhận {c.Name} rút tên khỏi lớp." + MovedUp(c.MovedUp);

    public static string Removed(EnrolmentChange c) => $"Đã xóa {c.Name} khỏi danh sách lớp." + MovedUp(c.MovedUp);

    public static string Moved(EnrolmentChange c) => $"Đã xếp lớp cho {c.Name}." + MovedUp(c.MovedUp);

    public static string ByRule(EnrolByRuleResult r)
    {
        var text = $"Đối tượng có {VietnameseText.FormatNumber(r.Matched)} người tại ngày {VietnameseText.FormatDate(r.AsOf)}: " +
                   $"đã ghi danh {VietnameseText.FormatNumber(r.Enrolled)}, danh sách chờ {VietnameseText.FormatNumber(r.Waiting)}";
        if (r.AlreadyListed > 0) text += $", {VietnameseText.FormatNumber(r.AlreadyListed)} người đã có trong danh sách từ trước";
        return text + "." + MovedUp(r.MovedUp);
    }

    private static string MovedUp(IReadOnlyList<string> names) => names.Count == 0 ? ""
        : $" Được ghi danh từ danh sách chờ: {string.Join(", ", names)}.";
}
