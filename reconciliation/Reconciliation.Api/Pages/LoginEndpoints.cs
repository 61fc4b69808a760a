using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http.HttpResults;
using Reconciliation.Api.Accounts;
using Reconciliation.Api.Infrastructure;

namespace Reconciliation.Api.Pages;

/// <summary>
/// Cookie login of accountants (the only anonymous pages, with the liveness probe): the password, then the TOTP code when
/// the account has one. Both steps count failures against the same per-name lockout (<see cref="LoginThrottle"/>) and are
/// rate-limited per IP; an unknown name and a wrong password get the same answer, word for word.
/// </summary>
public static class LoginEndpoints
{
    public const string RateLimitPolicy = "login";
    public const string WrongCredentials = "Identifiant ou mot de passe incorrect.";
    public const string WrongCode = "Code incorrect ou déjà utilisé.";
    private const string PendingPurpose = "recon-login-second-factor";
    private static readonly TimeSpan PendingLifetime = TimeSpan.FromMinutes(5);

    public static void MapLogin(this WebApplication app)
    {
        app.MapGet("/login", (string? returnUrl) => new RazorComponentResult<LoginPage>(new { ReturnUrl = returnUrl })).AllowAnonymous();
        app.MapPost("/login", LoginAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        app.MapPost("/login/code", CodeAsync).AllowAnonymous().RequireRateLimiting(RateLimitPolicy);
        app.MapPost("/logout", async (HttpContext http, IFormCollection _, AuditLog audit, CancellationToken ct) =>
        {
            if (http.User.Identity?.Name is { } name) await audit.WriteAsync(name, AuditActions.Logout, "", ct);
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login", permanent: false);
        });
        app.MapGet("/refuse", () => new RazorComponentResult<LoginPage>(new { Error = "Votre rôle ne permet pas cette action." }))
            .RequireAuthorization(Policies.Accountant);
    }

    public static async Task<IResult> LoginAsync(HttpContext http, IFormCollection form, AccountantStore store, LoginThrottle throttle, TotpStore totp,
        AuditLog audit, TimeProvider time, IDataProtectionProvider protection, CancellationToken ct)
    {
        var name = form["userName"].ToString().Trim();
        var returnUrl = form["returnUrl"].ToString();
        var now = time.GetUtcNow();
        if (await throttle.StateAsync(name, ct) is { } state && state.IsLocked(now))
        {
            await audit.WriteAsync(await AuditNameAsync(store, name, ct), AuditActions.LoginFailed, "compte verrouillé : tentative refusée sans vérification", ct);
            return Refused(LoginThrottle.LockedMessage(state.LockedUntil!.Value, now), returnUrl);
        }
        var user = await store.CheckAsync(name, form["password"].ToString(), ct);
        if (user is null)
        {
            var after = await FailAsync(throttle, audit, name, await AuditNameAsync(store, name, ct), "mot de passe refusé", now, ct);
            return Refused(after.IsLocked(now) ? LoginThrottle.LockedMessage(after.LockedUntil!.Value, now) : WrongCredentials, returnUrl);
        }
        if ((await totp.StateAsync(user.UserName, ct)).Enabled)
        {
            var pending = Protector(protection).Protect($"{user.UserName}\n{(now + PendingLifetime).ToUnixTimeSeconds()}");
            return new RazorComponentResult<LoginCodePage>(new { Pending = pending, ReturnUrl = returnUrl });
        }
        return await SignInAsync(http, user, throttle, audit, "mot de passe", returnUrl, ct);
    }

    public static async Task<IResult> CodeAsync(HttpContext http, IFormCollection form, AccountantStore store, LoginThrottle throttle, TotpStore totp,
        AuditLog audit, TimeProvider time, IDataProtectionProvider protection, CancellationToken ct)
    {
        var returnUrl = form["returnUrl"].ToString();
        var pending = form["pending"].ToString();
        var now = time.GetUtcNow();
        if (PendingUser(protection, pending, now) is not { } name || await store.FindAsync(name, ct) is not { } user)
            return Refused("La connexion a expiré : saisissez de nouveau votre identifiant et votre mot de passe.", returnUrl);
        if (await throttle.StateAsync(name, ct) is { } state && state.IsLocked(now))
        {
            await audit.WriteAsync(name, AuditActions.LoginFailed, "compte verrouillé : code refusé sans vérification", ct);
            return Refused(LoginThrottle.LockedMessage(state.LockedUntil!.Value, now), returnUrl);
        }
        if (!await totp.VerifyAsync(name, form["code"].ToString(), ct))
        {
            var after = await FailAsync(throttle, audit, name, name, "code de double authentification refusé", now, ct);
            if (after.IsLocked(now)) return Refused(LoginThrottle.LockedMessage(after.LockedUntil!.Value, now), returnUrl);
            return new RazorComponentResult<LoginCodePage>(new { Pending = pending, ReturnUrl = returnUrl, Error = WrongCode }) { StatusCode = 401 };
        }
        return await SignInAsync(http, user, throttle, audit, "mot de passe et code TOTP", returnUrl, ct);
    }

    /// <summary>Counts a failure against the name; the failure, and the lock it may start, go to the audit log.</summary>
    private static async Task<ThrottleState> FailAsync(LoginThrottle throttle, AuditLog audit, string name, string who, string what, DateTimeOffset now, CancellationToken ct)
    {
        var after = await throttle.FailAsync(name, ct);
        await audit.WriteAsync(who, AuditActions.LoginFailed, what, ct);
        if (after.IsLocked(now))
            await audit.WriteAsync(who, AuditActions.Locked, $"{after.Failures} échecs consécutifs, jusqu'à {after.LockedUntil!.Value.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture)} UTC", ct);
        return after;
    }

    private static async Task<IResult> SignInAsync(HttpContext http, Accountant user, LoginThrottle throttle, AuditLog audit, string how, string returnUrl, CancellationToken ct)
    {
        await throttle.ResetAsync(user.UserName, ct);
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountantStore.Principal(user));
        await audit.WriteAsync(user.UserName, AuditActions.LoginOk, how, ct);
        // Only local paths: an open redirect would send a logged-in accountant anywhere.
        var target = returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.Contains('\\', StringComparison.Ordinal) ? returnUrl : "/";
        return Results.Redirect(target);
    }

    private static RazorComponentResult<LoginPage> Refused(string message, string returnUrl) =>
        new(new { Error = message, ReturnUrl = returnUrl }) { StatusCode = 401 };

    /// <summary>The audit names known accounts only: what was typed for an unknown one may be a password.</summary>
    private static async Task<string> AuditNameAsync(AccountantStore store, string name, CancellationToken ct) =>
        name.Length > 0 && await store.FindAsync(name, ct) is { } user ? user.UserName : "(identifiant inconnu)";

    private static IDataProtector Protector(IDataProtectionProvider protection) => protection.CreateProtector(PendingPurpose);

    /// <summary>The user of a password step that passed, while it is fresh (expiry checked on the injected clock).</summary>
    private static string? PendingUser(IDataProtectionProvider protection, string pending, DateTimeOffset now)
    {
        try
        {
            var parts = Protector(protection).Unprotect(pending).Split('\n');
            return parts.Length == 2 && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var expires) && now.ToUnixTimeSeconds() <= expires ? parts[0] : null;
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}
