using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Reconciliation.Api.Pages;

namespace Reconciliation.Api.Accounts;

/// <summary>
/// A cookie that is always sent with Secure, whatever the scheme of the request. Antiforgery refuses to run on plain HTTP
/// when its policy is <see cref="CookieSecurePolicy.Always"/>; on loopback (DevHost, tests: browsers treat
/// http://127.0.0.1 as a secure context) and behind a TLS-terminating proxy the request is HTTP while the browser's
/// connection is not. The Secure attribute, which the <c>__Host-</c> prefix requires, is set here instead.
/// </summary>
public sealed class AlwaysSecureCookieBuilder : CookieBuilder
{
    public override CookieOptions Build(HttpContext context, DateTimeOffset expiresFrom)
    {
        var options = base.Build(context, expiresFrom);
        options.Secure = true;
        return options;
    }
}

public static class AccountSecurity
{
    public const string SessionCookie = "__Host-recon";
    public const string AntiforgeryCookie = "__Host-recon-af";

    /// <summary>The login cookie's and the antiforgery cookie's shared attributes: __Host- (Secure, Path=/, no Domain), HttpOnly, SameSite=Strict.</summary>
    public static void Harden(CookieBuilder cookie, string name)
    {
        cookie.Name = name;
        cookie.Path = "/";
        cookie.Domain = null;
        cookie.HttpOnly = true;
        cookie.SameSite = SameSiteMode.Strict;
        cookie.IsEssential = true;
    }

    /// <summary>
    /// Per-IP limit on the login forms (<c>Reconciliation:LoginRateLimit:PermitsPerMinute</c>, 20 by default), on top of
    /// the per-account lockout: one address cannot spray passwords over many names. The limiter keeps its own clock.
    /// </summary>
    public static IServiceCollection AddLoginRateLimit(this IServiceCollection services, IConfiguration config)
    {
        var permits = int.TryParse(config["Reconciliation:LoginRateLimit:PermitsPerMinute"], NumberStyles.None, CultureInfo.InvariantCulture, out var p) && p > 0 ? p : 20;
        return services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(LoginEndpoints.RateLimitPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "inconnue",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));
            o.OnRejected = async (context, ct) =>
            {
                context.HttpContext.Response.ContentType = "text/plain; charset=utf-8";
                context.HttpContext.Response.Headers.RetryAfter = "60";
                await context.HttpContext.Response.WriteAsync("Trop de tentatives de connexion depuis cette adresse : réessayez dans une minute.", ct);
            };
        });
    }
}
