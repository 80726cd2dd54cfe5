using System.ComponentModel.DataAnnotations;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Accounts.Users;

public sealed class UserChangeForm
{
    [Display(Name = "Vai trò")]
    public Role? Role { get; set; }
    [Display(Name = "Phạm vi")]
    public string? Scope { get; set; }
    [Display(Name = "Mã số thôn, tổ dân phố")]
    public int? UnitId { get; set; }
    [Display(Name = "Mật khẩu mới")]
    public string? NewPassword { get; set; }
    [Display(Name = "Mã số người trong danh sách cán bộ")]
    public int? PersonId { get; set; }
}

/// <summary>One account: its grants (add, remove), the registry person it belongs to, password reset, disable / re-enable, unlock. Each form posts to its own handler.</summary>
[RequirePermission(Permission.ManageUsers)]
public sealed class DetailModel(AppDb db, UserManager<AppUser> users, TimeProvider time) : PageModel
{
    [BindProperty]
    public UserChangeForm Input { get; set; } = new();

    public UserRow Account { get; private set; } = null!;
    public IReadOnlyList<Role> Roles { get; private set; } = [];
    public bool IsSelf => Account.Id == db.Access.UserId;

    public async Task<IActionResult> OnGetAsync(int id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public Task<IActionResult> OnPostAddGrantAsync(int id, CancellationToken ct) => RunAsync(id,
        () => new AddGrant(db, time).RunAsync(new AddGrantInput(id, Input.Role, Input.Scope, Input.UnitId), ct),
        g => $"Đã cấp quyền {Permissions.RoleName(g.Role)}.", ct);

    public Task<IActionResult> OnPostRemoveGrantAsync(int id, int grantId, CancellationToken ct) => RunAsync(id,
        () => new RemoveGrant(db).RunAsync(new RemoveGrantInput(id, grantId), ct), g => $"Đã thu hồi quyền {Permissions.RoleName(g.Role)}.", ct);

    public Task<IActionResult> OnPostLinkPersonAsync(int id, CancellationToken ct) => RunAsync(id,
        () => Input.PersonId is null
            ? Task.FromResult(Result<AppUser>.Fail(new Error("person_required", "Chưa nhập mã số người.", "personId")))
            : new LinkPerson(db).RunAsync(new LinkPersonInput(id, Input.PersonId), ct),
        u => $"Đã gắn tài khoản \"{u.UserName}\" với hồ sơ cán bộ mã số {u.PersonId}.", ct);

    public Task<IActionResult> OnPostUnlinkPersonAsync(int id, CancellationToken ct) => RunAsync(id,
        () => new LinkPerson(db).RunAsync(new LinkPersonInput(id, null), ct), u => $"Đã bỏ gắn tài khoản \"{u.UserName}\" với hồ sơ cán bộ.", ct);

    public Task<IActionResult> OnPostResetPasswordAsync(int id, CancellationToken ct) => RunAsync(id,
        () => new ResetPassword(db, users).RunAsync(new ResetPasswordInput(id, Input.NewPassword), ct),
        u => $"Đã đặt lại mật khẩu cho \"{u.UserName}\". Hãy báo mật khẩu mới cho người dùng.", ct);

    public Task<IActionResult> OnPostDisableAsync(int id, CancellationToken ct) => RunAsync(id,
        () => new SetUserDisabled(db, users).RunAsync(new SetUserDisabledInput(id, true), ct), u => $"Đã vô hiệu hóa tài khoản \"{u.UserName}\".", ct);

    public Task<IActionResult> OnPostEnableAsync(int id, CancellationToken ct) => RunAsync(id,
        () => new SetUserDisabled(db, users).RunAsync(new SetUserDisabledInput(id, false), ct), u => $"Đã kích hoạt lại tài khoản \"{u.UserName}\".", ct);

    public Task<IActionResult> OnPostUnlockAsync(int id, CancellationToken ct) => RunAsync(id,
        () => new UnlockUser(db).RunAsync(id, ct), u => $"Đã mở khóa tài khoản \"{u.UserName}\".", ct);

    /// <summary>Post/Redirect/Get around one use case; a user out of reach is "not found", before and after.</summary>
    private async Task<IActionResult> RunAsync<T>(int id, Func<Task<Result<T>>> change, Func<T, string> message, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var result = await change();
        if (!result.Succeeded && result.Errors[0] == UserQueries.UserNotFound)
            return NotFound();
        return this.Finish(result, message, _ => $"/quan-tri/nguoi-dung/{id}");
    }

    private async Task<bool> LoadAsync(int id, CancellationToken ct)
    {
        if (await UserQueries.GetAsync(db, time, id, ct) is not { } account) return false;
        Account = account;
        Roles = await UserForms.GrantableRolesAsync(db, ct);
        return true;
    }
}
