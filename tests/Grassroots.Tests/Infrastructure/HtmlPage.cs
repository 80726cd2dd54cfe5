using AngleSharp;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;

namespace Grassroots.Tests.Infrastructure;

/// <summary>Reads pages as a browser would see their HTML, and posts their forms with the antiforgery token they carry.</summary>
public static class HtmlPage
{
    public static async Task<IDocument> ParseAsync(HttpResponseMessage response)
    {
        var html = await response.Content.ReadAsStringAsync();
        var context = BrowsingContext.New(Configuration.Default);
        return await context.OpenAsync(r => r.Content(html).Address(response.RequestMessage?.RequestUri?.ToString() ?? "http://localhost/"));
    }

    public static async Task<IDocument> GetAsync(HttpClient client, string url)
    {
        var response = await client.GetAsync(url);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return await ParseAsync(response);
    }

    /// <summary>Submits the form (default: the first POST form) with its current values overridden by <paramref name="values"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, IDocument page, IDictionary<string, string> values, string selector = "form[method=post]")
    {
        var form = (IHtmlFormElement)page.QuerySelector(selector)!;
        var fields = new List<KeyValuePair<string, string>>();
        foreach (var element in form.Elements)
        {
            var name = element.GetAttribute("name");
            if (string.IsNullOrEmpty(name) || values.ContainsKey(name)) continue;
            switch (element)
            {
                case IHtmlInputElement { Type: "checkbox" or "radio" } input when !input.IsChecked: continue;
                case IHtmlInputElement input: fields.Add(new(name, input.Value)); break;
                case IHtmlSelectElement select: fields.Add(new(name, select.Value ?? "")); break;
                case IHtmlTextAreaElement area: fields.Add(new(name, area.Value)); break;
            }
        }
        fields.AddRange(values);
        var action = form.GetAttribute("action");
        var target = string.IsNullOrEmpty(action) ? page.Url : new Uri(new Uri(page.Url), action).ToString();
        return await client.PostAsync(new Uri(target).PathAndQuery, new FormUrlEncodedContent(fields));
    }
}
