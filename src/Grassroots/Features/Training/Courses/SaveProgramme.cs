using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Courses;

public sealed record TopicInput(int? Id, string? Title, decimal? Hours, string? Lecturer, string? LecturerOrganisation);

/// <summary>A programme as entered: kept by a province (or, for a country-wide administrator, shared when no province is given).</summary>
public sealed record ProgrammeInput(string? Title, TrainingType? Type, string? Description, string? ProvinceCode, IReadOnlyList<TopicInput>? Topics);

/// <summary>Creates and corrects programmes and their topics (chuyên đề): title, hours, usual lecturer.</summary>
public sealed class SaveProgramme(AppDb db, TimeProvider time)
{
    public async Task<Result<Programme>> CreateAsync(ProgrammeInput input, CancellationToken ct)
    {
        var programme = new Programme { Title = "" };
        var errors = await ApplyAsync(programme, input, ct);
        if (errors.Count > 0) return Result<Programme>.Fail(errors);
        programme.CreatedAt = programme.UpdatedAt = time.UtcNow();
        db.Programmes.Add(programme);
        db.Operation ??= "create-programme";
        await db.SaveChangesAsync(ct);
        return Result<Programme>.Ok(programme);
    }

    public async Task<Result<Programme>> UpdateAsync(int id, int version, ProgrammeInput input, CancellationToken ct)
    {
        var programme = await db.Programmes.Include(p => p.Topics).FirstOrDefaultAsync(p => p.Id == id, ct);
        if (programme is null) return Error.NotFound("chương trình này");
        if (programme.Version != version)
            return Error.Conflict($"Chương trình vừa được người khác thay đổi (phiên bản {programme.Version}, bạn sửa từ phiên bản {version}). Hãy tải lại.");
        if (input.ProvinceCode?.Trim() is { Length: > 0 } code && code != programme.ProvinceCode)
            return new Error("programme_province_fixed", "Không chuyển chương trình sang tỉnh khác được.", "provinceCode", ErrorKind.Conflict);
        var errors = await ApplyAsync(programme, input with { ProvinceCode = programme.ProvinceCode }, ct);
        if (errors.Count > 0) return Result<Programme>.Fail(errors);
        programme.Version++;
        programme.UpdatedAt = time.UtcNow();
        db.Operation ??= "update-programme";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Chương trình vừa được người khác thay đổi cùng lúc. Hãy tải lại và nhập lại thay đổi.");
        }
        return Result<Programme>.Ok(programme);
    }

    private async Task<List<Error>> ApplyAsync(Programme programme, ProgrammeInput input, CancellationToken ct)
    {
        var errors = new List<Error>();
        var title = VietnameseText.Clean(input.Title);
        if (title.Length == 0) errors.Add(new("title_required", "Chưa nhập tên chương trình.", "title"));
        else if (title.Length > 300) errors.Add(new("too_long", "Tên chương trình dài quá 300 ký tự.", "title"));
        var description = VietnameseText.Clean(input.Description);
        if (description.Length > 2000) errors.Add(new("too_long", "Mô tả dài quá 2.000 ký tự.", "description"));
        if (input.Type is { } type && !Enum.IsDefined(type)) errors.Add(new("invalid_type", "Loại hình phải là bồi dưỡng, tập huấn hoặc đào tạo.", "type"));
        var province = input.ProvinceCode?.Trim() is { Length: > 0 } p ? p : null;
        if (province is not null && await db.FindByCodeAsync(province, time.Today(), ct) is not { Level: AdminLevel.Province })
            errors.Add(new("province_not_found", $"Không có tỉnh, thành phố mã {province}.", "provinceCode"));
        var topics = input.Topics ?? [];
        if (topics.Count == 0) errors.Add(new("topics_required", "Chương trình phải có ít nhất một chuyên đề.", "topics"));
        for (var i = 0; i < topics.Count; i++)
        {
            var t = topics[i];
            var topicTitle = VietnameseText.Clean(t.Title);
            if (topicTitle.Length == 0) errors.Add(new("topic_title_required", $"Chuyên đề thứ {i + 1} chưa có tên.", $"topics[{i}].title"));
            else if (topicTitle.Length > 300) errors.Add(new("too_long", "Tên chuyên đề dài quá 300 ký tự.", $"topics[{i}].title"));
            if (t.Hours is not { } hours || hours <= 0 || hours > 500) errors.Add(new("invalid_hours", $"Số tiết (giờ) của chuyên đề thứ {i + 1} phải lớn hơn 0.", $"topics[{i}].hours"));
            if (VietnameseText.Clean(t.Lecturer).Length > 100) errors.Add(new("too_long", "Tên giảng viên dài quá 100 ký tự.", $"topics[{i}].lecturer"));
            if (VietnameseText.Clean(t.LecturerOrganisation).Length > 200) errors.Add(new("too_long", "Cơ quan của giảng viên dài quá 200 ký tự.", $"topics[{i}].lecturerOrganisation"));
            if (t.Id is { } id && programme.Topics.All(x => x.Id != id)) errors.Add(new("topic_not_found", $"Chuyên đề thứ {i + 1} không thuộc chương trình này.", $"topics[{i}].id"));
        }
        if (errors.Count > 0) return errors;
        var manage = db.Access.ScopeFor(Permission.ManageCourses);
        if (province is null ? !manage.All : !manage.Manages(province, null))
            return [new("place_not_in_scope", province is null
                ? "Chỉ quản trị toàn quốc mới sửa danh mục chương trình dùng chung; hãy chọn tỉnh của bạn."
                : "Bạn không quản lý chương trình bồi dưỡng của tỉnh này.", "provinceCode", province is null ? ErrorKind.Forbidden : ErrorKind.NotFound)];

        programme.Title = title;
        programme.Description = description.Length == 0 ? null : description;
        programme.Type = input.Type ?? TrainingType.CapacityBuilding;
        programme.ProvinceCode = province;
        var kept = topics.Where(t => t.Id is not null).Select(t => t.Id!.Value).ToHashSet();
        programme.Topics.RemoveAll(t => !kept.Contains(t.Id));
        for (var i = 0; i < topics.Count; i++)
        {
            var t = topics[i];
            var topic = t.Id is { } id ? programme.Topics.First(x => x.Id == id) : new ProgrammeTopic { Title = "" };
            if (t.Id is null) programme.Topics.Add(topic);
            topic.Order = i + 1;
            topic.Title = VietnameseText.Clean(t.Title);
            topic.Hours = t.Hours!.Value;
            topic.Lecturer = VietnameseText.Clean(t.Lecturer) is { Length: > 0 } l ? l : null;
            topic.LecturerOrganisation = VietnameseText.Clean(t.LecturerOrganisation) is { Length: > 0 } o ? o : null;
        }
        return errors;
    }
}
