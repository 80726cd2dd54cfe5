using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Units;

public sealed class CatalogTests
{
    [Fact]
    public async Task Catalog_holds_both_eras()
    {
        await using var database = await TestDatabase.CreateAsync();
        await using var db = database.NewDb();
        var after = new DateOnly(2025, 7, 1);
        var before = new DateOnly(2025, 6, 30);
        Assert.Equal(34, await db.AdminUnits.ValidOn(after).CountAsync(u => u.Level == AdminLevel.Province));
        Assert.Equal(3321, await db.AdminUnits.ValidOn(after).CountAsync(u => u.Level == AdminLevel.Commune));
        Assert.Equal(0, await db.AdminUnits.ValidOn(after).CountAsync(u => u.Level == AdminLevel.District));
        Assert.Equal(63, await db.AdminUnits.ValidOn(before).CountAsync(u => u.Level == AdminLevel.Province));
        Assert.Equal(696, await db.AdminUnits.ValidOn(before).CountAsync(u => u.Level == AdminLevel.District));
        Assert.Equal(10035, await db.AdminUnits.ValidOn(before).CountAsync(u => u.Level == AdminLevel.Commune));
    }
}
