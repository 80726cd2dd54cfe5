using Grassroots.Data;
using Grassroots.Features.Units;

namespace Grassroots.Tests.Infrastructure;

/// <summary>Builds residential units for a test through the real use case.</summary>
public static class UnitBuilder
{
    public static readonly DateOnly Reform = new(2025, 7, 1);

    /// <summary>Xã Đà Bắc (Phú Thọ) — a commune, so thôn.</summary>
    public const string Xa = "04831";
    /// <summary>Xã Đức Nhàn (Phú Thọ) — another commune.</summary>
    public const string OtherXa = "04846";
    /// <summary>Phường Ba Đình (Hà Nội) — a ward, so tổ dân phố.</summary>
    public const string Phuong = "00004";
    /// <summary>Lộc Ninh (Đồng Nai): a xã until 2026-04-29, a phường from 2026-04-30.</summary>
    public const string LocNinh = "25270";

    public static async Task<ResidentialUnit> EstablishAsync(AppDb db, TimeProvider time, string name, string commune = Xa,
        UnitKind kind = UnitKind.Village, DateOnly? from = null, int? households = 200, int? population = null)
    {
        var result = await new EstablishUnit(db, time).RunAsync(
            new EstablishUnitInput(commune, name, kind, kind == UnitKind.Village ? "thôn" : "tổ dân phố", from ?? Reform, households, population), CancellationToken.None);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors.Select(e => e.Message)));
        return result.Value!;
    }
}
