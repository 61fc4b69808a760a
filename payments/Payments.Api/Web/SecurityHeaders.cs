using Payments.Api.Adyen;

namespace Payments.Api.Web;

/// <summary>
/// Headers on every answer, pages and API alike. The CSP allows no script at all and only our own styles; form-action also
/// names the allowlisted PSP hosts because browsers check it against the 303 that follows "Payer par carte". HSTS is always
/// sent (browsers ignore it over plain http, and production is https behind the proxy).
/// </summary>
public static class SecurityHeaders
{
    public static string ContentSecurityPolicy(AdyenOptions adyen)
    {
        // Only plain host[:port] entries reach the header: a stray ';' in configuration must not add a directive.
        var formTargets = adyen.AllowedRedirectHosts.Where(h => h.Length > 0 && h.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or ':'));
        var formAction = string.Join(' ', formTargets.Prepend("'self'"));
        return $"default-src 'none'; style-src 'self'; img-src 'self'; form-action {formAction}; frame-ancestors 'none'; base-uri 'none'";
    }

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app, AdyenOptions adyen)
    {
        var csp = ContentSecurityPolicy(adyen);
        return app.Use(async (http, next) =>
        {
            http.Response.OnStarting(() =>
            {
                var h = http.Response.Headers;
                h.ContentSecurityPolicy = csp;
                h.StrictTransportSecurity = "max-age=31536000; includeSubDomains";
                h.XContentTypeOptions = "nosniff";
                h["Referrer-Policy"] = "no-referrer";
                h.XFrameOptions = "DENY";
                h.CacheControl = "no-store";
                return Task.CompletedTask;
            });
            await next();
        });
    }
}
