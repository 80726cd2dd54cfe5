using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Courses;

public sealed record PlanInput(string? Title, string? Organiser, int? Year, string? ProvinceCode, string? CommuneCode, string? DecisionNumber,
    DateOnly? DecisionDate, string? DecisionIssuer, string? Note);

/// <summary>Creates and corrects training plans (kế hoạch bồi dưỡng) with the decision that adopted them.</summary>
public sealed class SavePlan(AppDb db, TimeProvider time)
{
    public async Task<Result<TrainingPlan>> CreateAsync(PlanInput input, CancellationToken ct)
    {
        var plan = new TrainingPlan { ProvinceCode = "", Organiser = "", Title = "" };
        var errors = await ApplyAsync(plan, input, ct);
        if (errors.Count > 0) return Result<TrainingPlan>.Fail(errors);
        plan.CreatedAt = plan.UpdatedAt = time.UtcNow();
        db.TrainingPlans.Add(plan);
        db.Operation ??= "create-plan";
        await db.SaveChangesAsync(ct);
        return Result<TrainingPlan>.Ok(plan);
    }

    public async Task<Result<TrainingPlan>> UpdateAsync(int id, int version, PlanInput input, CancellationToken ct)
    {
        var plan = await db.TrainingPlans.FirstOrDefaultAsync(p => p.Id == id, ct);
        if (plan is null) return Error.NotFound("kế hoạch này");
        if (plan.Version != version)
            return Error.Conflict($"Kế hoạch vừa được người khác thay đổi (phiên bản {plan.Version}, bạn sửa từ phiên bản {version}). Hãy tải lại và nhập lại thay đổi.");
        var errors = await ApplyAsync(plan, input, ct);
        if (errors.Count > 0)
        {
            await db.Entry(plan).ReloadAsync(ct);
            return Result<TrainingPlan>.Fail(errors);
        }
        if (plan.ProvinceCode != (string)db.Entry(plan).OriginalValues[nameof(TrainingPlan.ProvinceCode)]!
            && await db.Courses.AnyAsync(c => c.PlanId == id, ct))
        {
            await db.Entry(plan).ReloadAsync(ct);
            return new Error("plan_has_courses", "Kế hoạch đã có lớp: không chuyển sang tỉnh khác được.", "provinceCode", ErrorKind.Conflict);
        }
        plan.Version++;
        plan.UpdatedAt = time.UtcNow();
        db.Operation ??= "update-plan";
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Kế hoạch vừa được người khác thay đổi cùng lúc. Hãy tải lại và nhập lại thay đổi.");
        }
        return Result<TrainingPlan>.Ok(plan);
    }

    private async Task<List<Error>> ApplyAsync(TrainingPlan plan, PlanInput input, CancellationToken ct)
    {
        var errors = new List<Error>();
        var today = time.Today();
        var title = VietnameseText.Clean(input.Title);
        var organiser = VietnameseText.Clean(input.Organiser);
        if (title.Length == 0) errors.Add(new("title_required", "Chưa nhập tên kế hoạch.", "title"));
        else if (title.Length > 300) errors.Add(new("too_long", "Tên kế hoạch dài quá 300 ký tự.", "title"));
        if (organiser.Length == 0) errors.Add(new("organiser_required", "Chưa nhập cơ quan ban hành kế hoạch.", "organiser"));
        else if (organiser.Length > 200) errors.Add(new("too_long", "Tên cơ quan dài quá 200 ký tự.", "organiser"));
        if (input.Year is not { } year || year < 2000 || year > today.Year + 5)
            errors.Add(new("invalid_year", $"Năm kế hoạch phải từ 2000 đến {today.Year + 5}.", "year"));
        var number = VietnameseText.Clean(input.DecisionNumber);
        var issuer = VietnameseText.Clean(input.DecisionIssuer);
        var note = VietnameseText.Clean(input.Note);
        if (number.Length > 60) errors.Add(new("too_long", "Số quyết định dài quá 60 ký tự.", "decisionNumber"));
        if (issuer.Length > 200) errors.Add(new("too_long", "Cơ quan ban hành dài quá 200 ký tự.", "decisionIssuer"));
        if (note.Length > 1000) errors.Add(new("too_long", "Ghi chú dài quá 1.000 ký tự.", "note"));
        if (input.DecisionDate > today) errors.Add(new("future_date", "Ngày quyết định là ngày trong tương lai.", "decisionDate"));

        var provinceCode = input.ProvinceCode?.Trim() ?? "";
        AdminUnit? commune = null;
        if (!string.IsNullOrWhiteSpace(input.CommuneCode))
        {
            commune = await db.FindCommuneAsync(input.CommuneCode.Trim(), today, ct);
            if (commune is null) errors.Add(new("commune_not_found", $"Không có xã/phường mã {input.CommuneCode.Trim()}.", "communeCode"));
            else if (provinceCode.Length > 0 && commune.ProvinceCode != provinceCode)
                errors.Add(new("commune_not_in_province", $"{commune.FullName} không thuộc tỉnh mã {provinceCode}.", "communeCode"));
            else provinceCode = commune.ProvinceCode;
        }
        if (provinceCode.Length == 0 && commune is null) errors.Add(new("province_required", "Chưa chọn tỉnh (hoặc xã/phường) ban hành kế hoạch.", "provinceCode"));
        else if (provinceCode.Length > 0 && await db.FindByCodeAsync(provinceCode, today, ct) is not { Level: AdminLevel.Province })
            errors.Add(new("province_not_found", $"Không có tỉnh, thành phố mã {provinceCode}.", "provinceCode"));
        if (errors.Count > 0) return errors;
        if (!db.Access.ScopeFor(Permission.ManageCourses).Manages(provinceCode, commune?.Id))
            return [new("place_not_in_scope", "Bạn không quản lý kế hoạch bồi dưỡng ở địa bàn này.", commune is null ? "provinceCode" : "communeCode", ErrorKind.NotFound)];

        plan.Title = title;
        plan.Organiser = organiser;
        plan.Year = input.Year!.Value;
        plan.ProvinceCode = provinceCode;
        plan.CommuneId = commune?.Id;
        plan.DecisionNumber = number.Length == 0 ? null : number;
        plan.DecisionDate = input.DecisionDate;
        plan.DecisionIssuer = issuer.Length == 0 ? null : issuer;
        plan.Note = note.Length == 0 ? null : note;
        return errors;
    }
}
