using Grassroots.Common;

namespace Grassroots.Web;

/// <summary>
/// A temporary file for a large download: the export writes into it, the response streams it from the start and
/// disposes it, and the file is deleted when closed. Memory stays flat however many rows the file holds.
/// </summary>
public static class SpoolFile
{
    /// <summary>
    /// Runs <paramref name="write"/> into a new temporary file. When it succeeds the file comes back rewound, for the
    /// response to stream and dispose; otherwise (and on an exception) the file is deleted and only the result returned.
    /// </summary>
    public static async Task<(Result<T> Result, FileStream? File)> WriteAsync<T>(Func<Stream, Task<Result<T>>> write)
    {
        var file = new FileStream(Path.Combine(Path.GetTempPath(), "grassroots-" + Guid.NewGuid().ToString("N") + ".tmp"),
            FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 64 * 1024, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
        Result<T> result;
        try
        {
            result = await write(file);
        }
        catch
        {
            await file.DisposeAsync();
            throw;
        }
        if (!result.Succeeded)
        {
            await file.DisposeAsync();
            return (result, null);
        }
        file.Position = 0;
        return (result, file);
    }
}
