using Grassroots.Common;
using Grassroots.Documents;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Grassroots.Web;

/// <summary>How every spreadsheet import and template answers over the API.</summary>
public static class ImportResults
{
    /// <summary>Runs an import of the uploaded "file": the report (200), or a ProblemDetails with every row's errors in "rows".</summary>
    public static async Task<Results<Ok<ImportReport>, ProblemHttpResult>> RunAsync(IFormFile? file, bool? dryRun, long maxBytes,
        Func<Stream, bool, CancellationToken, Task<ImportReport>> import, CancellationToken ct)
    {
        if (file is null)
            return new Error("file_required", "Chưa chọn tệp: gửi tệp .xlsx hoặc .csv trong trường \"file\" (multipart/form-data).", "file").ToProblem();
        if (file.Length > maxBytes)
            return Problem(ImportReport.Failed(dryRun ?? false, SheetFile.TooLarge(maxBytes)));
        await using var stream = file.OpenReadStream();
        var report = await import(stream, dryRun ?? false, ct);
        return report.Succeeded ? TypedResults.Ok(report) : Problem(report);
    }

    /// <summary>A file-level error keeps its own code (413 for a file too large); row errors are "import_invalid" with every row in "rows".</summary>
    public static ProblemHttpResult Problem(ImportReport report)
    {
        var error = report.FileError ?? new Error("import_invalid", $"{report.ErrorSummary}; không dòng nào được ghi.");
        var problem = error.ToProblem();
        if (error.Code == "file_too_large")
            problem = TypedResults.Problem(detail: error.Message, statusCode: StatusCodes.Status413PayloadTooLarge,
                title: ApiProblems.Title(StatusCodes.Status413PayloadTooLarge), extensions: new Dictionary<string, object?> { ["code"] = error.Code });
        problem.ProblemDetails.Extensions["rows"] = report.Errors;
        problem.ProblemDetails.Extensions["warnings"] = report.Warnings;
        return problem;
    }

    /// <summary>A workbook written by <paramref name="write"/>, as a download.</summary>
    public static FileContentHttpResult Workbook(Action<Stream> write, string fileName)
    {
        using var buffer = new MemoryStream();
        write(buffer);
        return TypedResults.File(buffer.ToArray(), XlsxWriter.ContentType, fileName);
    }
}
