using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Documents;
using Grassroots.Features.People.Lists;
using Grassroots.Features.Units;

namespace Grassroots.Features.People.Roster;

public sealed record RosterExport(string FileName, string PlaceName, DateOnly AsOf, int Rows);

/// <summary>
/// Writes who held which position in a commune or a province on a date (the leader list with its filters, sorted the
/// Vietnamese way) to .xlsx, in the roster layout the importer reads back. Identifiers are masked as on the pages for
/// users without the permission to see them.
/// </summary>
public sealed class ExportRoster(AppDb db, TimeProvider time)
{
    /// <summary>Checks the place first, so that nothing is written to <paramref name="output"/> for an unknown one.</summary>
    public async Task<Result<RosterExport>> RunAsync(AdminLevel level, string? code, DateOnly? asOf, LeaderFilter filter, Stream output, CancellationToken ct)
    {
        var date = asOf ?? time.Today();
        var what = level == AdminLevel.Province ? "tỉnh/thành phố" : "xã/phường";
        if (string.IsNullOrWhiteSpace(code)) return new Error("place_required", $"Chưa nhập mã {what}.", level == AdminLevel.Province ? "province" : "commune");
        if (await ListPlace.FindAsync(db, code, level, date, ct) is not { } place)
            return new Error("place_not_found", $"Không có {what} mã {code.Trim()} vào ngày {VietnameseText.FormatDate(date)} trong phạm vi của bạn.",
                level == AdminLevel.Province ? "province" : "commune", ErrorKind.NotFound);

        var canSee = LeaderQueries.CanSeeIdentifiers(db);
        var placeName = place.AsOf(date).FullName;
        // The rows go to the sheet as they are read; only the counts are kept.
        var (count, people, demo) = (0, new HashSet<int>(), false);
        using (var xlsx = new XlsxWriter(output))
        {
            using (var sheet = xlsx.AddSheet(RosterSheet.DataSheetName, RosterSheet.Layout.XlsxColumns))
                await foreach (var row in LeaderQueries.StreamHeldOnAsync(db, place, date, filter, ct))
                {
                    sheet.WriteRow(RosterSheet.Cells(row, canSee));
                    count++;
                    people.Add(row.PersonId);
                    demo |= row.IsDemo;
                }
            using (var info = xlsx.AddSheet("Thông tin", [new("", 28), new("", 70, XlsxFormat.Wrap)], headerRow: false))
            {
                info.WriteRow(XlsxCell.Bold("DANH SÁCH NGƯỜI GIỮ CHỨC DANH Ở THÔN, TỔ DÂN PHỐ"));
                info.WriteRow("Địa bàn", placeName + (ListPlace.CoversWhole(db, place) ? "" : " (phần trong phạm vi của người xuất)"));
                info.WriteRow("Tại ngày", VietnameseText.FormatDate(date));
                info.WriteRow("Lọc theo", FilterText(filter));
                info.WriteRow("Số dòng", VietnameseText.FormatNumber(count));
                info.WriteRow("Số người", VietnameseText.FormatNumber(people.Count));
                info.WriteRow("Xuất lúc", TimeZoneInfo.ConvertTime(time.GetUtcNow(), VietnamTime.Zone).ToString("dd/MM/yyyy HH:mm", VietnameseText.Culture));
                info.WriteRow("Người xuất", db.Access.IsSystem ? "(hệ thống)" : db.Access.UserName);
                if (!canSee) info.WriteRow("Lưu ý", "Số CCCD, ngày sinh và số điện thoại được che vì người xuất không có quyền xem thông tin cá nhân.");
                if (demo) info.WriteRow("Lưu ý", "Có dữ liệu mẫu (tổng hợp): tên, ngày sinh và số CCCD không phải của người thật.");
            }
            RosterSheet.WriteGuide(xlsx);
        }
        return Result<RosterExport>.Ok(new RosterExport(RosterSheet.FileName(place.Code, date), placeName, date, count));
    }

    /// <summary>The filter in words ("Trưởng thôn/tổ trưởng; đảng viên"); "Không" when there is none.</summary>
    public static string FilterText(LeaderFilter f)
    {
        var parts = new List<string>();
        if (f.Position is { } p) parts.Add(p == Position.UnitHead ? "Trưởng thôn, tổ trưởng tổ dân phố" : p == Position.DeputyHead ? "Phó trưởng thôn, tổ phó" : Tenure.PositionName(p));
        if (f.PartyMember is { } party) parts.Add(party ? "đảng viên" : "chưa là đảng viên");
        if (f.AgeBand is { } band) parts.Add(band switch { AgeBand.Under30 => "dưới 30 tuổi", AgeBand.From30To44 => "30–44 tuổi", AgeBand.From45To59 => "45–59 tuổi", _ => "từ 60 tuổi" });
        if (f.Gender is { } g) parts.Add(Person.GenderName(g).ToLower(VietnameseText.Culture));
        if (f.Ethnicity == LeaderFilter.Minorities) parts.Add("dân tộc thiểu số");
        else if (f.Ethnicity is not null) parts.Add("dân tộc " + (ReferenceLists.EthnicityName(f.Ethnicity) ?? f.Ethnicity));
        if (f.GeneralEducation is not null) parts.Add("văn hóa " + f.GeneralEducation);
        if (f.Concurrent is { } c) parts.Add(c ? "có kiêm nhiệm" : "không kiêm nhiệm");
        if (f.Term is not null) parts.Add("nhiệm kỳ " + f.Term);
        if (f.Mode is { } m) parts.Add(Tenure.ModeName(m).ToLower(VietnameseText.Culture));
        if (f.Q is not null) parts.Add($"tên có \"{f.Q}\"");
        return parts.Count == 0 ? "Không" : string.Join("; ", parts);
    }
}
