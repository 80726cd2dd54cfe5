using Grassroots.Common;
using Grassroots.Documents;
using Grassroots.Features.Units;

namespace Grassroots.Features.People.Roster;

public enum RosterField
{
    PersonId, CommuneCode, CommuneName, UnitName, FullName, Gender, DateOfBirth, Age, Ethnicity, Religion, NationalId, Phone,
    ResidentHere, LivesHere, PartyMember, PartyStatus, PartyAdmissionDate, GeneralEducation, ProfessionalQualification, PoliticalTheory,
    StateManagement, Position, Mode, TermLabel, StartDate, PlannedEndDate, DecisionNumber, DecisionDate, DecisionIssuer, DecisionSigner,
    EndDate, EndReason, Note, ConcurrentRoles,
}

/// <summary>
/// The leader roster as a spreadsheet, one row per person and position (a person holding two positions has two rows),
/// shared by the template, the export and the importer.
/// </summary>
public static class RosterSheet
{
    public const string DataSheetName = "Danh sách";
    public const string GuideSheetName = "Hướng dẫn";
    public const string TemplateFileName = "mau-nhap-can-bo-thon-to-dan-pho.xlsx";

    private const string DateGuide = "Dạng dd/MM/yyyy, ví dụ 15/07/2022 (hoặc ô ngày của Excel).";
    private const string Masked = "Ô bị che (***) trong tệp xuất bởi người không có quyền xem được bỏ qua ở dòng có \"Mã người\".";

    private static readonly IReadOnlyList<SheetColumn<RosterField>> ColumnList =
    [
        new(RosterField.PersonId, "Mã người", 10, XlsxFormat.General, "personId", true,
            "Để trống với người mới. Tệp xuất từ hệ thống có sẵn mã: dòng có mã dùng đúng hồ sơ đó.", "(trống)"),
        new(RosterField.CommuneCode, "Mã xã/phường", 13, XlsxFormat.Text, "communeCode", true,
            "Mã 5 chữ số của xã/phường/đặc khu hiện nay theo danh mục hành chính.", "04831", null, "Mã xã", "Mã phường", "Mã xã/phường/đặc khu"),
        new(RosterField.CommuneName, "Tên xã/phường", 22, XlsxFormat.General, null, false, "Chỉ để đọc; không được nhập.", "Xã Đà Bắc", null, "Tên xã", "Xã/phường"),
        new(RosterField.UnitName, "Tên thôn/tổ dân phố", 24, XlsxFormat.General, "unitId", true,
            "Tên thôn/tổ dân phố như trong danh sách của xã/phường (có dấu hay không dấu đều được).", "Thôn Suối Hoa", null,
            "Thôn/tổ dân phố", "Tên thôn", "Thôn", "Tổ dân phố", "Đơn vị"),
        new(RosterField.FullName, "Họ và tên", 24, XlsxFormat.General, "fullName", true, "Họ, tên đệm và tên, có dấu.", "Đinh Văn Hùng", null, "Họ tên", "Họ và tên người giữ chức danh"),
        new(RosterField.Gender, "Giới tính", 10, XlsxFormat.General, "gender", true, "\"Nam\" hoặc \"Nữ\".", "Nam", ["Nam", "Nữ"]),
        new(RosterField.DateOfBirth, "Ngày sinh", 12, XlsxFormat.Date, "dateOfBirth", true, DateGuide, "12/03/1978"),
        new(RosterField.Age, "Tuổi", 7, XlsxFormat.General, null, false, "Chỉ để đọc (tuổi tại ngày của danh sách); không được nhập.", "48"),
        new(RosterField.Ethnicity, "Dân tộc", 12, XlsxFormat.General, "ethnicityCode", true,
            "Tên dân tộc (Kinh, Mường, Tày, Thái …) hoặc mã 2 chữ số theo danh mục 54 dân tộc.", "Mường"),
        new(RosterField.Religion, "Tôn giáo", 14, XlsxFormat.General, "religionCode", true, "Tên tôn giáo; để trống nếu không theo tôn giáo nào.", ""),
        new(RosterField.NationalId, "Số CCCD", 15, XlsxFormat.Text, "nationalId", true,
            "Số căn cước công dân 12 chữ số (nên nhập: người đã có trong hệ thống được nhận ra theo số này). " + Masked, "017078001234", null, "CCCD", "Số căn cước", "Số căn cước công dân"),
        new(RosterField.Phone, "Điện thoại", 13, XlsxFormat.Text, "phone", true, "10 hoặc 11 chữ số, bắt đầu bằng 0.", "0912345678", null, "Số điện thoại"),
        new(RosterField.ResidentHere, "Thường trú tại thôn", 12, XlsxFormat.General, "residenceUnitId", true,
            "\"Có\" nếu đăng ký thường trú tại chính thôn/tổ dân phố này (để trống: Có); \"Không\" nếu ở nơi khác.", "Có", ["Có", "Không"]),
        new(RosterField.LivesHere, "Cư trú thường xuyên", 12, XlsxFormat.General, "livesInUnit", true,
            "\"Có\" nếu thực tế sinh sống tại thôn/tổ dân phố (để trống: Có).", "Có", ["Có", "Không"]),
        new(RosterField.PartyMember, "Đảng viên", 10, XlsxFormat.General, "partyMember", true, "\"Có\" hoặc \"Không\" (để trống: Không).", "Có", ["Có", "Không"]),
        new(RosterField.PartyStatus, "Loại đảng viên", 12, XlsxFormat.General, "partyStatus", true, "\"Chính thức\" hoặc \"Dự bị\" (để trống: Chính thức).", "Chính thức", ["Chính thức", "Dự bị"]),
        new(RosterField.PartyAdmissionDate, "Ngày vào Đảng", 13, XlsxFormat.Date, "partyAdmissionDate", true, DateGuide, "03/02/2005"),
        new(RosterField.GeneralEducation, "Trình độ văn hóa", 11, XlsxFormat.Text, "generalEducation", true, "Lớp/hệ, ví dụ 12/12 hoặc 9/12.", "12/12", null, "Văn hóa"),
        new(RosterField.ProfessionalQualification, "Chuyên môn", 14, XlsxFormat.General, "professionalQualification", true,
            "Sơ cấp, Trung cấp, Cao đẳng, Đại học, Thạc sĩ, Tiến sĩ (hoặc mã).", "Trung cấp", null, "Trình độ chuyên môn"),
        new(RosterField.PoliticalTheory, "Lý luận chính trị", 14, XlsxFormat.General, "politicalTheory", true, "Sơ cấp, Trung cấp, Cao cấp, Cử nhân (hoặc mã).", "Sơ cấp", null, "Trình độ lý luận chính trị"),
        new(RosterField.StateManagement, "Quản lý nhà nước", 14, XlsxFormat.General, "stateManagement", true,
            "Chương trình đã học: Cán sự, Chuyên viên, Chuyên viên chính, Chuyên viên cao cấp (hoặc mã).", "", null, "Trình độ quản lý nhà nước"),
        new(RosterField.Position, "Chức danh", 24, XlsxFormat.General, "position", true,
            "Trưởng thôn (trưởng bản, tổ trưởng tổ dân phố …), Phó trưởng thôn (tổ phó …), Bí thư chi bộ, Phó bí thư chi bộ, Trưởng ban công tác Mặt trận; " +
            "chức danh khác (Chi hội trưởng Hội Nông dân, Thôn đội trưởng …) được ghi là người trực tiếp tham gia hoạt động ở thôn.",
            "Trưởng thôn", ["Trưởng thôn", "Tổ trưởng tổ dân phố", "Phó trưởng thôn", "Tổ phó tổ dân phố", "Bí thư chi bộ", "Phó bí thư chi bộ", "Trưởng ban công tác Mặt trận"]),
        new(RosterField.Mode, "Hình thức", 14, XlsxFormat.General, "mode", true,
            "Bầu, Công nhận, Lâm thời, Kéo dài nhiệm kỳ hoặc Kiêm nhiệm. Để trống: phó trưởng thôn là Công nhận, các chức danh khác là Bầu.", "Bầu",
            ["Bầu", "Công nhận", "Lâm thời", "Kéo dài nhiệm kỳ", "Kiêm nhiệm"]),
        new(RosterField.TermLabel, "Nhiệm kỳ", 11, XlsxFormat.Text, "termLabel", true, "Năm bắt đầu-năm kết thúc, ví dụ 2022-2027.", "2022-2027"),
        new(RosterField.StartDate, "Ngày bắt đầu", 13, XlsxFormat.Date, "startDate", true,
            DateGuide + " Ngày của quyết định công nhận (hoặc cử lâm thời). Bắt buộc.", "15/07/2022", null, "Từ ngày"),
        new(RosterField.PlannedEndDate, "Ngày dự kiến hết nhiệm kỳ", 15, XlsxFormat.Date, "plannedEndDate", true, DateGuide, "15/07/2027"),
        new(RosterField.DecisionNumber, "Số quyết định", 15, XlsxFormat.General, "startDecision.number", true, "Số, ký hiệu quyết định công nhận/cử.", "125/QĐ-UBND"),
        new(RosterField.DecisionDate, "Ngày quyết định", 13, XlsxFormat.Date, "startDecision.date", true, DateGuide, "15/07/2022"),
        new(RosterField.DecisionIssuer, "Cơ quan ban hành", 20, XlsxFormat.General, "startDecision.issuer", true, "Ví dụ: UBND xã Đà Bắc.", "UBND xã Đà Bắc"),
        new(RosterField.DecisionSigner, "Người ký", 18, XlsxFormat.General, "startDecision.signer", true, "Họ tên người ký quyết định.", "Bùi Văn Toàn"),
        new(RosterField.EndDate, "Ngày thôi", 12, XlsxFormat.Date, "endDate", true,
            DateGuide + " Để trống nếu đang giữ chức danh. Nhập vào dòng đã có trong hệ thống để ghi nhận việc thôi giữ chức danh.", "", null, "Đến ngày"),
        new(RosterField.EndReason, "Lý do thôi", 18, XlsxFormat.General, "endReason", true,
            "Hết nhiệm kỳ, Xin thôi, Cho thôi làm, Sắp xếp thôn/tổ dân phố, Từ trần, Đã có người được bầu thay lâm thời, Lý do khác.", "",
            ["Hết nhiệm kỳ", "Xin thôi", "Cho thôi làm", "Sắp xếp thôn, tổ dân phố", "Từ trần", "Đã có người được bầu thay lâm thời", "Lý do khác"]),
        new(RosterField.Note, "Ghi chú", 24, XlsxFormat.General, "note", true, "Ghi chú về nhiệm kỳ (không bắt buộc).", ""),
        new(RosterField.ConcurrentRoles, "Kiêm nhiệm", 30, XlsxFormat.General, null, false, "Chỉ để đọc (các chức danh khác cùng lúc); không được nhập.", ""),
    ];

    /// <summary>The columns; a file without commune, unit, name, position and start date is not a roster.</summary>
    public static readonly SheetLayout<RosterField> Layout = new(ColumnList,
        [RosterField.CommuneCode, RosterField.UnitName, RosterField.FullName, RosterField.Position, RosterField.StartDate]);

    /// <summary>The column a use-case error is about, as the header the user sees (person errors carry the "person." prefix in a tenure write).</summary>
    public static string ColumnFor(Error error)
    {
        var field = error.Field?.StartsWith("person.", StringComparison.Ordinal) == true ? error.Field["person.".Length..] : error.Field;
        if (error.Code is "overlapping_heads" or "duplicate_tenure" or "unit_not_existing" or "future_date" && field == "startDate")
            return Layout.Column(RosterField.StartDate).Header;
        if (field == "endDecision.date") return Layout.Column(RosterField.EndDate).Header;
        return Layout.HeaderFor(field);
    }

    /// <summary>The cells of one tenure in column order.</summary>
    public static XlsxCell[] Cells(LeaderRow r, bool canSee)
    {
        DateOnly? Date(string? shown) => canSee && DateOnly.TryParse(shown, System.Globalization.CultureInfo.InvariantCulture, out var d) ? d : null;
        XlsxCell Shown(string? shown) => canSee ? Date(shown) : shown;
        return
        [
            r.PersonId, r.CommuneCode, r.CommuneName, r.UnitName, r.FullName, r.GenderName, Shown(r.DateOfBirth), r.Age, r.Ethnicity, ReferenceLists.ReligionName(r.ReligionCode),
            r.NationalId, r.Phone, YesNo(r.ResidenceUnitId == r.UnitId), YesNo(r.LivesInUnit), YesNo(r.PartyMember),
            r.PartyMember ? Person.PartyStatusName(r.PartyStatus) : null, r.PartyAdmissionDate, r.GeneralEducation,
            ReferenceLists.ProfessionalName(r.ProfessionalQualification), ReferenceLists.PoliticalTheoryName(r.PoliticalTheory),
            ReferenceLists.StateManagementName(r.StateManagement), r.PositionName, r.ModeName, r.TermLabel, r.StartDate, r.PlannedEndDate,
            r.StartDecision?.Number, r.StartDecision?.Date, r.StartDecision?.Issuer, r.StartDecision?.Signer, r.EndDate,
            r.EndReason is null ? null : r.EndReasonName, r.Note, string.Join("; ", r.ConcurrentPositions),
        ];
    }

    private static string YesNo(bool value) => value ? "Có" : "Không";

    /// <summary>The empty template: a "Danh sách" sheet with the headers and a "Hướng dẫn" sheet that the importer skips.</summary>
    public static void WriteTemplate(Stream output)
    {
        using var xlsx = new XlsxWriter(output);
        xlsx.AddSheet(DataSheetName, Layout.XlsxColumns).Dispose();
        WriteGuide(xlsx);
    }

    public static void WriteGuide(XlsxWriter xlsx) => Layout.WriteGuide(xlsx, GuideSheetName, "HƯỚNG DẪN NHẬP DANH SÁCH NGƯỜI GIỮ CHỨC DANH Ở THÔN, TỔ DÂN PHỐ",
        [
            $"1. Nhập ở trang \"{DataSheetName}\": mỗi người, mỗi chức danh một dòng (người kiêm nhiệm hai chức danh, ví dụ bí thư chi bộ kiêm trưởng thôn, có hai dòng giống nhau trừ cột Chức danh). Giữ nguyên dòng tiêu đề.",
            "2. Người đã có trong hệ thống được nhận ra theo \"Mã người\", rồi theo số CCCD, rồi theo họ tên và ngày sinh trong cùng xã/phường; hồ sơ đã có được giữ nguyên (sửa trên trang của người đó).",
            "3. Dòng trùng với chức danh đã ghi nhận (cùng người, thôn, chức danh, ngày bắt đầu) được bỏ qua; nếu dòng đó có \"Ngày thôi\" thì hệ thống ghi nhận việc thôi giữ chức danh. Vì vậy có thể nhập lại tệp đã xuất.",
            "4. Các quy định bắt buộc (một trưởng thôn tại một thời điểm, ngày thôi sau ngày bắt đầu, thôn phải tồn tại) làm dòng bị lỗi; các quy định khác (tuổi, thường trú, số phó, nhiệm kỳ …) chỉ cảnh báo và được liệt kê ở trang \"Cần xem xét\".",
            "5. Nên bấm \"Chỉ kiểm tra (không ghi)\" trước: hệ thống báo lỗi của mọi dòng cùng lúc. Nếu còn bất kỳ dòng nào lỗi thì không dòng nào được ghi.",
            "6. Có thể lưu thành .xlsx hoặc .csv (UTF-8). Cột không có trong mẫu, và các cột chỉ để đọc, được bỏ qua.",
        ],
        c => Layout.Required.Contains(c.Field) ? "Có" : c.Field == RosterField.Gender ? "Với người mới" : c.Imported ? "" : "Bỏ qua",
        "Ví dụ");

    public static string FileName(string placeCode, DateOnly date) =>
        $"can-bo-thon-to-dan-pho-{placeCode}-{date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}.xlsx";
}

/// <summary>A data row of the roster: the generic cells plus the roster's own values (position, mode, end reason, gender).</summary>
public sealed class RosterLine(SheetRow row, IReadOnlyDictionary<RosterField, int> columns) : SheetLine<RosterField>(RosterSheet.Layout, row, columns)
{
    /// <summary>A value hidden in an export by a user without the permission ("0250******34", "****").</summary>
    public bool IsMasked(RosterField field) => Cell(field).Text?.Contains('*') == true;

    public Gender? Gender()
    {
        var text = Text(RosterField.Gender);
        switch (VietnameseText.Fold(text))
        {
            case "": return null;
            case "nam" or "m" or "male": return People.Gender.Male;
            case "nu" or "f" or "female": return People.Gender.Female;
        }
        Fail(RosterField.Gender, "invalid_gender", $"Giới tính \"{text}\" không hợp lệ; chỉ nhận \"Nam\" hoặc \"Nữ\".");
        return null;
    }

    public PartyStatus? PartyStatus()
    {
        var text = Text(RosterField.PartyStatus);
        switch (VietnameseText.Fold(text))
        {
            case "": return null;
            case "chinh thuc": return People.PartyStatus.Official;
            case "du bi": return People.PartyStatus.Probationary;
        }
        Fail(RosterField.PartyStatus, "invalid_party_status", $"Loại đảng viên \"{text}\" không hợp lệ; chỉ nhận \"Chính thức\" hoặc \"Dự bị\".");
        return null;
    }

    private static readonly string[] HeadNames =
    [
        "truong thon", "to truong", "to truong to dan pho", "to truong tdp", "truong ban", "truong ap", "truong lang", "truong xom", "xom truong",
        "khu truong", "truong khu", "truong khu pho", "truong khu dan cu", "truong buon", "truong bon", "truong khom", "truong phum", "truong soc",
        "truong tieu khu", "truong khoi", "truong khoi pho", "thon truong", "truong to dan pho",
    ];

    /// <summary>The position, and for other participants the title as written; null (with an error) when blank.</summary>
    public (Position? Position, string? Title, bool Guessed) Position()
    {
        var text = Text(RosterField.Position);
        var folded = VietnameseText.Fold(text);
        if (folded.Length == 0)
        {
            Fail(RosterField.Position, "position_required", "Chưa nhập chức danh.");
            return (null, null, false);
        }
        if (HeadNames.Contains(folded)) return (People.Position.UnitHead, null, false);
        if (folded is "to pho" or "to pho to dan pho" or "to pho tdp" || (folded.StartsWith("pho ", StringComparison.Ordinal) && HeadNames.Contains(folded[4..])))
            return (People.Position.DeputyHead, null, false);
        if (folded is "bi thu" or "bi thu chi bo" or "bi thu chi bo thon" or "bi thu chi bo to dan pho") return (People.Position.PartyCellSecretary, null, false);
        if (folded is "pho bi thu" or "pho bi thu chi bo") return (People.Position.DeputyPartyCellSecretary, null, false);
        if (folded is "truong ban cong tac mat tran" or "truong ban ctmt" or "truong ban mat tran" or "truong ban cong tac mat tran to quoc")
            return (People.Position.FrontCommitteeHead, null, false);
        if (folded is "nguoi truc tiep tham gia hoat dong" or "nguoi truc tiep tham gia hoat dong o thon") return (People.Position.VillageParticipant, null, false);
        return (People.Position.VillageParticipant, text, true);
    }

    public TenureMode? Mode(Position? position)
    {
        var text = Text(RosterField.Mode);
        switch (VietnameseText.Fold(text))
        {
            case "": return position == People.Position.DeputyHead ? TenureMode.Recognized : TenureMode.Elected;
            case "bau" or "bau cu" or "trung cu": return TenureMode.Elected;
            case "cong nhan": return TenureMode.Recognized;
            case "lam thoi" or "cu lam thoi" or "cu": return TenureMode.Acting;
            case "keo dai" or "keo dai nhiem ky": return TenureMode.Extended;
            case "kiem nhiem": return TenureMode.Concurrent;
        }
        Fail(RosterField.Mode, "invalid_mode", $"Hình thức \"{text}\" không hợp lệ; chỉ nhận Bầu, Công nhận, Lâm thời, Kéo dài nhiệm kỳ hoặc Kiêm nhiệm.");
        return null;
    }

    public EndReason? EndReason()
    {
        var text = Text(RosterField.EndReason);
        switch (VietnameseText.Fold(text))
        {
            case "": return null;
            case "het nhiem ky": return People.EndReason.TermExpired;
            case "xin thoi" or "xin thoi lam": return People.EndReason.RelievedVoluntary;
            case "cho thoi lam" or "mien nhiem" or "bai nhiem": return People.EndReason.RelievedOnProposal;
            case "sap xep" or "sap xep thon, to dan pho" or "sap xep thon/to dan pho" or "sap nhap": return People.EndReason.UnitReorganized;
            case "tu tran" or "tu tran/qua doi" or "qua doi": return People.EndReason.Deceased;
            case "da co nguoi duoc bau thay lam thoi" or "da co nguoi duoc bau": return People.EndReason.ReplacedActing;
            case "khac" or "ly do khac": return People.EndReason.Other;
        }
        Fail(RosterField.EndReason, "invalid_end_reason",
            $"Lý do thôi \"{text}\" không hợp lệ; chỉ nhận: Hết nhiệm kỳ, Xin thôi, Cho thôi làm, Sắp xếp thôn, tổ dân phố, Từ trần, Đã có người được bầu thay lâm thời, Lý do khác.");
        return null;
    }
}
