using System.Net;
using Grassroots.Features.Training;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Data;

/// <summary>
/// The README's first command on a fresh machine: the app started on an empty database creates the schema, loads the
/// catalog and the programme catalogue, seeds the demo province with its training, and answers.
/// </summary>
public sealed class FirstStartTests
{
    [Fact]
    public async Task The_first_start_on_an_empty_database_loads_the_catalog_the_programmes_and_the_demo_province_with_its_courses()
    {
        var database = await TestDatabase.CreateEmptyAsync();
        var factory = new AppFactory(database);
        factory.Settings["Grassroots:Demo:Seed"] = "true";
        await using var app = new TestApp(database, factory);

        using var anonymous = app.Anonymous;
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/health")).StatusCode);

        await using var db = database.NewDb();
        Assert.Equal(34, await db.AdminUnits.CountAsync(u => u.Level == Grassroots.Features.Units.AdminLevel.Province && u.ValidTo == null));
        Assert.True(await db.Programmes.AnyAsync(p => p.Title == ProgrammeCatalog.SecretariesProgramme));
        Assert.True(await db.ResidentialUnits.AnyAsync(u => u.IsDemo));
        Assert.Equal(3, await db.Courses.IgnoreQueryFilters().CountAsync(c => c.IsDemo));
        Assert.True(await db.Users.AnyAsync(u => u.UserName == Grassroots.Features.Accounts.AdminBootstrap.AdminUserName));
    }
}
