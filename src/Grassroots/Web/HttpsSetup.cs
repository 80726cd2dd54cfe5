using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace Grassroots.Web;

/// <summary>
/// Running behind a reverse proxy and TLS. Forwarded headers (X-Forwarded-For, X-Forwarded-Proto) are honoured only from
/// the proxies named in <c>Grassroots:Proxy:KnownProxies</c> (IP addresses), or from anyone with
/// <c>Grassroots:Proxy:TrustAll</c> (only for a proxy on the same host, with the app listening on loopback); then
/// <c>RemoteIpAddress</c> — used by the audit trail and the rate limits — is the client's, and the scheme is the one the
/// client used. With <c>Grassroots:Https:Enabled</c> the app sends HSTS (one year) and redirects plain HTTP to HTTPS on
/// <c>Grassroots:Https:Port</c> (default 443).
/// </summary>
public static class HttpsSetup
{
    public const int DefaultHttpsPort = 443;

    public static void AddHttpsSetup(this IServiceCollection services, IConfiguration config)
    {
        var proxy = ProxySettings.From(config);
        services.AddSingleton(proxy);
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // Only the proxies configured here; not the loopback defaults.
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear();
            foreach (var address in proxy.KnownProxies) o.KnownProxies.Add(address);
            // With TrustAll both lists stay empty, which the middleware reads as "any sender".
        });

        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = false;
            o.Preload = false;
        });
        services.AddHttpsRedirection(o =>
        {
            o.RedirectStatusCode = StatusCodes.Status308PermanentRedirect;
            o.HttpsPort = config.GetValue("Grassroots:Https:Port", DefaultHttpsPort);
        });
    }

    /// <summary>Forwarded headers (when configured), then HSTS and the redirect to HTTPS (when enabled). First in the pipeline.</summary>
    public static void UseHttpsSetup(this WebApplication app)
    {
        if (app.Services.GetRequiredService<ProxySettings>().Enabled)
            app.UseForwardedHeaders();
        if (app.Configuration.GetValue("Grassroots:Https:Enabled", false))
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }
    }
}

/// <summary>Which reverse proxies may tell the app the client's address and scheme.</summary>
public sealed record ProxySettings(IReadOnlyList<IPAddress> KnownProxies, bool TrustAll)
{
    public bool Enabled => TrustAll || KnownProxies.Count > 0;

    public static ProxySettings From(IConfiguration config)
    {
        var section = config.GetSection("Grassroots:Proxy:KnownProxies");
        // A list in JSON (["10.0.0.2", …]) or one comma-separated value from an environment variable.
        var values = section.GetChildren().Select(c => c.Value).Append(section.Value)
            .SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        var addresses = new List<IPAddress>();
        foreach (var value in values)
        {
            if (!IPAddress.TryParse(value, out var address))
                throw new InvalidOperationException($"Grassroots:Proxy:KnownProxies: '{value}' is not an IP address.");
            addresses.Add(address);
        }
        return new ProxySettings(addresses, config.GetValue("Grassroots:Proxy:TrustAll", false));
    }
}
