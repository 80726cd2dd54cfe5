using System.Text;
using Grassroots.Common;

namespace Grassroots.Documents;

/// <summary>A damaged or unreadable file found while its rows were being read.</summary>
public sealed class SheetFileException(Error error) : Exception(error.Message)
{
    public Error Error { get; } = error;
}

/// <summary>
/// An uploaded table read a row at a time, judged by its content, never by its name: an .xlsx workbook (its first
/// sheet that <c>useSheet</c> accepts) or CSV text in UTF-8. Only the row being read is in memory (and, for .xlsx,
/// the shared strings). A stream that cannot seek is first copied to a temporary file, within the size limit.
/// Reading may throw <see cref="SheetFileException"/> when the damage shows only on the way.
/// </summary>
public sealed class SheetFile : IDisposable
{
    private readonly Stream _content;
    private readonly bool _ownsContent;
    private readonly bool _isXlsx;
    private readonly Func<string, bool> _useSheet;

    private SheetFile(Stream content, bool ownsContent, bool isXlsx, Func<string, bool> useSheet)
    {
        _content = content;
        _ownsContent = ownsContent;
        _isXlsx = isXlsx;
        _useSheet = useSheet;
    }

    public static readonly Error NotSpreadsheet = new("file_not_spreadsheet",
        "Tệp không phải bảng tính đọc được. Hãy lưu từ Excel dưới dạng \"Excel Workbook (.xlsx)\" hoặc \"CSV UTF-8\" rồi thử lại.");

    public static readonly Error NotUtf8 = new("file_not_spreadsheet",
        "Tệp không phải bảng tính .xlsx, và cũng không phải văn bản CSV mã hóa UTF-8. Nếu là CSV, hãy lưu lại từ Excel dạng \"CSV UTF-8 (Comma delimited)\".");

    public static readonly Error OldExcel = new("file_not_spreadsheet",
        "Tệp là bảng tính Excel 97–2003 (.xls) hoặc đã đặt mật khẩu: chưa đọc được. Hãy mở bằng Excel và lưu lại dạng \"Excel Workbook (.xlsx)\" không đặt mật khẩu.");

    public static Error TooLarge(long maxBytes) =>
        new("file_too_large", $"Tệp lớn hơn giới hạn {FormatSize(maxBytes)}. Hãy chia thành nhiều tệp nhỏ hơn.");

    public static string FormatSize(long bytes) => bytes >= 1024 * 1024
        ? $"{(bytes / (1024d * 1024)).ToString("0.#", VietnameseText.Culture)} MB"
        : $"{VietnameseText.FormatNumber((bytes + 1023) / 1024)} KB";

    /// <summary>Opens the file, or says why it cannot be read (too large, an old .xls, not a table).</summary>
    public static async Task<Result<SheetFile>> OpenAsync(Stream file, long maxBytes, Func<string, bool> useSheet, CancellationToken ct)
    {
        var content = file;
        var owns = false;
        if (!file.CanSeek)
        {
            var copy = new FileStream(Path.GetTempFileName(), FileMode.Open, FileAccess.ReadWrite, FileShare.None, 81_920, FileOptions.DeleteOnClose);
            if (!await CopyLimitedAsync(file, copy, maxBytes, ct))
            {
                await copy.DisposeAsync();
                return TooLarge(maxBytes);
            }
            copy.Position = 0;
            (content, owns) = (copy, true);
        }
        else if (file.Length - file.Position > maxBytes) return TooLarge(maxBytes);

        var start = content.Position;
        var head = new byte[8];
        var read = await content.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, ct);
        content.Position = start;
        var signature = head.AsSpan(0, read);
        if (XlsxReader.HasOle2Signature(signature))
        {
            if (owns) await content.DisposeAsync();
            return OldExcel;
        }
        return Result<SheetFile>.Ok(new SheetFile(content, owns, XlsxReader.HasZipSignature(signature), useSheet));
    }

    /// <summary>The non-blank rows, numbered as the spreadsheet program shows them (CSV: by record).</summary>
    public IEnumerable<SheetRow> Rows() => Guard(_isXlsx ? XlsxReader.ReadRows(_content, _useSheet) : CsvRows());

    private IEnumerable<SheetRow> CsvRows()
    {
        using var reader = new StreamReader(_content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true),
            detectEncodingFromByteOrderMarks: false, bufferSize: 65_536, leaveOpen: true);
        var number = 0;
        foreach (var record in Csv.Read(reader))
        {
            number++;
            if (record.Any(field => field.Contains('\0'))) throw new SheetFileException(NotSpreadsheet);
            var row = new SheetRow(number, [.. record.Select(c => new SheetCell(c))]);
            if (!row.IsBlank) yield return row;
        }
    }

    /// <summary>Damage found while reading (a broken package, bytes that are not UTF-8) becomes a file-level error.</summary>
    private IEnumerable<SheetRow> Guard(IEnumerable<SheetRow> rows)
    {
        using var e = rows.GetEnumerator();
        while (true)
        {
            try
            {
                if (!e.MoveNext()) yield break;
            }
            catch (DecoderFallbackException)
            {
                throw new SheetFileException(NotUtf8);
            }
            catch (Exception ex) when (_isXlsx && XlsxReader.IsDamage(ex))
            {
                throw new SheetFileException(NotSpreadsheet);
            }
            yield return e.Current;
        }
    }

    private static async Task<bool> CopyLimitedAsync(Stream from, Stream to, long maxBytes, CancellationToken ct)
    {
        var chunk = new byte[81_920];
        long total = 0;
        int read;
        while ((read = await from.ReadAsync(chunk, ct)) > 0)
        {
            total += read;
            if (total > maxBytes) return false;
            await to.WriteAsync(chunk.AsMemory(0, read), ct);
        }
        return true;
    }

    public void Dispose()
    {
        if (_ownsContent) _content.Dispose();
    }
}
