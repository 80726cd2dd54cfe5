using Grassroots.Features.Accounts;
using Grassroots.Web;
using Grassroots.Common;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Features.Units.Import;

/// <summary>Upload a unit list: check it (dry run) or import it; every row's errors shown at once, nothing written when there are any.</summary>
[RequirePermission(Permission.EditUnits)]
public sealed class ImportModel(ImportUnits import) : PageModel
{
    [BindProperty(Name = "file")]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public bool DryRun { get; set; }

    public ImportReport? Report { get; private set; }

    public string MaxSize => ImportUnits.FormatSize(import.MaxBytes);

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (Upload is null)
        {
            ModelState.AddModelError("file", "Chưa chọn tệp để nhập.");
            return Page();
        }
        if (Upload.Length > import.MaxBytes)
        {
            Report = ImportReport.Failed(DryRun, ImportUnits.TooLarge(import.MaxBytes));
            return Page();
        }
        await using (var stream = Upload.OpenReadStream())
            Report = await import.RunAsync(stream, DryRun, ct);
        if (!Report.Applied) return Page();
        TempData["Flash"] = $"Đã nhập {Report.Rows} dòng từ tệp \"{Path.GetFileName(Upload.FileName)}\": thêm mới {Report.Created}, cập nhật {Report.Updated} thôn/tổ dân phố.";
        if (Report.Warnings.Count > 0)
            TempData["Warnings"] = string.Join("\n", Report.Warnings.Select(w => $"Dòng {w.Row}: {w.Message}"));
        return RedirectToPage();
    }

    public string Summary(ImportReport report) =>
        $"{report.Rows} dòng dữ liệu: sẽ thêm mới {report.Created}, cập nhật {report.Updated} thôn/tổ dân phố.";

    public static string Row(int row) => VietnameseText.FormatNumber(row);
}
