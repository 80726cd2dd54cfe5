using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Documents;
using Grassroots.Features.Units;
using Grassroots.Features.Units.Import;
using Microsoft.EntityFrameworkCore;

namespace Grassroots.Features.People.Roster;

/// <summary>
/// Imports the leader roster from .xlsx or .csv, one row per person and position. The file is read a row at a time
/// and each row parsed at once; then everything the rows refer to (communes, units, their tenures, people by id,
/// CCCD or name and birth date, the province's limits) is loaded in a few queries, and every row is checked in memory
/// with the same rules as a page or API write (<see cref="SavePerson.Check"/>, <see cref="TenureRules"/>), later rows
/// seeing earlier ones. All rows' errors and rule warnings come back together; only a file without errors is written,
/// in one transaction. People are matched by "Mã người", then CCCD, then name and birth date within the commune, and
/// kept as recorded. A row that repeats a recorded tenure is left as is, or ends it when it gives an end date, so an
/// exported roster imports again without duplicates.
/// </summary>
public sealed class ImportRoster(AppDb db, TimeProvider time, IConfiguration configuration)
{
    public const int MaxRows = 50_000;

    public long MaxBytes => configuration.GetValue<long?>("Grassroots:Import:MaxBytes") ?? ImportUnits.DefaultMaxBytes;

    private static readonly SheetLayout<RosterField> Layout = RosterSheet.Layout;

    public async Task<ImportReport> RunAsync(Stream file, bool dryRun, CancellationToken ct)
    {
        var opened = await SheetFile.OpenAsync(file, MaxBytes, name => VietnameseText.Fold(name) != VietnameseText.Fold(RosterSheet.GuideSheetName), ct);
        if (!opened.Succeeded) return ImportReport.Failed(dryRun, opened.Errors[0]);
        using var sheet = opened.Value!;
        List<RosterRow> rows;
        try
        {
            var (fileError, headerErrors, read) = Read(sheet.Rows());
            if (fileError is not null) return ImportReport.Failed(dryRun, fileError, headerErrors);
            rows = read;
        }
        catch (SheetFileException e)
        {
            return ImportReport.Failed(dryRun, e.Error);
        }
        try
        {
            return await ImportAsync(rows, dryRun, ct);
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>The parsed rows, or a file-level error (with the header's errors when the header is wrong).</summary>
    private static (Error? FileError, IReadOnlyList<ImportRowError> HeaderErrors, List<RosterRow> Rows) Read(IEnumerable<SheetRow> source)
    {
        using var reader = source.GetEnumerator();
        var first = new List<SheetRow>();
        while (first.Count < 10 && reader.MoveNext()) first.Add(reader.Current);
        if (first.Count == 0) return (new Error("file_empty", "Tệp trống: không có dữ liệu nào để nhập."), [], []);
        var header = Layout.FindHeader(first);
        if (header.Errors.Count > 0) return (SheetLayout<RosterField>.HeaderError(first[header.Index], header.Errors), header.Errors, []);
        var rows = new List<RosterRow>();
        foreach (var row in first.Skip(header.Index + 1)) rows.Add(RosterRow.Parse(new RosterLine(row, header.Columns)));
        while (reader.MoveNext())
        {
            if (rows.Count == MaxRows)
                return (new Error("file_too_many_rows", $"Tệp có hơn {VietnameseText.FormatNumber(MaxRows)} dòng dữ liệu; hãy chia thành nhiều tệp."), [], []);
            rows.Add(RosterRow.Parse(new RosterLine(reader.Current, header.Columns)));
        }
        if (rows.Count == 0) return (new Error("file_empty", "Tệp chỉ có dòng tiêu đề, chưa có dòng dữ liệu nào."), [], []);
        return (null, [], rows);
    }

    private async Task<ImportReport> ImportAsync(List<RosterRow> rows, bool dryRun, CancellationToken ct)
    {
        var today = time.Today();
        var now = time.UtcNow();
        var context = await RosterContext.LoadAsync(db, rows, today, ct);
        var warnings = new List<ImportRowWarning>();
        var newPeople = new Dictionary<string, (Person Person, RosterRow Row)>();
        var newTenures = new List<(Tenure Tenure, RosterRow Row)>();
        var fileKeys = new Dictionary<(int UnitId, Person Person, Position Position, string? Title, DateOnly Start), int>();
        var touchedUnits = new HashSet<int>();
        int ended = 0, unchanged = 0;

        foreach (var row in rows)
        {
            var commune = row.CommuneCode is null ? null : context.Commune(row.CommuneCode);
            if (row.CommuneCode is not null && commune is null && !row.HasError(RosterField.CommuneCode))
                row.Fail(RosterField.CommuneCode, "commune_not_found", $"Không có xã/phường/đặc khu mã {row.CommuneCode} vào ngày {VietnameseText.FormatDate(today)}.");
            else if (row.CommuneCode is null) row.Fail(RosterField.CommuneCode, "commune_required", "Chưa nhập mã xã/phường.");
            ResidentialUnit? unit = null;
            if (commune is not null && row.UnitName is not null)
            {
                unit = context.Unit(commune.Id, row.UnitName, row.StartDate ?? today);
                if (unit is null)
                    row.Fail(RosterField.UnitName, "unit_not_found",
                        $"Không có thôn/tổ dân phố \"{row.UnitName}\" trong {commune.AsOf(today).FullName} (trong phạm vi bạn được quản lý); kiểm tra lại tên theo danh sách của xã/phường.");
            }
            else if (row.UnitName is null) row.Fail(RosterField.UnitName, "unit_required", "Chưa nhập tên thôn/tổ dân phố.");

            var person = unit is null ? null : ResolvePerson(row, unit, context, newPeople, warnings, today, now);
            if (unit is null || person is null || row.Position is not { } position || row.Mode is not { } mode || row.StartDate is not { } start) continue;

            var input = new TenureInput(unit.Id, null, null, position, row.Title, mode, row.TermLabel, start, row.PlannedEndDate, row.Decision, row.Note,
                row.EndDate, row.EndReason);
            var tenure = new Tenure { ProvinceCode = unit.ProvinceCode, CommuneId = unit.CurrentCommuneId, UnitId = unit.Id, Person = person, PersonId = person.Id };
            var errors = new List<Error>();
            RecordTenure.Fill(tenure, input, errors);
            var unitTenures = context.TenuresOf(unit.Id);
            var recorded = person.Id == 0 ? null : unitTenures.FirstOrDefault(t => t.Id != 0 && t.PersonId == person.Id && t.Position == position
                && t.StartDate == start && (position != Position.VillageParticipant || t.Title == tenure.Title));
            if (recorded is not null)
            {
                // Already recorded: unchanged, or ended now.
                if (Repeat(row, recorded, tenure, today, now, warnings))
                {
                    ended++;
                    touchedUnits.Add(unit.Id);
                }
                else if (row.Errors.Count == 0) unchanged++;
                continue;
            }
            TenureRules.CheckOwnFields(errors, tenure, person, today);
            var key = (unit.Id, person, position, tenure.Title, start);
            if (fileKeys.TryGetValue(key, out var earlier))
                errors.Add(new("duplicate_in_file", $"Trùng với dòng {earlier}: cùng người, cùng chức danh, cùng thôn/tổ dân phố và ngày bắt đầu.", "startDate"));
            else if (errors.Count == 0) TenureRules.CheckAgainstUnit(errors, tenure, unit, unitTenures);
            foreach (var error in errors) row.Add(error, RosterSheet.ColumnFor(error));
            if (row.Errors.Count > 0) continue;
            fileKeys[key] = row.Number;
            tenure.CreatedAt = tenure.UpdatedAt = now;
            unitTenures.Add(tenure);
            newTenures.Add((tenure, row));
            touchedUnits.Add(unit.Id);
            if (row.TitleGuessed)
                warnings.Add(new(row.Number, $"\"{row.Title}\" không phải chức danh chính của thôn/tổ dân phố: ghi nhận là người trực tiếp tham gia hoạt động ở thôn."));
        }

        // Soft rules over every unit touched, as a page write would store them.
        var rowOf = newTenures.ToDictionary(n => n.Tenure, n => n.Row.Number);
        var limits = new Dictionary<string, ProvinceUnitRules>();
        foreach (var unitId in touchedUnits)
        {
            var unit = context.UnitById(unitId);
            if (!limits.TryGetValue(unit.ProvinceCode, out var rules))
                limits[unit.ProvinceCode] = rules = await TenureRules.RulesAsync(db, unit.ProvinceCode, today, ct);
            var held = context.TenuresOf(unitId);
            foreach (var tenure in held)
            {
                var found = TenureRules.Evaluate(tenure, unit, held, _ => tenure.Person, rules, today);
                if (rowOf.TryGetValue(tenure, out var number))
                    warnings.AddRange(found.Select(w => new ImportRowWarning(number, $"{w.Message} ({w.Source})")));
                TenureRules.Store(db, tenure, found);
            }
        }

        var errorsAll = rows.SelectMany(r => r.Errors).ToList();
        var peopleCreated = newPeople.Values.Select(p => p.Person).Distinct().Count(p => newTenures.Any(t => ReferenceEquals(t.Tenure.Person, p)));
        var report = new ImportReport(dryRun, false, rows.Count, newTenures.Count, ended, errorsAll,
            [.. warnings.OrderBy(w => w.Row)], Unchanged: unchanged, PeopleCreated: peopleCreated);
        if (dryRun || errorsAll.Count > 0) return report;

        var people = newTenures.Select(t => t.Tenure.Person!).Where(p => p.Id == 0).Distinct().ToList();
        var tenures = newTenures.Select(t => t.Tenure).ToList();
        db.Operation = "import-roster";
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        try
        {
            // What the context tracks (tenures ended, warnings of recorded tenures refreshed), then the new rows in bulk,
            // each record checked against the user's scope and audited as a page write would be; one transaction holds all.
            await db.SaveChangesAsync(ct);
            await db.BulkInsertAsync(people, ct);
            foreach (var tenure in tenures) tenure.PersonId = tenure.Person!.Id;
            await db.BulkInsertAsync(tenures, ct);
            foreach (var tenure in tenures)
                foreach (var warning in tenure.Warnings) warning.TenureId = tenure.Id;
            await db.BulkInsertAsync(tenures.SelectMany(t => t.Warnings).ToList(), ct);
            await transaction.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await transaction.RollbackAsync(ct);
            return ImportReport.Failed(false, Error.Conflict("Trong lúc nhập, một số chức danh trong tệp vừa được người khác thay đổi. Không có dòng nào được ghi; hãy kiểm tra và nhập lại."));
        }
        return report with { Applied = true };
    }

    /// <summary>
    /// The person of a row: by "Mã người", by CCCD, by an earlier row of the file, by name and birth date in the commune,
    /// or a new record. Null (with the row's errors) when none can be used.
    /// </summary>
    private Person? ResolvePerson(RosterRow row, ResidentialUnit unit, RosterContext context, Dictionary<string, (Person Person, RosterRow Row)> newPeople,
        List<ImportRowWarning> warnings, DateOnly today, DateTime now)
    {
        var input = row.PersonInput(unit);
        var errors = new List<Error>();
        var values = SavePerson.Check(input, "", today, errors);
        Person? existing = null;
        if (row.PersonId is { } id)
        {
            existing = context.PersonById(id);
            if (existing is null)
            {
                row.Fail(RosterField.PersonId, "person_not_found", $"Không có người nào mã {id} trong phạm vi bạn quản lý; để trống cột \"Mã người\" nếu là người mới.");
                return null;
            }
        }
        else if (values.NationalId is { } nationalId && context.PersonByNationalId(nationalId) is { } owner)
        {
            if (owner.Person is null)
            {
                row.Add(SavePerson.NationalIdTaken(nationalId, owner.Id, null, ""), Layout.Column(RosterField.NationalId).Header);
                return null;
            }
            existing = owner.Person;
        }
        if (existing is not null)
        {
            // The record is kept as it is; what the row says differently is reported, and a different name refused.
            foreach (var error in errors.Where(e => !row.IsMasked(e.Field) && e.Code != "gender_required"))
                row.Add(error, RosterSheet.ColumnFor(error));
            if (VietnameseText.Fold(values.FullName) is { Length: > 0 } name && name != existing.SearchName)
                row.Fail(RosterField.FullName, "name_differs",
                    $"Hồ sơ mã {existing.Id}{(existing.NationalId is null ? "" : $" (CCCD {NationalId.Mask(existing.NationalId)})")} mang tên \"{existing.FullName}\", khác tên trong tệp (\"{values.FullName}\"); kiểm tra lại mã người hoặc số CCCD.");
            if (row.PersonId is not null && values.NationalId is { } given && existing.NationalId is { } kept && given != kept)
                row.Fail(RosterField.NationalId, "national_id_differs", $"Hồ sơ mã {existing.Id} có số CCCD khác số trong tệp; sửa trên trang của người này nếu số trong hồ sơ sai.");
            if (row.Errors.Count > 0) return null;
            if (Differences(row, values, existing) is { Count: > 0 } different)
                warnings.Add(new(row.Number, $"{existing.FullName} đã có hồ sơ (mã {existing.Id}); hồ sơ được giữ nguyên, khác với tệp ở: {string.Join(", ", different)}. Sửa trên trang của người này nếu cần."));
            return existing;
        }

        if (row.MaskedIdentifiers) row.Fail(RosterField.NationalId, "masked_value",
            "Ô bị che (***): tệp xuất bởi người không có quyền xem thông tin cá nhân chỉ nhập lại được ở dòng có \"Mã người\"; hãy nhập số đầy đủ.");
        foreach (var error in errors) row.Add(error, RosterSheet.ColumnFor(error));
        if (row.Errors.Count > 0) return null;

        // The same new person on several rows (concurrent positions): the first row's record.
        var key = values.NationalId ?? $"{unit.CurrentCommuneId}|{VietnameseText.Fold(values.FullName)}|{values.DateOfBirth:yyyy-MM-dd}";
        if (newPeople.TryGetValue(key, out var earlier))
        {
            if (values.NationalId is not null && VietnameseText.Fold(values.FullName) != earlier.Person.SearchName)
                row.Fail(RosterField.FullName, "name_differs", $"Số CCCD này đã dùng ở dòng {earlier.Row.Number} cho \"{earlier.Person.FullName}\"; một số CCCD chỉ thuộc một người.");
            else if (values.Gender != earlier.Person.Gender || values.DateOfBirth != earlier.Person.DateOfBirth)
                row.Fail(values.Gender != earlier.Person.Gender ? RosterField.Gender : RosterField.DateOfBirth, "person_differs",
                    $"Cùng người với dòng {earlier.Row.Number} nhưng khác {(values.Gender != earlier.Person.Gender ? "giới tính" : "ngày sinh")}.");
            return row.Errors.Count > 0 ? null : earlier.Person;
        }
        if (values.NationalId is null && values.DateOfBirth is { } born && context.PersonByNameAndBirth(unit.CurrentCommuneId, values.FullName, born) is { } namesake)
        {
            warnings.Add(new(row.Number, $"Dùng hồ sơ đã có của {namesake.FullName} (mã {namesake.Id}, cùng họ tên và ngày sinh trong xã/phường); hồ sơ được giữ nguyên."));
            return namesake;
        }
        var person = new Person { ProvinceCode = unit.ProvinceCode, FullName = "", SearchName = "", SortKey = "", CreatedAt = now, UpdatedAt = now };
        SavePerson.Write(person, values, input.ResidenceUnitId, input.LivesInUnit, unit.CurrentCommuneId, unit.ProvinceCode);
        newPeople[key] = (person, row);
        return person;
    }

    /// <summary>The columns where a row says something else than the kept record (masked and blank cells say nothing).</summary>
    private static List<string> Differences(RosterRow row, PersonValues v, Person p)
    {
        var different = new List<string>();
        void Check(RosterField field, bool differs)
        {
            if (row.Given(field) && !row.IsMasked(field) && differs) different.Add(Layout.Column(field).Header);
        }
        Check(RosterField.Gender, v.Gender != p.Gender);
        Check(RosterField.DateOfBirth, v.DateOfBirth != p.DateOfBirth);
        Check(RosterField.Ethnicity, v.EthnicityCode != p.EthnicityCode);
        Check(RosterField.Phone, v.Phone != p.Phone);
        Check(RosterField.PartyMember, v.PartyMember != p.PartyMember);
        Check(RosterField.GeneralEducation, v.GeneralEducation != p.GeneralEducation);
        Check(RosterField.PoliticalTheory, v.PoliticalTheory != p.PoliticalTheory);
        return different;
    }

    /// <summary>
    /// A row that repeats a recorded tenure: ends it when the row gives an end date the record lacks (true); otherwise
    /// leaves it (false), refusing an end date that contradicts the record and noting other differences.
    /// </summary>
    private static bool Repeat(RosterRow row, Tenure recorded, Tenure fromFile, DateOnly today, DateTime now, List<ImportRowWarning> warnings)
    {
        if (fromFile.EndDate is { } end && recorded.EndDate is null)
        {
            var errors = new List<Error>();
            var probe = new Tenure { ProvinceCode = recorded.ProvinceCode, StartDate = recorded.StartDate, Position = recorded.Position, Mode = recorded.Mode, EndDate = end, EndReason = fromFile.EndReason };
            TenureRules.CheckOwnFields(errors, probe, recorded.Person!, today);
            foreach (var error in errors) row.Add(error, RosterSheet.ColumnFor(error));
            if (row.Errors.Count > 0) return false;
            recorded.EndDate = end;
            recorded.EndReason = fromFile.EndReason;
            recorded.Touch(now);
            return true;
        }
        if (fromFile.EndDate is { } other && recorded.EndDate != other)
        {
            row.Fail(RosterField.EndDate, "tenure_already_ended",
                $"Chức danh này (mã {recorded.Id}) đã kết thúc ngày {VietnameseText.FormatDate(recorded.EndDate)}, khác ngày thôi trong tệp; sửa trên trang của chức danh nếu cần.");
            return false;
        }
        var different = new List<string>();
        if (recorded.Mode != fromFile.Mode) different.Add(Layout.Column(RosterField.Mode).Header);
        if (fromFile.TermLabel is not null && recorded.TermLabel != fromFile.TermLabel) different.Add(Layout.Column(RosterField.TermLabel).Header);
        if (fromFile.PlannedEndDate is not null && recorded.PlannedEndDate != fromFile.PlannedEndDate) different.Add(Layout.Column(RosterField.PlannedEndDate).Header);
        if (fromFile.StartDecisionNumber is not null && recorded.StartDecisionNumber != fromFile.StartDecisionNumber) different.Add(Layout.Column(RosterField.DecisionNumber).Header);
        if (different.Count > 0)
            warnings.Add(new(row.Number, $"Chức danh này đã được ghi nhận (mã {recorded.Id}) và được giữ nguyên; tệp khác ở: {string.Join(", ", different)}. Sửa trên trang của chức danh nếu cần."));
        return false;
    }
}
