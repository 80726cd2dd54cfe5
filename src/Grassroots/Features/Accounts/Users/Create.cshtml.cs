using System.ComponentModel.DataAnnotations;
using Grassroots.Data;
using Grassroots.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Accounts.Users;

public sealed class CreateUserForm
{
    [Display(Name = "Tên đăng nhập")]
    public string? UserName { get; set; }
    [Display(Name = "Họ và tên")]
    public string? FullName { get; set; }
    [Display(Name = "Thư điện tử")]
    public string? Email { get; set; }
    [Display(Name = "Số điện thoại")]
    public string? PhoneNumber { get; set; }
    [Display(Name = "Mật khẩu ban đầu")]
    public string? Password { get; set; }
    [Display(Name = "Vai trò")]
    public Role? Role { get; set; }
    [Display(Name = "Phạm vi")]
    public string? Scope { get; set; }
    [Display(Name = "Mã số thôn, tổ dân phố")]
    public int? UnitId { get; set; }
    [Display(Name = "Mã số người trong danh sách cán bộ")]
    public int? PersonId { get; set; }
}

[RequirePermission(Permission.ManageUsers)]
public sealed class CreateModel(AppDb db, UserManager<AppUser> users, TimeProvider time) : PageModel
{
    [BindProperty]
    public CreateUserForm Input { get; set; } = new();

    /// <summary>The roles this manager may grant (system administration only by a country-wide administrator).</summary>
    public IReadOnlyList<Role> Roles { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        if (!ModelState.IsValid) return Page();
        var result = await new CreateUser(db, users, time).RunAsync(new CreateUserInput(Input.UserName, Input.FullName, Input.Email, Input.PhoneNumber,
            Input.Password, Input.Role, Input.Scope, Input.UnitId, Input.PersonId), ct);
        return this.Finish(result, u => $"Đã thêm người dùng \"{u.UserName}\".", u => $"/quan-tri/nguoi-dung/{u.Id}");
    }

    private async Task LoadAsync(CancellationToken ct) => Roles = await UserForms.GrantableRolesAsync(db, ct);
}

/// <summary>The role and scope fields of a grant, shared by the forms (as "Prefix.Role", "Prefix.Scope", "Prefix.UnitId").</summary>
public sealed record GrantFields(string Prefix, IReadOnlyList<Role> Roles, Role? Selected, string? Scope, int? UnitId);

/// <summary>What the user forms offer.</summary>
public static class UserForms
{
    public static async Task<IReadOnlyList<Role>> GrantableRolesAsync(AppDb db, CancellationToken ct) =>
        await UserQueries.IsCountryAdminAsync(db, ct) ? Enum.GetValues<Role>() : [.. Enum.GetValues<Role>().Where(r => r != Role.SystemAdmin)];
}
