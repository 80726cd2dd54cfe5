using Grassroots.Common;
using Grassroots.Data;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Accounts.Users;

/// <summary>The person to link an account to (by id in the leaders registry), or null to remove the link.</summary>
public sealed record LinkPersonInput(int UserId, int? PersonId);

/// <summary>
/// Gắn tài khoản với hồ sơ cán bộ: the account belongs to a person of the registry (a unit leader's own account), who then
/// checks in to sessions and sees their own courses. The person must be one the administrator may see, and no other
/// account may hold them. Audited, like every change of an account.
/// </summary>
public sealed class LinkPerson(AppDb db)
{
    public async Task<Result<AppUser>> RunAsync(LinkPersonInput input, CancellationToken ct)
    {
        if (await UserQueries.FindManageableAsync(db, input.UserId, ct) is not { } user) return UserQueries.UserNotFound;
        if (input.PersonId is { } personId && await CheckAsync(db, personId, user.Id, ct) is { } error) return error;
        if (user.PersonId == input.PersonId)
            return new Error("unchanged", input.PersonId is null ? "Tài khoản này chưa gắn với hồ sơ cán bộ nào." : "Tài khoản đã gắn với người này.",
                "personId", ErrorKind.Conflict);
        user.PersonId = input.PersonId;
        db.Operation = input.PersonId is null ? "user_unlink_person" : "user_link_person";
        await db.SaveChangesAsync(ct);
        return Result<AppUser>.Ok(user);
    }

    /// <summary>Whether an account (<paramref name="userId"/>, or a new one) may be linked to the person: visible to the user, held by no other account.</summary>
    public static async Task<Error?> CheckAsync(AppDb db, int personId, int? userId, CancellationToken ct)
    {
        if (!await db.People.AnyAsync(p => p.Id == personId, ct))
            return new Error("person_not_found", $"Không tìm thấy người có mã số {personId} trong phạm vi bạn được xem.", "personId");
        var holder = await db.Users.AsNoTracking().Where(u => u.PersonId == personId && u.Id != userId).Select(u => u.UserName).FirstOrDefaultAsync(ct);
        return holder is null ? null
            : new Error("person_already_linked", $"Người này đã gắn với tài khoản \"{holder}\"; mỗi người chỉ gắn với một tài khoản.", "personId", ErrorKind.Conflict);
    }
}
