using System.Net;

namespace Reconciliation.Service.Tests.Accounts;

/// <summary>A host whose login forms take 3 posts a minute per IP (the default is 20).</summary>
public sealed class RateLimitedHost : AccountsHost
{
    protected override string[] Extra => ["--Reconciliation:LoginRateLimit:PermitsPerMinute=3"];
}

/// <summary>The per-IP limit on the login forms holds across names: spraying one password over many accounts is slowed too.</summary>
public sealed class RateLimitTests(RateLimitedHost host) : IClassFixture<RateLimitedHost>
{
    [Fact]
    public async Task Login_MorePostsFromOneIpThanTheLimit_AreRefusedWith429_WhateverTheName()
    {
        using var browser = host.Browser();
        for (var i = 1; i <= 3; i++)
        {
            using var allowed = await AccountsHost.PostLoginAsync(browser, $"u{i}", "mauvais mot de passe");
            allowed.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        }

        using var refused = await AccountsHost.PostLoginAsync(browser, "u4", AccountsHost.Password);

        refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        refused.Headers.RetryAfter.ShouldNotBeNull();
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Trop de tentatives de connexion depuis cette adresse");
        // The page itself (GET) is not limited: only the posts that check a password.
        (await browser.GetAsync("login")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
