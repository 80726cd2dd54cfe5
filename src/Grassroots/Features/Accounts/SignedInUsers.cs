using System.Collections.Concurrent;
using Grassroots.Data;

namespace Grassroots.Features.Accounts;

/// <summary>
/// The signed-in users' identities and grants (<see cref="SignedInUser"/>), kept for a few seconds per user so that a
/// request does not read them again: they were one SQL command on every request, a sixth of a short request's time.
/// Every save through <see cref="AppDb"/> that changes a user, a grant, a residential unit or an administrative unit
/// (a grant's reach follows its unit; <see cref="AppDb.ReachChanges"/>) makes this process read them again at the next
/// request; other processes (the command line, other web nodes) see such a change within <see cref="Lifetime"/>.
/// (ASP.NET Core's own cookie validates the security stamp every 30 minutes.)
/// </summary>
public sealed class SignedInUsers(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(10);

    private readonly ConcurrentDictionary<int, Entry> _users = new();

    private sealed record Entry(SignedInUser? User, long Changes, DateTimeOffset Until);

    /// <summary>The user (null: disabled or deleted), from this cache or read with <paramref name="systemDb"/> (unrestricted).</summary>
    public async Task<SignedInUser?> GetAsync(int userId, AppDb systemDb, CancellationToken ct)
    {
        // The count is read before the user: a change saved while they are read leaves the entry stale.
        var changes = systemDb.ReachChanges;
        var now = time.GetUtcNow();
        if (_users.TryGetValue(userId, out var cached) && cached.Changes == changes && cached.Until > now) return cached.User;
        var user = await SignedInUser.LoadAsync(systemDb, userId, ct);
        _users[userId] = new Entry(user, changes, now + Lifetime);
        return user;
    }
}
