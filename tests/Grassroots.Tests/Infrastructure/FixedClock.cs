namespace Grassroots.Tests.Infrastructure;

/// <summary>Time in tests comes from here, never from the wall clock. Default: 2026-11-21 09:00 in Hà Nội.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateOnly DefaultToday = new(2026, 11, 21);

    public FixedClock() : this(new DateTimeOffset(2026, 11, 21, 2, 0, 0, TimeSpan.Zero)) { }

    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
