using Grassroots.Common;
using Grassroots.Documents;

namespace Grassroots.Features.Units.Import;

public enum UnitField
{
    Id, Version, CommuneCode, CommuneName, Name, Kind, LocalLabel, HouseholdCount, Population, CountsAsOf,
    Classification, EffectiveDate, DecisionNumber, DecisionDate, DecisionIssuer, Note, Status,
}

/// <summary>The one layout of the residential-unit spreadsheet, shared by the template, the export and the importer.</summary>
public static class UnitSheet
{
    public const string DataSheetName = "Danh sách";
    public const string GuideSheetName = "Hướng dẫn";
    public const string TemplateFileName = "mau-nhap-thon-to-dan-pho.xlsx";

    private const string DateGuide = "Dạng dd/MM/yyyy, ví dụ 01/07/2025 (hoặc ô ngày của Excel).";

    private static readonly IReadOnlyList<SheetColumn<UnitField>> ColumnList =
    [
        new(UnitField.Id, "Mã đơn vị", 11, XlsxFormat.General, null, true,
            "Để trống khi thêm mới. Dòng lấy từ tệp đã xuất giữ nguyên mã: dòng đó cập nhật đơn vị đã có.", "(trống)"),
        new(UnitField.Version, "Phiên bản", 10, XlsxFormat.General, null, true,
            "Giữ nguyên như trong tệp đã xuất; nếu đơn vị đã bị người khác sửa sau khi xuất, dòng sẽ bị báo lỗi thay vì ghi đè.", "(trống)"),
        new(UnitField.CommuneCode, "Mã xã/phường", 13, XlsxFormat.Text, "communeCode", true,
            "Mã 5 chữ số của xã/phường/đặc khu theo danh mục hành chính (bắt buộc khi thêm mới).", "04831", null, "Mã xã", "Mã xã/phường/đặc khu", "Mã phường"),
        new(UnitField.CommuneName, "Tên xã/phường", 24, XlsxFormat.General, null, false,
            "Chỉ để đọc; không được nhập.", "Xã Đà Bắc", null, "Tên xã", "Xã/phường"),
        new(UnitField.Name, "Tên thôn/tổ dân phố", 28, XlsxFormat.General, "name", true,
            "Tên đầy đủ, không trùng với thôn/tổ dân phố khác trong cùng xã/phường (bắt buộc).", "Thôn Suối Hoa", null, "Tên", "Tên thôn, tổ dân phố", "Tên thôn/tổ"),
        new(UnitField.Kind, "Loại", 13, XlsxFormat.General, "kind", true,
            "\"Thôn\" (ở xã, đặc khu) hoặc \"Tổ dân phố\" (ở phường) (bắt buộc khi thêm mới).", "Thôn", ["Thôn", "Tổ dân phố"]),
        new(UnitField.LocalLabel, "Tên gọi địa phương", 18, XlsxFormat.General, "localLabel", true,
            "Cách gọi ở địa phương: làng, ấp, bản, buôn, xóm, khu phố, khóm… (không bắt buộc).", "bản"),
        new(UnitField.HouseholdCount, "Số hộ", 9, XlsxFormat.General, "householdCount", true,
            "Số hộ gia đình, số nguyên không âm.", "215", null, "Số hộ gia đình"),
        new(UnitField.Population, "Số nhân khẩu", 13, XlsxFormat.General, "population", true,
            "Số nguyên, không ít hơn số hộ.", "870", null, "Nhân khẩu", "Dân số"),
        new(UnitField.CountsAsOf, "Số liệu tính đến ngày", 21, XlsxFormat.Date, "countsAsOf", true,
            DateGuide + " Để trống: tính đến hôm nay.", "01/10/2026", null, "Số liệu đến ngày"),
        new(UnitField.Classification, "Phân loại", 11, XlsxFormat.General, "classification", true,
            "1, 2 hoặc 3 (hoặc Loại 1, Loại 2, Loại 3); để trống nếu chưa phân loại.", "Loại 2", ["Loại 1", "Loại 2", "Loại 3"]),
        new(UnitField.EffectiveDate, "Ngày thành lập", 15, XlsxFormat.Date, "effectiveDate", true,
            DateGuide + " Để trống: lấy ngày xã/phường bắt đầu tồn tại theo danh mục. Không được là ngày trong tương lai.", "01/07/2025"),
        new(UnitField.DecisionNumber, "Số quyết định", 16, XlsxFormat.General, "decision.number", true,
            "Số nghị quyết/quyết định thành lập (không bắt buộc).", "12/NQ-HĐND"),
        new(UnitField.DecisionDate, "Ngày quyết định", 15, XlsxFormat.Date, "decision.date", true, DateGuide, "20/06/2025"),
        new(UnitField.DecisionIssuer, "Cơ quan ban hành", 24, XlsxFormat.General, "decision.issuer", true,
            "Cơ quan ban hành quyết định (không bắt buộc).", "HĐND tỉnh Phú Thọ"),
        new(UnitField.Note, "Ghi chú", 30, XlsxFormat.General, "note", true, "Ghi chú kèm việc thành lập (không bắt buộc).", ""),
        new(UnitField.Status, "Trạng thái", 16, XlsxFormat.General, null, false, "Chỉ để đọc; không được nhập.", "Đang hoạt động"),
    ];

    /// <summary>The columns; without the commune code, name and kind a file is not a unit list.</summary>
    public static readonly SheetLayout<UnitField> Layout = new(ColumnList, [UnitField.CommuneCode, UnitField.Name, UnitField.Kind]);

    public static IReadOnlyList<SheetColumn<UnitField>> Columns => Layout.Columns;

    public static SheetColumn<UnitField> Column(UnitField field) => Layout.Column(field);

    public static IReadOnlyList<XlsxColumn> XlsxColumns => Layout.XlsxColumns;

    /// <summary>The column a use-case error is about, as the header the user sees.</summary>
    public static string ColumnFor(Error error)
    {
        if (error.Code == "commune_not_yet_valid") return Column(UnitField.EffectiveDate).Header;
        if (error.Field is null)
            return error.Kind switch
            {
                ErrorKind.Conflict => Column(UnitField.Version).Header,
                ErrorKind.NotFound => Column(UnitField.Id).Header,
                _ => "",
            };
        return Layout.HeaderFor(error.Field);
    }

    /// <summary>The cells of one unit in column order.</summary>
    public static XlsxCell[] Cells(UnitRow unit, DateOnly? establishedOn, Decision? decision, string? note) =>
    [
        unit.Id, unit.Version, unit.CommuneCode, unit.CommuneName, unit.Name, unit.KindName, unit.LocalLabel,
        unit.HouseholdCount, unit.Population, unit.CountsAsOf, unit.ClassificationName, establishedOn,
        decision?.Number, decision?.Date, decision?.Issuer, note, unit.StatusName,
    ];

    /// <summary>The empty template: a "Danh sách" sheet with the headers and a "Hướng dẫn" sheet that the importer skips.</summary>
    public static void WriteTemplate(Stream output)
    {
        using var xlsx = new XlsxWriter(output);
        xlsx.AddSheet(DataSheetName, XlsxColumns).Dispose();
        WriteGuide(xlsx);
    }

    public static void WriteGuide(XlsxWriter xlsx) => Layout.WriteGuide(xlsx, GuideSheetName, "HƯỚNG DẪN NHẬP DANH SÁCH THÔN, TỔ DÂN PHỐ",
        [
            $"1. Nhập ở trang \"{DataSheetName}\": mỗi thôn/tổ dân phố một dòng, từ dòng 2; giữ nguyên dòng tiêu đề (dòng 1). Trang \"{GuideSheetName}\" này không được nhập.",
            "2. Thêm mới: để trống \"Mã đơn vị\" và \"Phiên bản\". Cập nhật: dùng tệp xuất từ hệ thống, giữ nguyên hai cột đó; chỉ Số hộ, Số nhân khẩu, Số liệu tính đến ngày, Phân loại và Tên gọi địa phương được cập nhật.",
            "3. Đổi tên, chuyển đổi, sáp nhập, chia tách, giải thể: dùng các chức năng trên trang của thôn/tổ dân phố, không làm qua tệp này.",
            "4. Nên bấm \"Chỉ kiểm tra (không ghi)\" trước: hệ thống báo lỗi của mọi dòng cùng lúc. Nếu còn bất kỳ dòng nào lỗi thì không dòng nào được ghi.",
            "5. Có thể lưu thành .xlsx hoặc .csv (UTF-8). Cột không có trong mẫu được bỏ qua.",
        ],
        c => c.Field switch
        {
            UnitField.Name => "Có",
            UnitField.CommuneCode or UnitField.Kind => "Khi thêm mới",
            _ => c.Imported ? "" : "Bỏ qua",
        },
        "Ví dụ (một dòng thêm mới)");

    /// <summary>Where the header is among the first rows, with the unit list's own rule: a "Mã đơn vị" column needs its "Phiên bản".</summary>
    public static SheetHeader<UnitField> FindHeader(IReadOnlyList<SheetRow> firstRows)
    {
        var header = Layout.FindHeader(firstRows);
        if (!header.Columns.ContainsKey(UnitField.Id) || header.Columns.ContainsKey(UnitField.Version)) return header;
        return header with
        {
            Errors = [.. header.Errors, new(firstRows[header.Index].Number, Column(UnitField.Version).Header, "column_missing",
                "Thiếu cột \"Phiên bản\": tệp có cột \"Mã đơn vị\" thì phải giữ cả cột \"Phiên bản\".")],
        };
    }
}

/// <summary>A data row of the unit sheet: the generic cells plus the unit list's own values.</summary>
internal sealed class UnitLine(SheetRow row, IReadOnlyDictionary<UnitField, int> columns) : SheetLine<UnitField>(UnitSheet.Layout, row, columns)
{
    public string? CommuneCode() => Code(UnitField.CommuneCode, 5);

    public UnitKind? Kind()
    {
        var text = Text(UnitField.Kind);
        switch (VietnameseText.Fold(text))
        {
            case "": return null;
            case "thon": return UnitKind.Village;
            case "to dan pho" or "tdp": return UnitKind.ResidentialGroup;
        }
        Fail(UnitField.Kind, "invalid_kind", $"Loại \"{text}\" không hợp lệ; chỉ nhận \"Thôn\" hoặc \"Tổ dân phố\".");
        return null;
    }

    public UnitClass? Classification()
    {
        var text = Text(UnitField.Classification);
        var folded = VietnameseText.Fold(text);
        if (folded.StartsWith("loai", StringComparison.Ordinal)) folded = folded[4..].Trim();
        switch (folded)
        {
            case "": return null;
            case "1" or "i": return UnitClass.Class1;
            case "2" or "ii": return UnitClass.Class2;
            case "3" or "iii": return UnitClass.Class3;
        }
        Fail(UnitField.Classification, "invalid_classification", $"Phân loại \"{text}\" không hợp lệ; chỉ nhận 1, 2, 3 (hoặc Loại 1, Loại 2, Loại 3).");
        return null;
    }
}
