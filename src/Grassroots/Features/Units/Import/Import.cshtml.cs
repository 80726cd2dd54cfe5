using Grassroots.Common;
using Grassroots.Features.Accounts;
using Grassroots.Web;

namespace Grassroots.Features.Units.Import;

/// <summary>Upload a unit list: check it (dry run) or import it; every row's errors shown at once, nothing written when there are any.</summary>
[RequirePermission(Permission.EditUnits)]
public sealed class ImportModel(ImportUnits import) : ImportPage
{
    public override long MaxBytes => import.MaxBytes;

    protected override Task<ImportReport> RunAsync(Stream file, bool dryRun, CancellationToken ct) => import.RunAsync(file, dryRun, ct);

    public override string Summary(ImportReport report) =>
        $"{report.Rows} dòng dữ liệu: sẽ thêm mới {report.Created}, cập nhật {report.Updated} thôn/tổ dân phố.";

    protected override string Done(ImportReport report, string fileName) =>
        $"Đã nhập {report.Rows} dòng từ tệp \"{fileName}\": thêm mới {report.Created}, cập nhật {report.Updated} thôn/tổ dân phố.";
}
