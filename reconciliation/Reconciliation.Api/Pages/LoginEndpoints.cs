using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http.HttpResults;
using Reconciliation.Api.Infrastructure;

namespace Reconciliation.Api.Pages;

/// <summary>Cookie login of accountants (the only anonymous pages, with the liveness probe).</summary>
public static class LoginEndpoints
{
    public static void MapLogin(this WebApplication app)
    {
        app.MapGet("/login", (string? returnUrl) => new RazorComponentResult<LoginPage>(new { ReturnUrl = returnUrl })).AllowAnonymous();
        app.MapPost("/login", LoginAsync).AllowAnonymous();
        app.MapPost("/logout", async (HttpContext http, IFormCollection _) =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/login", permanent: false);
        });
        app.MapGet("/refuse", () => new RazorComponentResult<LoginPage>(new { Error = "Votre rôle ne permet pas cette action." }))
            .RequireAuthorization(Policies.Accountant);
    }

    public static async Task<IResult> LoginAsync(HttpContext http, IFormCollection form, AccountantStore store, AuditLog audit, CancellationToken ct)
    {
        var user = await store.CheckAsync(form["userName"].ToString(), form["password"].ToString(), ct);
        var returnUrl = form["returnUrl"].ToString();
        if (user is null)
        {
            return new RazorComponentResult<LoginPage>(new { Error = "Identifiant ou mot de passe incorrect.", ReturnUrl = returnUrl }) { StatusCode = 401 };
        }
        await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, AccountantStore.Principal(user));
        await audit.WriteAsync(user.UserName, "connexion", "", ct);
        // Only local paths: an open redirect would send a logged-in accountant anywhere.
        var target = returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) && !returnUrl.Contains('\\', StringComparison.Ordinal) ? returnUrl : "/";
        return Results.Redirect(target);
    }
}
