using System.Net;
using Reconciliation.Api.Accounts;

namespace Reconciliation.Service.Tests.Accounts;

/// <summary>ASVS V2.1: 12 characters at least, not one of the 10,000 most common breached passwords, on every path that sets one.</summary>
public sealed class PasswordPolicyTests(AccountsHost host) : IClassFixture<AccountsHost>
{
    [Fact]
    public void PasswordPolicy_ElevenCharacters_IsRefused()
    {
        PasswordPolicy.Refusal("Kx9#mQ2!vLp").ShouldBe("le mot de passe doit compter au moins 12 caractères");
        PasswordPolicy.Refusal("Kx9#mQ2!vLpz").ShouldBeNull();
    }

    [Theory]
    [InlineData("unbelievable")]
    [InlineData("UNBELIEVABLE")]
    [InlineData("Masturbation")]
    public void PasswordPolicy_BreachedPasswordInAnyCase_IsRefused(string password) =>
        PasswordPolicy.Refusal(password).ShouldNotBeNull().ShouldContain("10 000 mots de passe les plus courants");

    [Fact]
    public void PasswordPolicy_List_HoldsTheTenThousandFromTheRepository()
    {
        PasswordPolicy.BreachedCount.ShouldBe(10_000);
        PasswordPolicy.Refusal("password1234").ShouldBeNull("not in the list: long enough, so accepted");
    }

    [Theory]
    [InlineData("court-2026")]
    [InlineData("unbelievable")]
    public async Task Seeder_ConfiguredPasswordFailingThePolicy_StopsTheHostWithTheReason(string password)
    {
        await using var app = host.Build(["--Reconciliation:Users:0:UserName=faible", $"--Reconciliation:Users:0:Password={password}", "--Reconciliation:Users:0:Roles=Accountant"]);

        var error = await Should.ThrowAsync<InvalidOperationException>(() => app.StartAsync());

        error.Message.ShouldContain("Reconciliation:Users:0 (faible): the configured password is refused");
        error.Message.ShouldContain(password.Length < 12 ? "au moins 12 caractères" : "les plus courants");
    }

    [Fact]
    public async Task PasswordChange_ShortOrBreachedRefused_ThenAGoodOneReplacesTheOld()
    {
        using var browser = await host.LoggedInAsync("u1");

        foreach (var (bad, reason) in new[] { ("court-2026", "au moins 12 caractères"), ("Unbelievable", "les plus courants") })
        {
            using var refused = await AccountsHost.PostFormAsync(browser, "account", "account/password",
                ("currentPassword", AccountsHost.Password), ("newPassword", bad), ("confirmPassword", bad));
            refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await AccountsHost.TextAsync(refused)).ShouldContain(reason);
        }
        const string next = "Quai Saint-Antoine, 2e étage";
        using (var changed = await AccountsHost.PostFormAsync(browser, "account", "account/password",
                   ("currentPassword", AccountsHost.Password), ("newPassword", next), ("confirmPassword", next)))
            (await AccountsHost.TextAsync(changed)).ShouldContain("Mot de passe changé.");

        using var old = await AccountsHost.PostLoginAsync(host.Browser(), "u1", AccountsHost.Password);
        old.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        using var again = await AccountsHost.PostLoginAsync(host.Browser(), "u1", next);
        again.StatusCode.ShouldBe(HttpStatusCode.Redirect);
    }
}
