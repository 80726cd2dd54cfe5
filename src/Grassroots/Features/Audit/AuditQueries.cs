using System.Globalization;
using System.Text.Json;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Audit;

/// <summary>What to look for in the audit trail. From and To are Vietnamese calendar days, both inclusive.</summary>
public sealed record AuditFilter(
    string? UserName = null, int? UserId = null, string? EntityType = null, string? EntityId = null,
    DateOnly? From = null, DateOnly? To = null, string? ProvinceCode = null, string? CommuneCode = null)
{
    /// <summary>Reads the filter from query text (dates dd/MM/yyyy or yyyy-MM-dd); blank means "any".</summary>
    public static Result<AuditFilter> Parse(string? user, int? userId, string? entity, string? entityId, string? from, string? to, string? province, string? commune)
    {
        var errors = new List<Error>();
        var fromDate = Date(errors, from, "from");
        var toDate = Date(errors, to, "to");
        if (fromDate > toDate) errors.Add(new("invalid_date_range", "\"Từ ngày\" phải trước hoặc trùng \"Đến ngày\".", "from"));
        if (errors.Count > 0) return Result<AuditFilter>.Fail(errors);
        return Result<AuditFilter>.Ok(new(Text(user), userId, Text(entity), Text(entityId), fromDate, toDate, Text(province), Text(commune)));
    }

    private static DateOnly? Date(List<Error> errors, string? text, string field)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (VietnameseText.TryParseDate(text, out var date)) return date;
        errors.Add(new("invalid_date", $"Ngày \"{text.Trim()}\" không hợp lệ: dùng dạng dd/MM/yyyy hoặc yyyy-MM-dd.", field));
        return null;
    }

    private static string? Text(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>One recorded field change; personal values are masked for users who may not see them.</summary>
public sealed record AuditChange(string Field, string? Before, string? After);

public sealed record AuditRow(
    long Id, DateTime At, int? UserId, string? UserName, string? IpAddress, string Action, string? Operation,
    string EntityType, string? EntityId, string? ProvinceCode, int? CommuneId, string? Summary, IReadOnlyList<AuditChange> Changes)
{
    public static AuditRow From(AuditEvent e, bool revealPersonal) => new(
        e.Id, DateTime.SpecifyKind(e.At, DateTimeKind.Utc), e.UserId, e.UserName, e.IpAddress, e.Action, e.Operation,
        e.EntityType, e.EntityId, e.ProvinceCode, e.CommuneId, e.Summary, ParseChanges(e.EntityType, e.Changes, revealPersonal));

    /// <summary>Reads {"Field": [before, after]}; values of personal fields are masked unless <paramref name="revealPersonal"/>.</summary>
    public static IReadOnlyList<AuditChange> ParseChanges(string entityType, string? json, bool revealPersonal)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return [new AuditChange("?", null, "(không đọc được nội dung thay đổi)")];
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Object) return [];
            var changes = new List<AuditChange>();
            foreach (var field in document.RootElement.EnumerateObject())
            {
                var values = field.Value.ValueKind == JsonValueKind.Array ? field.Value.EnumerateArray().ToList() : [];
                var before = values.Count > 0 ? Text(values[0]) : null;
                var after = values.Count > 1 ? Text(values[1]) : null;
                if (!revealPersonal && PersonalData.IsPersonal(entityType, field.Name))
                    (before, after) = (PersonalData.Mask(before), PersonalData.Mask(after));
                changes.Add(new AuditChange(field.Name, before, after));
            }
            return changes;
        }
    }

    private static string? Text(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Null or JsonValueKind.Undefined => null,
        JsonValueKind.String => value.GetString(),
        _ => value.GetRawText(),
    };
}

/// <summary>A page of the audit trail, newest first; <c>NextBefore</c> is the cursor of the next page (null on the last).</summary>
public sealed record AuditPage(IReadOnlyList<AuditRow> Items, long? NextBefore);

/// <summary>
/// Reads of the audit trail. AppDb's query filter already limits rows to the user's ViewAudit scope; these add the
/// user's own filters, newest first, with a keyset cursor (rows before an id).
/// </summary>
public static class AuditQueries
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;
    public const int MaxExportRows = 100_000;

    public static bool RevealsPersonal(CurrentAccess access) => access.Has(Permission.ViewPersonalIdentifiers);

    public static IQueryable<AuditEvent> Matching(this AppDb db, AuditFilter filter, long? before = null)
    {
        var query = db.AuditEvents.AsNoTracking();
        if (filter.UserId is { } userId) query = query.Where(e => e.UserId == userId);
        if (filter.UserName is { } name)
        {
            var lowered = name.ToLowerInvariant();
            query = query.Where(e => e.UserName != null && e.UserName.ToLower() == lowered);
        }
        if (filter.EntityType is { } type) query = query.Where(e => e.EntityType == type);
        if (filter.EntityId is { } id) query = query.Where(e => e.EntityId == id);
        if (filter.From is { } from)
        {
            var start = StartUtc(from);
            query = query.Where(e => e.At >= start);
        }
        if (filter.To is { } to)
        {
            var end = StartUtc(to.AddDays(1));
            query = query.Where(e => e.At < end);
        }
        if (filter.ProvinceCode is { } province) query = query.Where(e => e.ProvinceCode == province);
        if (filter.CommuneCode is { } commune)
        {
            // A commune code names every version of the commune in the catalog.
            var communeIds = db.AdminUnits.Where(u => u.Level == AdminLevel.Commune && u.Code == commune).Select(u => u.Id);
            query = query.Where(e => e.CommuneId != null && communeIds.Contains(e.CommuneId.Value));
        }
        if (before is { } cursor) query = query.Where(e => e.Id < cursor);
        return query.OrderByDescending(e => e.Id);
    }

    public static async Task<AuditPage> PageAsync(AppDb db, AuditFilter filter, long? before, int limit, CancellationToken ct)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        var events = await db.Matching(filter, before).Take(limit + 1).ToListAsync(ct);
        var reveal = RevealsPersonal(db.Access);
        var items = events.Take(limit).Select(e => AuditRow.From(e, reveal)).ToList();
        return new AuditPage(items, events.Count > limit ? items[^1].Id : null);
    }

    /// <summary>The entity types on record (within the user's scope), for the filter's drop-down.</summary>
    public static async Task<List<string>> EntityTypesAsync(AppDb db, CancellationToken ct) =>
        (await db.AuditEvents.Select(e => e.EntityType).Distinct().ToListAsync(ct)).OrderBy(AuditNames.Entity, VietnameseText.Comparer).ToList();

    /// <summary>Midnight of a Vietnamese calendar day, in UTC.</summary>
    public static DateTime StartUtc(DateOnly date) =>
        TimeZoneInfo.ConvertTimeToUtc(date.ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified), VietnamTime.Zone);
}

/// <summary>What people read in the audit view and its export: Vietnamese names of actions, use cases, entities and fields.</summary>
public static class AuditNames
{
    public static string Action(string action) => action switch
    {
        "create" => "Thêm",
        "update" => "Sửa",
        "delete" => "Xóa",
        "login" => "Đăng nhập",
        "login_failed" => "Đăng nhập thất bại",
        "logout" => "Đăng xuất",
        "seed" => "Nạp dữ liệu",
        "demo_remove" => "Xóa dữ liệu mẫu",
        _ => action,
    };

    public static string Operation(string? operation) => operation switch
    {
        null or "" => "",
        "update" => "Cập nhật số liệu",
        "delete" => "Xóa đơn vị nhập nhầm",
        "import" => "Nhập từ Excel",
        "import-roster" => "Nhập danh sách cán bộ từ Excel",
        "create-person" => "Tạo hồ sơ người",
        "update-person" => "Sửa hồ sơ người",
        "record-tenure" => "Ghi nhận chức danh",
        "update-tenure" => "Sửa nhiệm kỳ",
        "end-tenure" => "Thôi giữ chức danh",
        "delete-tenure" => "Xóa nhiệm kỳ nhập nhầm",
        "bootstrap" => "Tạo quản trị viên đầu tiên",
        "user_create" => "Tạo người dùng",
        "user_unlock" => "Mở khóa người dùng",
        "grant_add" => "Thêm quyền",
        "grant_remove" => "Bỏ quyền",
        "password_change" => "Đổi mật khẩu",
        "password_reset" => "Đặt lại mật khẩu",
        _ when Enum.TryParse<UnitEventType>(operation, ignoreCase: true, out var type) && Enum.IsDefined(type) => UnitEvent.TypeName(type),
        _ => operation,
    };

    /// <summary>"Thêm (Thành lập)": the action, with the use case that made it when known.</summary>
    public static string What(string action, string? operation) =>
        Operation(operation) is { Length: > 0 } op ? $"{Action(action)} ({op})" : Action(action);

    public static string Entity(string entityType) => entityType switch
    {
        nameof(ResidentialUnit) => "Thôn, tổ dân phố",
        nameof(ResidentialUnitPeriod) => "Tên gọi/trực thuộc thôn",
        nameof(UnitEvent) => "Sự kiện thôn",
        nameof(UnitLineage) => "Sáp nhập/chia tách",
        nameof(AppUser) => "Người dùng",
        nameof(UserGrant) => "Phân quyền",
        nameof(AdminUnit) => "Đơn vị hành chính",
        nameof(AdminUnitTypeChange) => "Đổi loại đơn vị hành chính",
        nameof(AdminUnitLineage) => "Kế thừa đơn vị hành chính",
        nameof(Units.ProvinceUnitRules) => "Quy định về thôn của tỉnh",
        nameof(Person) => "Người",
        nameof(Tenure) => "Chức danh, nhiệm kỳ",
        "IdentityUserClaim`1" => "Thông tin bổ sung của người dùng",
        "IdentityUserLogin`1" => "Đăng nhập bên ngoài",
        _ => entityType,
    };

    private static readonly Dictionary<string, string> Fields = new(StringComparer.Ordinal)
    {
        ["Name"] = "Tên", ["Kind"] = "Loại", ["LocalLabel"] = "Tên gọi địa phương", ["HouseholdCount"] = "Số hộ",
        ["Population"] = "Nhân khẩu", ["CountsAsOf"] = "Số liệu tính đến ngày", ["Classification"] = "Phân loại",
        ["Status"] = "Trạng thái", ["ProvinceCode"] = "Mã tỉnh", ["CurrentCommuneId"] = "Xã/phường (số nội bộ)",
        ["CommuneId"] = "Xã/phường (số nội bộ)", ["IsDemo"] = "Dữ liệu mẫu", ["Version"] = "Phiên bản", ["CreatedAt"] = "Tạo lúc",
        ["UpdatedAt"] = "Cập nhật lúc", ["UnitId"] = "Thôn/tổ dân phố (mã)", ["ValidFrom"] = "Từ ngày", ["ValidTo"] = "Đến ngày",
        ["OpenedByEventId"] = "Sự kiện bắt đầu", ["ClosedByEventId"] = "Sự kiện kết thúc", ["Type"] = "Loại sự kiện",
        ["EffectiveDate"] = "Ngày hiệu lực", ["DecisionNumber"] = "Số quyết định", ["DecisionDate"] = "Ngày quyết định",
        ["DecisionIssuer"] = "Cơ quan quyết định", ["Note"] = "Ghi chú", ["RecordedAt"] = "Ghi nhận lúc", ["EventId"] = "Sự kiện",
        ["PredecessorId"] = "Đơn vị trước", ["SuccessorId"] = "Đơn vị sau", ["ApprovalPercent"] = "Tỷ lệ hộ tán thành (%)",
        ["UserName"] = "Tên đăng nhập", ["FullName"] = "Họ và tên", ["Email"] = "Thư điện tử", ["PhoneNumber"] = "Điện thoại",
        ["Phone"] = "Điện thoại", ["IsDisabled"] = "Đã khóa", ["UserId"] = "Người dùng (mã)", ["Role"] = "Vai trò",
        ["AdminUnitId"] = "Địa bàn (số nội bộ)", ["ResidentialUnitId"] = "Thôn/tổ dân phố (mã)", ["EmailConfirmed"] = "Đã xác nhận thư điện tử",
        ["PhoneNumberConfirmed"] = "Đã xác nhận điện thoại", ["TwoFactorEnabled"] = "Xác thực hai lớp", ["LockoutEnd"] = "Khóa tạm đến",
        ["LockoutEnabled"] = "Cho phép khóa tạm", ["AccessFailedCount"] = "Số lần nhập sai mật khẩu", ["NationalId"] = "Số định danh cá nhân",
        ["IdentityNumber"] = "Số căn cước", ["DateOfBirth"] = "Ngày sinh", ["BirthDate"] = "Ngày sinh",
        ["Gender"] = "Giới tính", ["EthnicityCode"] = "Dân tộc (mã)", ["ReligionCode"] = "Tôn giáo (mã)", ["ResidenceUnitId"] = "Nơi thường trú (mã thôn)",
        ["LivesInUnit"] = "Cư trú thường xuyên", ["PartyMember"] = "Đảng viên", ["PartyAdmissionDate"] = "Ngày vào Đảng", ["PartyStatus"] = "Loại đảng viên",
        ["GeneralEducation"] = "Trình độ văn hóa", ["ProfessionalQualification"] = "Trình độ chuyên môn", ["PoliticalTheory"] = "Lý luận chính trị",
        ["StateManagement"] = "Quản lý nhà nước", ["PersonId"] = "Người (mã)", ["Position"] = "Chức danh", ["Title"] = "Tên chức danh", ["Mode"] = "Hình thức",
        ["TermLabel"] = "Nhiệm kỳ", ["StartDate"] = "Ngày bắt đầu", ["PlannedEndDate"] = "Ngày dự kiến hết nhiệm kỳ", ["EndDate"] = "Ngày thôi",
        ["EndReason"] = "Lý do thôi", ["StartDecisionNumber"] = "Số quyết định", ["StartDecisionDate"] = "Ngày quyết định",
        ["StartDecisionIssuer"] = "Cơ quan ban hành", ["StartDecisionSigner"] = "Người ký", ["EndDecisionNumber"] = "Số quyết định thôi",
        ["EndDecisionDate"] = "Ngày quyết định thôi", ["EndDecisionIssuer"] = "Cơ quan ban hành quyết định thôi", ["EndDecisionSigner"] = "Người ký quyết định thôi",
        ["CarriedFromId"] = "Chuyển tiếp từ nhiệm kỳ (mã)",
    };

    public static string Field(string field) => Fields.GetValueOrDefault(field, field);

    /// <summary>A recorded value as people read it: names for enum numbers, dd/MM/yyyy dates, Vietnam time, có/không.</summary>
    public static string Value(string field, string? value)
    {
        if (value is null) return "(trống)";
        // Enums are recorded by name (older rows by number); Enum.TryParse reads both.
        var named = field switch
        {
            "Kind" => EnumName<UnitKind>(value, ResidentialUnit.KindName),
            "Status" => EnumName<UnitStatus>(value, ResidentialUnit.StatusName),
            "Classification" => EnumName<UnitClass>(value, c => ResidentialUnit.ClassName(c)),
            "Type" => EnumName<UnitEventType>(value, UnitEvent.TypeName),
            "Role" => EnumName<Role>(value, Permissions.RoleName),
            "Gender" => EnumName<Gender>(value, Person.GenderName),
            "PartyStatus" => EnumName<PartyStatus>(value, s => Person.PartyStatusName(s)),
            "Position" => EnumName<Position>(value, p => Tenure.PositionName(p)),
            "Mode" => EnumName<TenureMode>(value, Tenure.ModeName),
            "EndReason" => EnumName<EndReason>(value, r => Tenure.EndReasonName(r)),
            _ => null,
        };
        if (named is not null) return named;
        if (value is "true" or "false") return value == "true" ? "có" : "không";
        if (value.Length == 10 && DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return VietnameseText.FormatDate(date);
        if (value.Length >= 19 && value[10] == 'T' && DateTime.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var instant))
            return Time(instant);
        return value;
    }

    private static string? EnumName<T>(string value, Func<T, string> name) where T : struct, Enum =>
        Enum.TryParse<T>(value, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed) ? name(parsed) : null;

    /// <summary>"name: before → after" for each change.</summary>
    public static IEnumerable<string> Changes(IReadOnlyList<AuditChange> changes) =>
        changes.Select(c => $"{Field(c.Field)}: {Value(c.Field, c.Before)} → {Value(c.Field, c.After)}");

    /// <summary>An instant (UTC) in Vietnam time, dd/MM/yyyy HH:mm:ss.</summary>
    public static string Time(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), VietnamTime.Zone).ToString("dd/MM/yyyy HH:mm:ss", CultureInfo.InvariantCulture);
}
