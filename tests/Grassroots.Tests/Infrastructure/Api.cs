using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Grassroots.Tests.Infrastructure;

/// <summary>One API call as the tests make it: a JSON body out, the status and the JSON body back.</summary>
public static class Api
{
    /// <summary>Sends <paramref name="body"/> as JSON; the answer's body parsed when it is JSON (default otherwise, e.g. empty).</summary>
    public static async Task<(HttpStatusCode Status, JsonElement Body)> Send(HttpClient client, HttpMethod method, string url, object? body = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = body is null ? null : JsonContent.Create(body) };
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.StartsWith('{') || text.StartsWith('[') ? JsonDocument.Parse(text).RootElement : default);
    }
}
