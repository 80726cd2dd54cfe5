using System.ComponentModel.DataAnnotations;
using Grassroots.Common;
using Grassroots.Data;
using Microsoft.AspNetCore.Identity;

namespace Grassroots.Features.Accounts.Users;

/// <summary>
/// A new account with its first grant: a role over a scope (province/commune code, residential unit id, or neither = the
/// country); optionally the registry person it belongs to (see <see cref="LinkPerson"/>).
/// </summary>
public sealed record CreateUserInput(string? UserName, string? FullName, string? Email, string? PhoneNumber, string? Password,
    Role? Role, string? ScopeCode = null, int? UnitId = null, int? PersonId = null);

/// <summary>Thêm người dùng: by an administrator (page) or the system (command line), within the manager's jurisdiction.</summary>
public sealed class CreateUser(AppDb db, UserManager<AppUser> users, TimeProvider time)
{
    public async Task<Result<AppUser>> RunAsync(CreateUserInput input, CancellationToken ct)
    {
        var errors = new List<Error>();
        var userName = input.UserName?.Trim() ?? "";
        var fullName = VietnameseText.Clean(input.FullName);
        var email = string.IsNullOrWhiteSpace(input.Email) ? null : input.Email.Trim();
        var phone = string.IsNullOrWhiteSpace(input.PhoneNumber) ? null : input.PhoneNumber.Trim();
        if (userName.Length == 0) errors.Add(new("user_name_required", "Chưa nhập tên đăng nhập.", "userName"));
        else if (userName.Length > 64) errors.Add(new("user_name_too_long", "Tên đăng nhập dài quá 64 ký tự.", "userName"));
        if (fullName.Length == 0) errors.Add(new("full_name_required", "Chưa nhập họ và tên.", "fullName"));
        else if (fullName.Length > 150) errors.Add(new("full_name_too_long", "Họ và tên dài quá 150 ký tự.", "fullName"));
        if (email is not null && (email.Length > 256 || !new EmailAddressAttribute().IsValid(email)))
            errors.Add(new("email_invalid", $"Thư điện tử \"{email}\" không hợp lệ.", "email"));
        if (phone is not null && (phone.Length > 20 || !phone.All(c => char.IsAsciiDigit(c) || c is ' ' or '+' or '.' or '-')))
            errors.Add(new("phone_invalid", $"Số điện thoại \"{phone}\" không hợp lệ.", "phoneNumber"));
        if (string.IsNullOrEmpty(input.Password)) errors.Add(new("password_required", "Chưa nhập mật khẩu ban đầu.", "password"));
        if (input.Role is not { } role || !Enum.IsDefined(role))
        {
            errors.Add(new("role_required", "Chưa chọn vai trò.", "role"));
            return Result<AppUser>.Fail(errors);
        }
        var target = await UserQueries.ResolveTargetAsync(db, time, input.ScopeCode, input.UnitId, ct);
        if (!target.Succeeded) errors.AddRange(target.Errors);
        else if (await UserQueries.CheckGrantableAsync(db, role, target.Value!, ct) is { } denied) errors.Add(denied);
        if (input.PersonId is { } personId && await LinkPerson.CheckAsync(db, personId, null, ct) is { } personError) errors.Add(personError);
        if (userName.Length > 0 && await users.FindByNameAsync(userName) is not null)
            errors.Add(new("identity_DuplicateUserName", $"Tên đăng nhập \"{userName}\" đã có người dùng.", "userName", ErrorKind.Conflict));
        if (errors.Count > 0) return Result<AppUser>.Fail(errors);

        var now = time.UtcNow();
        var user = new AppUser { UserName = userName, FullName = fullName, Email = email, PhoneNumber = phone, CreatedAt = now, PersonId = input.PersonId };
        user.Grants.Add(new UserGrant { Role = role, AdminUnitId = target.Value!.AdminUnitId, ResidentialUnitId = target.Value.ResidentialUnitId, CreatedAt = now });
        db.Operation = "user_create";
        var created = await users.CreateAsync(user, input.Password!);
        if (!created.Succeeded)
        {
            db.ChangeTracker.Clear();
            return Result<AppUser>.Fail(UserQueries.FromIdentity(created.Errors, "password"));
        }
        return Result<AppUser>.Ok(user);
    }
}

