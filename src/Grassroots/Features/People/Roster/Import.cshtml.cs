using Grassroots.Common;
using Grassroots.Features.Accounts;
using Grassroots.Web;

namespace Grassroots.Features.People.Roster;

/// <summary>Upload a leader roster: check it (dry run, with every row's errors and rule warnings) or import it, all or nothing.</summary>
[RequirePermission(Permission.EditPeople)]
public sealed class ImportModel(ImportRoster import) : ImportPage
{
    public override long MaxBytes => import.MaxBytes;

    protected override Task<ImportReport> RunAsync(Stream file, bool dryRun, CancellationToken ct) => import.RunAsync(file, dryRun, ct);

    public override string Summary(ImportReport report) =>
        $"{VietnameseText.FormatNumber(report.Rows)} dòng dữ liệu: sẽ ghi nhận {VietnameseText.FormatNumber(report.Created)} chức danh " +
        $"(có {VietnameseText.FormatNumber(report.PeopleCreated)} người mới), kết thúc {VietnameseText.FormatNumber(report.Updated)}, " +
        $"{VietnameseText.FormatNumber(report.Unchanged)} dòng đã có sẵn.";

    protected override string Done(ImportReport report, string fileName) =>
        $"Đã nhập {VietnameseText.FormatNumber(report.Rows)} dòng từ tệp \"{fileName}\": ghi nhận {VietnameseText.FormatNumber(report.Created)} chức danh " +
        $"({VietnameseText.FormatNumber(report.PeopleCreated)} người mới), kết thúc {VietnameseText.FormatNumber(report.Updated)}, " +
        $"{VietnameseText.FormatNumber(report.Unchanged)} dòng đã có sẵn.";
}
