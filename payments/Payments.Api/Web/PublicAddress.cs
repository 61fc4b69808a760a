using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HostFiltering;

namespace Payments.Api.Web;

/// <summary>
/// The host's own public address (<c>Payments:PublicBaseUrl</c>), from which the PSP return URL is built: never from the
/// request's Host or X-Forwarded-* headers, which anyone can set (a forged Host once sent a tenant, after paying, to
/// evil.example). Required in Production, where requests for any other host are refused with 400 by ASP.NET Core's host
/// filtering. In Development without the setting, the address Kestrel listens on is used.
/// </summary>
public sealed class PublicAddress(Uri? configured, IServer server)
{
    public const string Setting = "Payments:PublicBaseUrl";

    public Uri BaseUrl => configured ?? FromServer();

    public Uri Combine(string pathAndQuery) => new(BaseUrl, pathAndQuery.TrimStart('/'));

    private Uri FromServer()
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault()
            ?? throw new InvalidOperationException($"{Setting} is not set and the server has no address yet");
        return new Uri(address.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal)
            .Replace("://[::]", "://localhost", StringComparison.Ordinal).TrimEnd('/') + "/");
    }

    /// <summary>Reads and checks the setting; in Production a missing one stops the host at start-up.</summary>
    public static Uri? Configure(WebApplicationBuilder builder)
    {
        var text = builder.Configuration[Setting];
        if (string.IsNullOrWhiteSpace(text))
        {
            if (builder.Environment.IsProduction())
            {
                throw new InvalidOperationException($"{Setting} is required in Production (the https address tenants use, e.g. https://paiement.example.fr)");
            }
            return null;
        }
        if (!Uri.TryCreate(text.TrimEnd('/') + "/", UriKind.Absolute, out var url) || url.Scheme is not ("https" or "http")
            || (url.Scheme == "http" && !url.IsLoopback) || url.Query.Length > 0 || url.AbsolutePath != "/")
        {
            throw new InvalidOperationException($"{Setting} must be an https origin such as https://paiement.example.fr (http only for loopback)");
        }
        builder.Services.Configure<HostFilteringOptions>(o =>
        {
            o.AllowedHosts = [url.IdnHost];
            o.AllowEmptyHosts = false;
            o.IncludeFailureMessage = false;
        });
        return url;
    }
}
