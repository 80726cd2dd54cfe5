using Grassroots.Common;
using Grassroots.Data;
using Grassroots.Documents;
using Grassroots.Features.People;

namespace Grassroots.Features.Training.Coverage;

/// <summary>Coverage to .xlsx: the breakdown (with the total) and the list of holders not yet trained.</summary>
public static class ExportCoverage
{
    public static async Task<string> WriteAsync(AppDb db, CoverageQuestion q, Stream output, CancellationToken ct)
    {
        var report = await CoverageQueries.ReportAsync(db, q, ct);
        var untrained = await CoverageQueries.UntrainedAsync(db, q, null, ct);
        var programme = q.ProgrammeId is { } id ? (await Courses.CourseQueries.ProgrammesAsync(db, ct, id)).Single().Title : "bất kỳ chương trình nào";
        var by = report.RowsBy switch { CoverageLevel.Province => "Tỉnh, thành phố", CoverageLevel.Commune => "Xã, phường", _ => "Thôn, tổ dân phố" };
        using (var xlsx = new XlsxWriter(output))
        {
            using (var sheet = xlsx.AddSheet("Độ bao phủ", [new(by, 34), new("Số người giữ chức danh", 16), new("Đã bồi dưỡng", 14), new("Chưa bồi dưỡng", 14), new("Tỷ lệ (%)", 10)]))
            {
                foreach (var r in report.Rows) sheet.WriteRow(r.Name, r.Holders, r.Trained, r.Untrained, r.Percent.ToString("0.0", VietnameseText.Culture));
                sheet.WriteRow(XlsxCell.Bold("Tổng số"), report.Total.Holders, report.Total.Trained, report.Total.Untrained, report.Total.Percent.ToString("0.0", VietnameseText.Culture));
            }
            using (var list = xlsx.AddSheet("Chưa bồi dưỡng", [new("Họ và tên", 26), new("Giới tính", 9), new("Tuổi", 6), new("Đảng viên", 10), new("Chức danh", 24),
                       new("Từ ngày", 12, XlsxFormat.Date), new("Nhiệm kỳ", 11), new("Thôn, tổ dân phố", 24), new("Xã, phường", 24)]))
                foreach (var u in untrained)
                    list.WriteRow(u.FullName, Person.GenderName(u.Gender), u.Age, u.PartyMember ? "Có" : "Không", u.PositionName, u.Since, u.TermLabel, u.UnitName, u.CommuneName);
            using var info = xlsx.AddSheet("Thông tin", [new("", 30), new("", 70, XlsxFormat.Wrap)], headerRow: false);
            info.WriteRow(XlsxCell.Bold("ĐỘ BAO PHỦ BỒI DƯỠNG CÁN BỘ THÔN, TỔ DÂN PHỐ"));
            info.WriteRow("Địa bàn", report.PlaceName);
            info.WriteRow("Tại ngày", VietnameseText.FormatDate(q.AsOf));
            info.WriteRow("Chức danh", string.Join(", ", q.Positions.Select(p => Tenure.PositionName(p))));
            info.WriteRow("Đã bồi dưỡng", $"đã hoàn thành một lớp của {programme} kết thúc trong nhiệm kỳ hiện tại (từ ngày giữ chức danh đến ngày trên)");
        }
        return $"do-bao-phu-boi-duong-{q.Place?.Code ?? "toan-bo"}-{q.AsOf:yyyy-MM-dd}.xlsx";
    }
}
