using System.Net;
using System.Text.RegularExpressions;
using Reconciliation.Api.Accounts;

namespace Reconciliation.Service.Tests.Accounts;

/// <summary>ASVS V2.2.1: lockout with back-off per account, in the database, the same for names that exist and names that do not.</summary>
public sealed partial class LockoutTests(AccountsHost host) : IClassFixture<AccountsHost>
{
    [Fact]
    public async Task Login_FiveWrongPasswords_LockEvenTheRightPasswordForOneMinute()
    {
        await FailAsync("u2", LoginThrottle.FreeFailures);

        var locked = await LoginAsync("u2", AccountsHost.Password);
        locked.Status.ShouldBe(HttpStatusCode.Unauthorized);
        locked.Body.ShouldContain("Trop d'échecs de connexion : réessayez dans 1 minute.");

        host.Time.Advance(TimeSpan.FromSeconds(59));
        (await LoginAsync("u2", AccountsHost.Password)).Status.ShouldBe(HttpStatusCode.Unauthorized);
        host.Time.Advance(TimeSpan.FromSeconds(2));
        (await LoginAsync("u2", AccountsHost.Password)).Status.ShouldBe(HttpStatusCode.Redirect);
    }

    [Fact]
    public async Task Login_FailureAfterALockEnds_DoublesTheNextLock_UpToFifteenMinutes()
    {
        await FailAsync("u3", LoginThrottle.FreeFailures);
        host.Time.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));

        (await LoginAsync("u3", "encore une erreur")).Body.ShouldContain("réessayez dans 2 minutes");
        host.Time.Advance(TimeSpan.FromSeconds(61));
        (await LoginAsync("u3", AccountsHost.Password)).Status.ShouldBe(HttpStatusCode.Unauthorized, "still locked after 61 s of 2 min");
        host.Time.Advance(TimeSpan.FromSeconds(60));
        (await LoginAsync("u3", AccountsHost.Password)).Status.ShouldBe(HttpStatusCode.Redirect);

        // The doubling is capped: 1, 2, 4, 8, 15, 15 minutes.
        Enumerable.Range(5, 6).Select(n => LoginThrottle.LockAfter(n)!.Value.TotalMinutes).ShouldBe([1, 2, 4, 8, 15, 15]);
        LoginThrottle.LockAfter(4).ShouldBeNull();
    }

    [Fact]
    public async Task Login_UnknownUserAndWrongPassword_GetTheSameAnswer_AndTheSameLock()
    {
        for (var i = 0; i < LoginThrottle.FreeFailures; i++)
        {
            var wrong = await LoginAsync("u4", "pas le bon mot de passe");
            var unknown = await LoginAsync("personne-" + host.ApiKey[..6], "pas le bon mot de passe");
            unknown.Status.ShouldBe(wrong.Status);
            unknown.Body.ShouldBe(wrong.Body);
            if (i < LoginThrottle.FreeFailures - 1) wrong.Body.ShouldContain("Identifiant ou mot de passe incorrect.");
            else wrong.Body.ShouldContain("Trop d'échecs de connexion");
        }
    }

    [Fact]
    public async Task Login_Lockout_IsStoredInTheDatabase_NotInTheProcess()
    {
        await FailAsync("u5", LoginThrottle.FreeFailures);

        await using var second = host.Build(AccountsHost.UserArgs());
        await second.StartAsync();
        var throttle = second.Services.GetRequiredService<LoginThrottle>();
        (await throttle.StateAsync("U5", CancellationToken.None)).IsLocked(host.Time.GetUtcNow()).ShouldBeTrue();
        await second.StopAsync();
    }

    private async Task FailAsync(string user, int times)
    {
        for (var i = 0; i < times; i++) (await LoginAsync(user, "mauvais mot de passe " + i)).Status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>The status and the page without its antiforgery token (new on every page, so never equal).</summary>
    private async Task<(HttpStatusCode Status, string Body)> LoginAsync(string user, string password)
    {
        using var browser = host.Browser();
        using var response = await AccountsHost.PostLoginAsync(browser, user, password);
        return (response.StatusCode, Token().Replace(await AccountsHost.TextAsync(response), "value=\"(token)\""));
    }

    [GeneratedRegex("value=\"CfDJ8[^\"]*\"")]
    private static partial Regex Token();
}
