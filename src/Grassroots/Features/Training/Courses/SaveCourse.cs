using System.Text.RegularExpressions;
using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Features.Accounts;
using Grassroots.Features.People;
using Grassroots.Features.Training.Enrolments;
using Grassroots.Features.Units;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.Training.Courses;

public sealed record ClassInput(int? Id, string? Name, int? Capacity, string? Venue);

/// <summary>A course as entered (pages, API). The organiser sits in the province, or in the commune given.</summary>
public sealed record CourseInput(
    string? Title, int? ProgrammeId, int? PlanId, string? Organiser, string? ProvinceCode, string? CommuneCode, string? LegalBasis, string? Venue,
    DateOnly? StartDate, DateOnly? EndDate, int? Capacity, string? TermLabel, string? FundingSource, decimal? MinAttendancePercent = null,
    bool AssessmentRequired = false, decimal? PassMark = null, string? CertificateSymbol = null, string? SignerAuthority = null,
    string? SignerTitle = null, string? SignerName = null, string? Note = null, IReadOnlyList<ClassInput>? Classes = null);

/// <summary>Creates and corrects courses, and moves them through planned → open → running → finished (or cancelled).</summary>
public sealed partial class SaveCourse(AppDb db, TimeProvider time)
{
    [GeneratedRegex(@"^[\p{L}\p{N}./-]{1,30}$")]
    private static partial Regex SymbolPattern();

    public async Task<Result<Course>> CreateAsync(CourseInput input, CancellationToken ct)
    {
        var course = new Course { Title = "", Organiser = "", ProvinceCode = "", Status = CourseStatus.Planned };
        var errors = await ApplyAsync(course, input, ct);
        if (errors.Count > 0) return Result<Course>.Fail(errors);
        course.CreatedAt = course.UpdatedAt = time.UtcNow();
        db.Courses.Add(course);
        db.Operation ??= "create-course";
        await db.SaveChangesAsync(ct);
        return Result<Course>.Ok(course);
    }

    public async Task<Result<Course>> UpdateAsync(int id, int version, CourseInput input, CancellationToken ct)
    {
        var course = await db.Courses.Include(c => c.Classes).Include(c => c.Sessions).FirstOrDefaultAsync(c => c.Id == id, ct);
        if (course is null) return Error.NotFound("lớp bồi dưỡng này");
        if (course.Version != version) return Conflict(course.Version, version);
        if (course.Status == CourseStatus.Cancelled) return new Error("course_cancelled", "Lớp đã hủy: không sửa được.", Kind: ErrorKind.Conflict);
        var endDate = course.EndDate;
        var errors = await ApplyAsync(course, input, ct);
        if (errors.Count > 0)
        {
            await db.Entry(course).ReloadAsync(ct);
            return Result<Course>.Fail(errors);
        }
        course.Touch(time.UtcNow());
        db.Operation ??= "update-course";
        if (course.EndDate == endDate) return await SaveAsync(course, ct);

        // The enrolments carry the end date (for coverage): they follow it in the same transaction.
        await using var transaction = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        var saved = await SaveAsync(course, ct);
        if (!saved.Succeeded) return saved;
        await db.Enrolments.IgnoreQueryFilters().Where(e => e.CourseId == course.Id)
            .ExecuteUpdateAsync(s => s.SetProperty(e => e.CourseEndDate, course.EndDate), ct);
        if (transaction is not null) await transaction.CommitAsync(ct);
        return saved;
    }

    /// <summary>The next step of the course's life; a finished course stays finished, and anything but a finished course may be cancelled.</summary>
    public async Task<Result<Course>> ChangeStatusAsync(int id, int version, CourseStatus status, CancellationToken ct)
    {
        // Held against enrolments: none joins the list between the results computed on closing and the status written.
        await using var transaction = await EnrolmentRules.BeginAsync(db, ct);
        await EnrolmentRules.LockCourseAsync(db, id, ct);
        var course = await db.Courses.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (course is null) return Error.NotFound("lớp bồi dưỡng này");
        if (course.Version != version) return Conflict(course.Version, version);
        if (!Enum.IsDefined(status)) return new Error("invalid_status", "Trạng thái không hợp lệ.", "status");
        var allowed = (course.Status, status) switch
        {
            (CourseStatus.Planned, CourseStatus.Open) or (CourseStatus.Open, CourseStatus.Running) or (CourseStatus.Running, CourseStatus.Finished) => true,
            (CourseStatus.Open, CourseStatus.Planned) => true,
            (not (CourseStatus.Finished or CourseStatus.Cancelled), CourseStatus.Cancelled) => true,
            _ => false,
        };
        if (!allowed)
            return new Error("invalid_status_change",
                $"Không chuyển được lớp từ \"{Course.StatusName(course.Status)}\" sang \"{Course.StatusName(status)}\".", "status", ErrorKind.Conflict);
        if (status == CourseStatus.Finished && course.EndDate > time.Today())
            return new Error("course_not_ended", $"Lớp kết thúc ngày {VietnameseText.FormatDate(course.EndDate)}: chưa thể đóng lớp trước ngày đó.", "status", ErrorKind.Conflict);
        course.Status = status;
        course.Touch(time.UtcNow());
        // Closing the course computes its participants' results (those set by hand are kept).
        if (status == CourseStatus.Finished)
            await Completion.CompletionRules.ApplyAsync(db, course, await Completion.CompletionRules.EnrolmentsAsync(db, course.Id, null, ct), time.UtcNow(), ct);
        db.Operation ??= "course-status";
        var saved = await SaveAsync(course, ct);
        if (saved.Succeeded && transaction is not null) await transaction.CommitAsync(ct);
        return saved;
    }

    private async Task<Result<Course>> SaveAsync(Course course, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Result<Course>.Ok(course);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Error.Conflict("Lớp này vừa được người khác thay đổi cùng lúc. Hãy tải lại và nhập lại thay đổi.");
        }
    }

    private static Error Conflict(int current, int yours) =>
        Error.Conflict($"Lớp này vừa được người khác thay đổi (phiên bản {current}, bạn sửa từ phiên bản {yours}). Hãy tải lại và nhập lại thay đổi.");

    /// <summary>Checks the input and, when it is all valid, writes it onto the course (classes included).</summary>
    private async Task<List<Error>> ApplyAsync(Course course, CourseInput input, CancellationToken ct)
    {
        var errors = new List<Error>();
        void Add(string code, string message, string field) => errors.Add(new(code, message, field));
        string? Text(string? value, int max, string field, string label, bool required = false)
        {
            var text = VietnameseText.Clean(value);
            if (text.Length == 0)
            {
                if (required) Add(field + "_required", $"Chưa nhập {label.ToLower(VietnameseText.Culture)}.", field);
                return null;
            }
            if (text.Length > max) Add("too_long", $"{label} dài quá {max} ký tự.", field);
            return text;
        }

        var title = Text(input.Title, 300, "title", "Tên lớp", required: true);
        var organiser = Text(input.Organiser, 200, "organiser", "Cơ quan, đơn vị tổ chức", required: true);
        var legalBasis = Text(input.LegalBasis, 500, "legalBasis", "Căn cứ");
        var venue = Text(input.Venue, 300, "venue", "Địa điểm");
        var funding = Text(input.FundingSource, 200, "fundingSource", "Nguồn kinh phí");
        var note = Text(input.Note, 1000, "note", "Ghi chú");
        var signerAuthority = Text(input.SignerAuthority, 60, "signerAuthority", "Thẩm quyền ký");
        var signerTitle = Text(input.SignerTitle, 100, "signerTitle", "Chức vụ người ký");
        var signerName = Text(input.SignerName, 100, "signerName", "Người ký");
        var symbol = Text(input.CertificateSymbol, 30, "certificateSymbol", "Ký hiệu sổ cấp giấy chứng nhận");
        if (symbol is not null && !SymbolPattern().IsMatch(symbol))
            Add("invalid_certificate_symbol", $"Ký hiệu \"{symbol}\" chỉ gồm chữ, số và các dấu - . /, ví dụ GCN-TCT.", "certificateSymbol");
        var term = TenureRules.NormalizeTermLabel(errors, input.TermLabel);

        if (input.StartDate is not { } start) Add("start_date_required", "Chưa nhập ngày khai giảng.", "startDate");
        if (input.EndDate is not { } end) Add("end_date_required", "Chưa nhập ngày bế giảng.", "endDate");
        if (input.StartDate is { } s && input.EndDate is { } e)
        {
            if (e < s) Add("end_before_start", $"Ngày bế giảng ({VietnameseText.FormatDate(e)}) trước ngày khai giảng ({VietnameseText.FormatDate(s)}).", "endDate");
            else if (e.DayNumber - s.DayNumber > 366) Add("course_too_long", "Một lớp bồi dưỡng không kéo dài quá một năm; hãy chia thành nhiều lớp.", "endDate");
            if (s.Year < 2000) Add("invalid_start_date", "Ngày khai giảng không hợp lệ.", "startDate");
            var outside = course.Sessions.Where(x => x.Date < s || x.Date > e).OrderBy(x => x.Date).ToList();
            if (outside.Count > 0 && e >= s)
                Add("sessions_outside_dates", $"Đã có {outside.Count} buổi học ngoài khoảng ngày mới (ví dụ ngày {VietnameseText.FormatDate(outside[0].Date)}); hãy sửa các buổi đó trước.", "startDate");
        }
        if (input.Capacity is <= 0 or > 100_000) Add("invalid_capacity", "Số học viên tối đa phải là số nguyên dương.", "capacity");
        var minAttendance = input.MinAttendancePercent ?? 80;
        if (minAttendance is < 0 or > 100) Add("invalid_min_attendance", "Tỷ lệ buổi học tối thiểu phải từ 0 đến 100 (%).", "minAttendancePercent");
        if (input.PassMark is < 0 or > 100) Add("invalid_pass_mark", "Điểm đạt phải từ 0 đến 100.", "passMark");
        if (input.AssessmentRequired && input.PassMark is null) Add("pass_mark_required", "Có bài thu hoạch/kiểm tra thì phải nhập điểm đạt.", "passMark");

        var programme = input.ProgrammeId is { } programmeId ? await db.Programmes.AsNoTracking().FirstOrDefaultAsync(p => p.Id == programmeId, ct) : null;
        if (input.ProgrammeId is null) Add("programme_required", "Chưa chọn chương trình bồi dưỡng.", "programmeId");
        else if (programme is null) Add("programme_not_found", "Không có chương trình này.", "programmeId");

        // Where the organiser sits: a province the user manages, or a commune of it.
        var today = time.Today();
        var provinceCode = input.ProvinceCode?.Trim() ?? "";
        AdminUnit? commune = null;
        if (!string.IsNullOrWhiteSpace(input.CommuneCode))
        {
            commune = await db.FindCommuneAsync(input.CommuneCode.Trim(), today, ct);
            if (commune is null) Add("commune_not_found", $"Không có xã/phường mã {input.CommuneCode.Trim()}.", "communeCode");
            else if (provinceCode.Length > 0 && commune.ProvinceCode != provinceCode)
                Add("commune_not_in_province", $"{commune.FullName} không thuộc tỉnh mã {provinceCode}.", "communeCode");
            else provinceCode = commune.ProvinceCode;
        }
        if (provinceCode.Length == 0 && commune is null) Add("province_required", "Chưa chọn tỉnh (hoặc xã/phường) tổ chức lớp.", "provinceCode");
        else if (provinceCode.Length > 0 && await db.FindByCodeAsync(provinceCode, today, ct) is not { Level: AdminLevel.Province })
            Add("province_not_found", $"Không có tỉnh, thành phố mã {provinceCode}.", "provinceCode");
        if (programme?.ProvinceCode is { } owner && owner != provinceCode)
            Add("programme_of_other_province", "Chương trình này thuộc tỉnh khác.", "programmeId");

        TrainingPlan? plan = null;
        if (input.PlanId is { } planId)
        {
            plan = await db.TrainingPlans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == planId, ct);
            if (plan is null) Add("plan_not_found", "Không có kế hoạch này.", "planId");
            else if (plan.ProvinceCode != provinceCode || (plan.CommuneId is { } planCommune && planCommune != commune?.Id))
                Add("plan_of_other_place", $"Kế hoạch \"{plan.Title}\" thuộc địa bàn khác với nơi tổ chức lớp.", "planId");
        }

        var classes = CheckClasses(input.Classes ?? [], course, errors);
        if (errors.Count > 0) return errors;
        // Someone who does not manage courses there is answered as if the place did not exist.
        if (!db.Access.ScopeFor(Permission.ManageCourses).Manages(provinceCode, commune?.Id))
            return [new("place_not_in_scope", "Bạn không quản lý lớp bồi dưỡng ở địa bàn này.", commune is null ? "provinceCode" : "communeCode", ErrorKind.NotFound)];

        course.Title = title!;
        course.Organiser = organiser!;
        course.ProgrammeId = programme!.Id;
        course.PlanId = plan?.Id;
        course.ProvinceCode = provinceCode;
        course.CommuneId = commune?.Id;
        course.LegalBasis = legalBasis;
        course.Venue = venue;
        course.StartDate = input.StartDate!.Value;
        course.EndDate = input.EndDate!.Value;
        course.Capacity = input.Capacity;
        course.TermLabel = term;
        course.FundingSource = funding;
        course.MinAttendancePercent = minAttendance;
        course.AssessmentRequired = input.AssessmentRequired;
        course.PassMark = input.AssessmentRequired ? input.PassMark : null;
        course.CertificateSymbol = symbol;
        course.SignerAuthority = signerAuthority;
        course.SignerTitle = signerTitle;
        course.SignerName = signerName;
        course.Note = note;
        foreach (var (existing, given) in classes)
        {
            if (existing is null) course.Classes.Add(new CourseClass { Name = given.Name!, Capacity = given.Capacity, Venue = given.Venue });
            else (existing.Name, existing.Capacity, existing.Venue) = (given.Name!, given.Capacity, given.Venue);
        }
        return errors;
    }

    /// <summary>The classes as given, matched to the course's own by id; names unique, capacities positive; classes are not removed here.</summary>
    private static List<(CourseClass? Existing, ClassInput Given)> CheckClasses(IReadOnlyList<ClassInput> given, Course course, List<Error> errors)
    {
        var result = new List<(CourseClass?, ClassInput)>();
        var names = new HashSet<string>();
        for (var i = 0; i < given.Count; i++)
        {
            var name = VietnameseText.Clean(given[i].Name);
            var field = $"classes[{i}].name";
            if (name.Length == 0) { errors.Add(new("class_name_required", $"Lớp thứ {i + 1} chưa có tên.", field)); continue; }
            if (name.Length > 100) errors.Add(new("too_long", "Tên lớp dài quá 100 ký tự.", field));
            if (!names.Add(VietnameseText.NameKey(name))) errors.Add(new("class_name_duplicate", $"Tên lớp \"{name}\" bị trùng.", field));
            if (given[i].Capacity is <= 0) errors.Add(new("invalid_capacity", "Sĩ số tối đa của lớp phải là số nguyên dương.", $"classes[{i}].capacity"));
            CourseClass? existing = null;
            if (given[i].Id is { } id && (existing = course.Classes.FirstOrDefault(c => c.Id == id)) is null)
                errors.Add(new("class_not_found", $"Lớp thứ {i + 1} không thuộc khóa này.", $"classes[{i}].id"));
            result.Add((existing, given[i] with { Name = name, Venue = VietnameseText.Clean(given[i].Venue) is { Length: > 0 } v ? v : null }));
        }
        return result;
    }
}
