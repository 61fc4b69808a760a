using System.Net;

namespace Reconciliation.Service.Tests.Accounts;

/// <summary>ASVS V3.4: the session and antiforgery cookies as the server sends them, on the plain-HTTP loopback host.</summary>
public sealed class CookieTests(AccountsHost host) : IClassFixture<AccountsHost>
{
    [Fact]
    public async Task AntiforgeryCookie_OnTheLoginPage_IsHostPrefixedSecureStrictHttpOnly()
    {
        using var browser = host.Browser();
        using var page = await browser.GetAsync("login");

        ShouldBeHardened(SetCookie(page, "__Host-recon-af="));
    }

    [Fact]
    public async Task SessionCookie_AfterLogin_IsHostPrefixedSecureStrictHttpOnly_AndLogoutClearsIt()
    {
        using var browser = host.Browser();
        using var login = await AccountsHost.PostLoginAsync(browser, "u10", AccountsHost.Password);
        login.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        ShouldBeHardened(SetCookie(login, "__Host-recon="));
        (await browser.GetAsync("")).StatusCode.ShouldBe(HttpStatusCode.OK);

        using var logout = await AccountsHost.PostFormAsync(browser, "", "logout");
        SetCookie(logout, "__Host-recon=").ShouldContain("expires=Thu, 01 Jan 1970");
        (await browser.GetAsync("")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }

    private static string SetCookie(HttpResponseMessage response, string prefix)
    {
        response.Headers.TryGetValues("Set-Cookie", out var all).ShouldBeTrue();
        return all!.Where(c => c.StartsWith(prefix, StringComparison.Ordinal)).ShouldHaveSingleItem();
    }

    private static void ShouldBeHardened(string setCookie)
    {
        var attributes = setCookie.Split(';').Skip(1).Select(a => a.Trim().ToLowerInvariant()).ToList();
        attributes.ShouldContain("secure", setCookie);
        attributes.ShouldContain("samesite=strict", setCookie);
        attributes.ShouldContain("httponly", setCookie);
        attributes.ShouldContain("path=/", setCookie);
        attributes.ShouldNotContain(a => a.StartsWith("domain=", StringComparison.Ordinal), setCookie);
    }
}
