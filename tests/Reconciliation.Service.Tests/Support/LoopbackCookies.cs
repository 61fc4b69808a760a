using System.Net;

namespace Reconciliation.Service.Tests.Support;

/// <summary>
/// Cookies as Chromium keeps them for http://127.0.0.1: loopback is a secure context, so <c>Secure</c> (and <c>__Host-</c>)
/// cookies are stored and sent back over plain HTTP. .NET's CookieContainer only sends Secure cookies to https URIs, so
/// this handler files and looks them up under the https form of the loopback URI. The server is unchanged: it always
/// sets Secure, and the cookie tests read its Set-Cookie headers as sent.
/// </summary>
public sealed class LoopbackCookieHandler : DelegatingHandler
{
    public CookieContainer Cookies { get; } = new();

    public LoopbackCookieHandler() : base(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false }) { }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = AsSecure(request.RequestUri!);
        var header = Cookies.GetCookieHeader(uri);
        if (header.Length > 0) request.Headers.Add("Cookie", header);
        var response = await base.SendAsync(request, cancellationToken);
        if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
        {
            foreach (var setCookie in setCookies) Cookies.SetCookies(uri, setCookie);
        }
        return response;
    }

    private static Uri AsSecure(Uri uri)
    {
        if (!IPAddress.TryParse(uri.Host, out var ip) || !IPAddress.IsLoopback(ip)) throw new InvalidOperationException("loopback only");
        return new UriBuilder(uri) { Scheme = Uri.UriSchemeHttps, Port = uri.Port }.Uri;
    }
}
