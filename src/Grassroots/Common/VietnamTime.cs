namespace Grassroots.Common;

/// <summary>Calendar dates are Vietnamese dates (UTC+7): "today" is today in Hà Nội, from the injected TimeProvider.</summary>
public static class VietnamTime
{
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.FindSystemTimeZoneById("Asia/Ho_Chi_Minh");

    public static DateOnly Today(this TimeProvider time) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone).DateTime);

    public static DateTime UtcNow(this TimeProvider time) => time.GetUtcNow().UtcDateTime;

    /// <summary>Parses an "as of" text (yyyy-MM-dd or dd/MM/yyyy); empty means today.</summary>
    public static Result<DateOnly> ParseAsOf(string? text, TimeProvider time)
    {
        if (string.IsNullOrWhiteSpace(text)) return Result<DateOnly>.Ok(time.Today());
        return VietnameseText.TryParseDate(text, out var date)
            ? Result<DateOnly>.Ok(date)
            : new Error("invalid_date", $"Ngày \"{text}\" không hợp lệ: dùng dạng dd/MM/yyyy hoặc yyyy-MM-dd.", "asOf");
    }
}
