using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Reconciliation.Api.Accounts;
using Reconciliation.Api.Infrastructure;

namespace Reconciliation.Api.Pages;

/// <summary>
/// The accountant's own security page (<c>/account</c>): change the password (same policy as the configured ones), enrol a
/// TOTP second factor (secret shown once, enabled only after a code from it is verified), disable it with a current code.
/// Wrong current passwords and codes count against the same lockout as the login.
/// </summary>
public static class AccountEndpoints
{
    public static void MapAccount(this WebApplication app)
    {
        var account = app.MapGroup("/account").RequireAuthorization(Policies.Accountant);
        account.MapGet("", (ClaimsPrincipal u, TotpStore totp, CancellationToken ct) => PageAsync(u, totp, null, false, null, ct));
        account.MapPost("/password", ChangePasswordAsync);
        account.MapPost("/totp/start", async (IFormCollection _, ClaimsPrincipal u, TotpStore totp, CancellationToken ct) =>
        {
            var secret = await totp.StartAsync(Name(u), ct);
            return await PageAsync(u, totp, "Ajoutez ce compte à votre application d'authentification, puis saisissez le code qu'elle affiche.", false, secret, ct);
        });
        account.MapPost("/totp/confirm", async (IFormCollection f, ClaimsPrincipal u, TotpStore totp, LoginThrottle throttle, AuditLog audit, CancellationToken ct) =>
        {
            var name = Name(u);
            if (await totp.ConfirmAsync(name, f["code"].ToString(), ct))
            {
                await audit.WriteAsync(name, AuditActions.TotpEnabled, "", ct);
                return await PageAsync(u, totp, "Double authentification activée : le code vous sera demandé à chaque connexion.", false, null, ct);
            }
            await throttle.FailAsync(name, ct);
            return await PageAsync(u, totp, "Code incorrect : la double authentification n'est pas activée.", true, (await totp.StateAsync(name, ct)).Pending, ct);
        });
        account.MapPost("/totp/disable", async (IFormCollection f, ClaimsPrincipal u, TotpStore totp, LoginThrottle throttle, AuditLog audit, CancellationToken ct) =>
        {
            var name = Name(u);
            if (!await totp.VerifyAsync(name, f["code"].ToString(), ct))
            {
                await throttle.FailAsync(name, ct);
                return await PageAsync(u, totp, LoginEndpoints.WrongCode, true, null, ct);
            }
            await totp.DisableAsync(name, ct);
            await audit.WriteAsync(name, AuditActions.TotpDisabled, "", ct);
            return await PageAsync(u, totp, "Double authentification désactivée.", false, null, ct);
        });
    }

    private static async Task<IResult> ChangePasswordAsync(IFormCollection f, ClaimsPrincipal u, AccountantStore store, TotpStore totp, LoginThrottle throttle,
        AuditLog audit, CancellationToken ct)
    {
        var name = Name(u);
        var next = f["newPassword"].ToString();
        if (await store.CheckAsync(name, f["currentPassword"].ToString(), ct) is null)
        {
            await throttle.FailAsync(name, ct);
            await audit.WriteAsync(name, AuditActions.LoginFailed, "mot de passe actuel refusé (changement de mot de passe)", ct);
            return await PageAsync(u, totp, "Mot de passe actuel incorrect.", true, null, ct);
        }
        if (next != f["confirmPassword"].ToString()) return await PageAsync(u, totp, "Les deux saisies du nouveau mot de passe diffèrent.", true, null, ct);
        if (PasswordPolicy.Refusal(next) is { } refusal) return await PageAsync(u, totp, "Mot de passe refusé : " + refusal + ".", true, null, ct);
        await store.SetPasswordAsync(name, next, ct);
        await audit.WriteAsync(name, AuditActions.PasswordChanged, "", ct);
        return await PageAsync(u, totp, "Mot de passe changé.", false, null, ct);
    }

    private static string Name(ClaimsPrincipal u) => u.Identity?.Name ?? throw new InvalidOperationException("no user");

    private static async Task<IResult> PageAsync(ClaimsPrincipal u, TotpStore totp, string? message, bool error, string? secret, CancellationToken ct)
    {
        var state = await totp.StateAsync(Name(u), ct);
        return new RazorComponentResult<AccountPage>(new
        {
            UserName = Name(u),
            TotpEnabled = state.Enabled,
            Secret = secret,
            OtpUri = secret is null ? null : TotpStore.OtpAuthUri(Name(u), secret),
            Message = message,
            IsError = error,
            MinimumLength = PasswordPolicy.MinimumLength,
        })
        { StatusCode = error ? 400 : 200 };
    }
}
