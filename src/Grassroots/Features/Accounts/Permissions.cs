namespace Grassroots.Features.Accounts;

/// <summary>What a user may do. A small catalogue in code, mapped to roles below.</summary>
public enum Permission
{
    ViewUnits = 1,
    EditUnits,
    ViewPeople,
    EditPeople,
    ViewPersonalIdentifiers,
    ManageCourses,
    RecordAttendance,
    ViewReports,
    ManageUsers,
    ViewAudit,
}

/// <summary>A user's role within a grant; a user may hold several grants.</summary>
public enum Role
{
    SystemAdmin = 1,      // quản trị hệ thống
    ProvinceOfficer,      // công chức Sở Nội vụ / Ban Tổ chức tỉnh
    CommuneOfficer,       // công chức Văn phòng/Nội vụ xã, phường
    TrainingOrganiser,    // đơn vị tổ chức bồi dưỡng, giảng viên
    UnitLeader,           // trưởng thôn, tổ trưởng tổ dân phố
    Viewer,               // người xem (ví dụ cấp ủy)
}

public static class Permissions
{
    private static readonly Dictionary<Role, Permission[]> ByRole = new()
    {
        [Role.SystemAdmin] = Enum.GetValues<Permission>(),
        [Role.ProvinceOfficer] =
        [
            Permission.ViewUnits, Permission.EditUnits, Permission.ViewPeople, Permission.EditPeople, Permission.ViewPersonalIdentifiers,
            Permission.ManageCourses, Permission.RecordAttendance, Permission.ViewReports, Permission.ManageUsers, Permission.ViewAudit,
        ],
        [Role.CommuneOfficer] =
        [
            Permission.ViewUnits, Permission.EditUnits, Permission.ViewPeople, Permission.EditPeople, Permission.ViewPersonalIdentifiers,
            Permission.ManageCourses, Permission.RecordAttendance, Permission.ViewReports, Permission.ViewAudit,
        ],
        [Role.TrainingOrganiser] = [Permission.ViewUnits, Permission.ViewPeople, Permission.ManageCourses, Permission.RecordAttendance, Permission.ViewReports],
        [Role.UnitLeader] = [Permission.ViewUnits, Permission.ViewPeople],
        [Role.Viewer] = [Permission.ViewUnits, Permission.ViewPeople, Permission.ViewReports],
    };

    public static IReadOnlyList<Permission> Of(Role role) => ByRole[role];

    public static bool Has(Role role, Permission permission) => ByRole[role].Contains(permission);

    /// <summary>The authorization policy that requires a permission (in some scope).</summary>
    public static string PolicyName(Permission permission) => "perm:" + permission;

    public static string RoleName(Role role) => role switch
    {
        Role.SystemAdmin => "Quản trị hệ thống",
        Role.ProvinceOfficer => "Cán bộ cấp tỉnh",
        Role.CommuneOfficer => "Công chức cấp xã",
        Role.TrainingOrganiser => "Đơn vị tổ chức bồi dưỡng",
        Role.UnitLeader => "Trưởng thôn, tổ trưởng tổ dân phố",
        Role.Viewer => "Người xem",
        _ => role.ToString(),
    };

    public static string PermissionName(Permission permission) => permission switch
    {
        Permission.ViewUnits => "Xem thôn, tổ dân phố",
        Permission.EditUnits => "Sửa thôn, tổ dân phố",
        Permission.ViewPeople => "Xem người",
        Permission.EditPeople => "Sửa người",
        Permission.ViewPersonalIdentifiers => "Xem số định danh, ngày sinh, điện thoại",
        Permission.ManageCourses => "Quản lý lớp bồi dưỡng",
        Permission.RecordAttendance => "Điểm danh",
        Permission.ViewReports => "Xem báo cáo",
        Permission.ManageUsers => "Quản lý người dùng",
        Permission.ViewAudit => "Xem nhật ký thay đổi",
        _ => permission.ToString(),
    };
}
