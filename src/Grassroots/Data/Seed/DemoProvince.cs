using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Data.Seed;

public sealed record DemoSeedResult(int Communes, int Units);

/// <summary>
/// Synthetic, clearly labelled demo data for province 25 (Phú Thọ): residential units for each of its communes,
/// generated deterministically. No real personal data. Removed with <c>grassroots demo remove</c>.
/// </summary>
public sealed class DemoProvince(AppDb db, TimeProvider time)
{
    public const string ProvinceCode = "25";
    public const string InfoKey = "demo.province";

    public async Task<bool> IsLoadedAsync(CancellationToken ct) => await db.CatalogInfo.AnyAsync(x => x.Key == InfoKey, ct);

    public Task<DemoSeedResult> SeedAsync(CancellationToken ct)
    {
        _ = time;
        throw new NotSupportedException("Demo province generation is being written.");
    }

    public Task<int> RemoveAsync(CancellationToken ct) => throw new NotSupportedException("Demo removal is being written.");

    internal static UnitKind KindFor(AdminUnitType communeType) => communeType == AdminUnitType.Ward ? UnitKind.ResidentialGroup : UnitKind.Village;
}
