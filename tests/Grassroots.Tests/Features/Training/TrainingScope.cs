using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Training.Targeting;
using Grassroots.Features.Units;
using Grassroots.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Tests.Features.Training;

/// <summary>What the training tests share: contexts acting as a user with a role over a place, and the places rules are read in.</summary>
internal static class TrainingScope
{
    public static readonly FixedClock Clock = new();

    /// <summary>Phú Thọ (25), where the default course of <see cref="TrainingBuilder"/> sits.</summary>
    public static readonly TargetPlace PhuTho = new("25", null, "Tỉnh Phú Thọ");

    /// <summary>Phường Tân Hòa (Phú Thọ): a ward, so tổ dân phố.</summary>
    public const string Ward = "04792";

    public static AppDb NewDb(TestDatabase database, CurrentAccess? access = null)
    {
        var options = new DbContextOptionsBuilder<AppDb>();
        database.Settings.Configure(options);
        return new AppDb(options.Options, access, Clock);
    }

    /// <summary>A context acting as a new user holding <paramref name="role"/> over a province or commune code.</summary>
    public static async Task<AppDb> AsUserAsync(TestDatabase database, string userName, Role role, string placeCode)
    {
        int userId;
        await using (var db = NewDb(database))
        {
            var place = await db.FindByCodeAsync(placeCode, Clock.Today(), CancellationToken.None);
            var user = new AppUser { UserName = userName, FullName = userName, CreatedAt = Clock.GetUtcNow().UtcDateTime };
            user.Grants.Add(new UserGrant { Role = role, AdminUnitId = place!.Id, CreatedAt = Clock.GetUtcNow().UtcDateTime });
            db.Users.Add(user);
            await db.SaveChangesAsync();
            userId = user.Id;
        }
        var access = CurrentAccess.Anonymous();
        await using (var system = NewDb(database)) await access.SignInAsync(system, userId, CancellationToken.None);
        return NewDb(database, access);
    }

    /// <summary>The rule checked (it must be valid) and evaluated: the matched people's names in list order.</summary>
    public static async Task<List<string>> NamesAsync(AppDb db, TargetRule rule, DateOnly? asOf = null, TargetPlace? place = null)
    {
        var match = await MatchAsync(db, rule, asOf, place);
        return [.. match.Items.Select(i => i.FullName)];
    }

    public static async Task<TargetMatch> MatchAsync(AppDb db, TargetRule rule, DateOnly? asOf = null, TargetPlace? place = null)
    {
        var date = asOf ?? new DateOnly(2026, 12, 1);
        var checkedRule = await TargetRuleCheck.CheckAsync(db, rule, date, place ?? PhuTho, CancellationToken.None);
        Assert.True(checkedRule.Succeeded, string.Join("; ", checkedRule.Errors.Select(e => $"{e.Field}: {e.Message}")));
        var match = await TargetGroups.MatchAsync(db, checkedRule.Value!, date, place ?? PhuTho, CancellationToken.None);
        Assert.Equal(match.Items.Count, match.Count);
        return match;
    }
}
