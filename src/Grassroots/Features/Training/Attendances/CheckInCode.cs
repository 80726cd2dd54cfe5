using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Grassroots.Common;

namespace Grassroots.Features.Training.Attendances;

/// <summary>
/// The rotating check-in code shown in the room: six digits that change every 30 seconds, derived from the session's
/// secret like a TOTP (RFC 6238): HMAC-SHA256 keyed with <see cref="CourseSession.CheckInSecret"/> over the number of the
/// 30-second window since the Unix epoch (8 bytes, big-endian), dynamic truncation (RFC 4226 §5.3), modulo 10^6. A code
/// is accepted in its own window and the next one, so it is good for 30 to 60 seconds: long enough to scan and tap,
/// too short to send around. Check-in is open from 30 minutes before the session starts until it ends.
/// </summary>
public static class CheckInCode
{
    public const int WindowSeconds = 30;
    public static readonly TimeSpan OpensBefore = TimeSpan.FromMinutes(30);
    /// <summary>Arriving later than this after the start is being late.</summary>
    public static readonly TimeSpan LateAfter = TimeSpan.FromMinutes(15);

    /// <summary>The number of the 30-second window an instant falls in.</summary>
    public static long Window(DateTimeOffset at) => at.ToUnixTimeSeconds() / WindowSeconds;

    /// <summary>Seconds until the current code changes (1–30).</summary>
    public static int SecondsLeft(DateTimeOffset at) => WindowSeconds - (int)(at.ToUnixTimeSeconds() % WindowSeconds);

    /// <summary>The code of one window.</summary>
    public static string For(string secret, long window)
    {
        Span<byte> message = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(message, window);
        Span<byte> hash = stackalloc byte[32];
        HMACSHA256.HashData(Convert.FromBase64String(secret), message, hash);
        var offset = hash[^1] & 0x0F;
        var value = BinaryPrimitives.ReadInt32BigEndian(hash[offset..]) & 0x7FFFFFFF;
        return (value % 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
    }

    /// <summary>The code to show now.</summary>
    public static string Current(string secret, TimeProvider time) => For(secret, Window(time.GetUtcNow()));

    /// <summary>Whether the code is the current or the previous window's.</summary>
    public static bool IsValid(string secret, string code, TimeProvider time)
    {
        var now = Window(time.GetUtcNow());
        return Same(For(secret, now), code) || Same(For(secret, now - 1), code);
    }

    /// <summary>Whether the code is one this session showed earlier, since check-in opened (at most 12 hours back): an expired code.</summary>
    public static bool WasValid(CourseSession session, string code, TimeProvider time)
    {
        var now = Window(time.GetUtcNow());
        var first = Math.Max(Window(Opens(session)), now - 12 * 3600 / WindowSeconds);
        for (var window = now - 2; window >= first; window--)
            if (Same(For(session.CheckInSecret, window), code)) return true;
        return false;
    }

    /// <summary>The code as a person typed it: digits only (spaces and dashes dropped); null when it is not six digits.</summary>
    public static string? Normalize(string? code)
    {
        var digits = new string((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').ToArray());
        return digits.Length == 6 && digits.All(char.IsAsciiDigit) ? digits : null;
    }

    /// <summary>When check-in opens: 30 minutes before the start, Vietnamese time.</summary>
    public static DateTimeOffset Opens(CourseSession session) => At(session.Date, session.StartTime) - OpensBefore;

    /// <summary>When check-in closes: the session's end.</summary>
    public static DateTimeOffset Closes(CourseSession session) => At(session.Date, session.EndTime);

    /// <summary>Whether someone checking in at this instant is late (more than 15 minutes after the start).</summary>
    public static bool IsLate(CourseSession session, DateTimeOffset at) => at > At(session.Date, session.StartTime) + LateAfter;

    public static bool IsOpen(CourseSession session, DateTimeOffset at) => at >= Opens(session) && at <= Closes(session);

    /// <summary>A Vietnamese wall-clock date and time as an instant.</summary>
    public static DateTimeOffset At(DateOnly date, TimeOnly time)
    {
        var local = date.ToDateTime(time);
        return new DateTimeOffset(local, VietnamTime.Zone.GetUtcOffset(local));
    }

    private static bool Same(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(expected), System.Text.Encoding.ASCII.GetBytes(given));
}
