using Grassroots.Common;
using Grassroots.Documents;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Grassroots.Web;

/// <summary>
/// An upload page for a spreadsheet import: check it (dry run) or import it; every row's errors shown at once
/// (the shared partial _ImportReport), nothing written when there are any.
/// </summary>
public abstract class ImportPage : PageModel
{
    [BindProperty(Name = "file")]
    public IFormFile? Upload { get; set; }

    [BindProperty]
    public bool DryRun { get; set; }

    public ImportReport? Report { get; private set; }

    public abstract long MaxBytes { get; }

    public string MaxSize => SheetFile.FormatSize(MaxBytes);

    /// <summary>What a valid file would do ("… dòng dữ liệu: sẽ thêm …").</summary>
    public abstract string Summary(ImportReport report);

    /// <summary>The flash message after an import was written.</summary>
    protected abstract string Done(ImportReport report, string fileName);

    protected abstract Task<ImportReport> RunAsync(Stream file, bool dryRun, CancellationToken ct);

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
        if (Upload.Length > MaxBytes)
        {
            Report = ImportReport.Failed(DryRun, SheetFile.TooLarge(MaxBytes));
            return Page();
        }
        await using (var stream = Upload.OpenReadStream())
            Report = await RunAsync(stream, DryRun, ct);
        if (!Report.Applied) return Page();
        TempData["Flash"] = Done(Report, Path.GetFileName(Upload.FileName));
        // The flash travels in a cookie: the first warnings, and how many more.
        if (Report.Warnings.Count > 0)
            TempData["Warnings"] = string.Join("\n", Report.Warnings.Take(MaxFlashWarnings).Select(w => $"Dòng {w.Row}: {w.Message}")
                .Concat(Report.Warnings.Count > MaxFlashWarnings ? [$"… và {Report.Warnings.Count - MaxFlashWarnings} cảnh báo khác."] : []));
        return RedirectToPage();
    }

    private const int MaxFlashWarnings = 5;

    public static string Row(int row) => VietnameseText.FormatNumber(row);
}
