using System.Net;
using System.Text.RegularExpressions;
using Reconciliation.Api.Accounts;
using Reconciliation.Api.Pages;

namespace Reconciliation.Service.Tests.Accounts;

/// <summary>ASVS V2.8: an optional TOTP factor, enabled only after a verified code, then asked at every login, each code used once.</summary>
public sealed partial class TotpTests(AccountsHost host) : IClassFixture<AccountsHost>
{
    [Fact]
    public async Task Totp_Enrolment_NeedsACodeFromTheSecret_ThenLoginAsksForTheCode()
    {
        var secret = await EnrolAsync("u6");

        // Password alone: the code page, and no session.
        using var browser = host.Browser();
        using (var first = await AccountsHost.PostLoginAsync(browser, "u6", AccountsHost.Password))
        {
            first.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await AccountsHost.TextAsync(first)).ShouldContain("saisissez le code à 6 chiffres");
            first.Headers.TryGetValues("Set-Cookie", out var cookies);
            (cookies ?? []).ShouldNotContain(c => c.StartsWith("__Host-recon=", StringComparison.Ordinal));
        }
        (await browser.GetAsync("")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var (page, pending) = await PasswordStepAsync(browser, "u6");
        using (var wrong = await PostCodeAsync(browser, page, pending, WrongCode(secret)))
        {
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
            (await AccountsHost.TextAsync(wrong)).ShouldContain(LoginEndpoints.WrongCode);
        }
        (await browser.GetAsync("")).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        host.Time.Advance(TimeSpan.FromSeconds(30));
        using (var right = await PostCodeAsync(browser, page, pending, host.Code(secret)))
            right.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await browser.GetAsync("")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Totp_CodeAlreadyUsed_IsRefusedWithinItsWindow_TheNextStepPasses()
    {
        var secret = await EnrolAsync("u7");
        host.Time.Advance(TimeSpan.FromSeconds(30));
        var code = host.Code(secret);

        using (var first = host.Browser())
        {
            var (page, pending) = await PasswordStepAsync(first, "u7");
            using var ok = await PostCodeAsync(first, page, pending, code);
            ok.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
        using (var replay = host.Browser())
        {
            var (page, pending) = await PasswordStepAsync(replay, "u7");
            host.Time.Advance(TimeSpan.FromSeconds(10));
            using var refused = await PostCodeAsync(replay, page, pending, code);
            refused.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "the same code, 10 s later, inside its window");

            host.Time.Advance(TimeSpan.FromSeconds(30));
            using var next = await PostCodeAsync(replay, page, pending, host.Code(secret));
            next.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        }
    }

    [Fact]
    public async Task Totp_FiveWrongCodes_LockTheAccount_LikeWrongPasswords()
    {
        var secret = await EnrolAsync("u8");
        using var browser = host.Browser();
        var (page, pending) = await PasswordStepAsync(browser, "u8");
        for (var i = 0; i < LoginThrottle.FreeFailures; i++)
        {
            using var wrong = await PostCodeAsync(browser, page, pending, WrongCode(secret));
            wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }
        host.Time.Advance(TimeSpan.FromSeconds(30));
        using var locked = await PostCodeAsync(browser, page, pending, host.Code(secret));
        locked.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await AccountsHost.TextAsync(locked)).ShouldContain("Trop d'échecs de connexion");
        using var password = await AccountsHost.PostLoginAsync(host.Browser(), "u8", AccountsHost.Password);
        (await AccountsHost.TextAsync(password)).ShouldContain("Trop d'échecs de connexion");
    }

    [Fact]
    public async Task Totp_Disable_NeedsACurrentCode()
    {
        var secret = await EnrolAsync("u9");
        host.Time.Advance(TimeSpan.FromSeconds(30));
        using var browser = host.Browser();
        var (page, pending) = await PasswordStepAsync(browser, "u9");
        (await PostCodeAsync(browser, page, pending, host.Code(secret))).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        using (var refused = await AccountsHost.PostFormAsync(browser, "account", "account/totp/disable", ("code", WrongCode(secret))))
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        host.Time.Advance(TimeSpan.FromSeconds(30));
        using (var done = await AccountsHost.PostFormAsync(browser, "account", "account/totp/disable", ("code", host.Code(secret))))
            (await AccountsHost.TextAsync(done)).ShouldContain("Double authentification désactivée.");
        (await AccountsHost.PostLoginAsync(host.Browser(), "u9", AccountsHost.Password)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Totp_CodeAfterThePasswordStepExpired_SendsBackToTheLogin()
    {
        var secret = await EnrolAsync("u10");
        using var browser = host.Browser();
        var (page, pending) = await PasswordStepAsync(browser, "u10");

        host.Time.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(1));
        using var late = await PostCodeAsync(browser, page, pending, host.Code(secret));

        late.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await AccountsHost.TextAsync(late)).ShouldContain("La connexion a expiré");
        (await browser.GetAsync("")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    /// <summary>Enrols through the pages: a wrong code leaves it off, the right one turns it on. Returns the secret.</summary>
    private async Task<string> EnrolAsync(string user)
    {
        using var browser = await host.LoggedInAsync(user);
        string secret;
        using (var start = await AccountsHost.PostFormAsync(browser, "account", "account/totp/start"))
        {
            var html = await AccountsHost.TextAsync(start);
            secret = Secret().Match(html).Groups[1].Value;
            secret.Length.ShouldBe(32);
            html.ShouldContain($"otpauth://totp/Rapprochement:{user}?secret={secret}&issuer=Rapprochement");
        }
        using (var wrong = await AccountsHost.PostFormAsync(browser, "account", "account/totp/confirm", ("code", WrongCode(secret))))
        {
            wrong.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await AccountsHost.TextAsync(wrong)).ShouldContain("la double authentification n'est pas activée");
        }
        using (var ok = await AccountsHost.PostFormAsync(browser, "account", "account/totp/confirm", ("code", host.Code(secret))))
            (await AccountsHost.TextAsync(ok)).ShouldContain("Double authentification activée");
        return secret;
    }

    private static async Task<(string Page, string Pending)> PasswordStepAsync(HttpClient browser, string user)
    {
        using var response = await AccountsHost.PostLoginAsync(browser, user, AccountsHost.Password);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        return (html, System.Net.WebUtility.HtmlDecode(Pending().Match(html).Groups[1].Value));
    }

    private static Task<HttpResponseMessage> PostCodeAsync(HttpClient browser, string page, string pending, string code) =>
        browser.PostAsync("login/code", Support.ReconStack.Form(System.Net.WebUtility.HtmlDecode(AntiforgeryToken().Match(page).Groups[1].Value),
            ("pending", pending), ("code", code), ("returnUrl", "/")));

    /// <summary>A code that is none of the three the server accepts now (previous, current, next step).</summary>
    private string WrongCode(string secret)
    {
        var valid = new[] { host.Code(secret, -1), host.Code(secret), host.Code(secret, 1) };
        return Enumerable.Range(0, 10).Select(d => new string((char)('0' + d), 6)).First(c => !valid.Contains(c));
    }

    [GeneratedRegex("<code id=\"totp-secret\">([A-Z2-7]+)</code>")]
    private static partial Regex Secret();

    [GeneratedRegex("name=\"pending\" value=\"([^\"]+)\"")]
    private static partial Regex Pending();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
