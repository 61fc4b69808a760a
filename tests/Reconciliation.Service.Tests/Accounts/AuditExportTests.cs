using System.Net;
using System.Text.Json;
using Reconciliation.Api.Accounts;
using Reconciliation.Api.Infrastructure;

namespace Reconciliation.Service.Tests.Accounts;

/// <summary>ASVS V7.1/V7.2: security events in the append-only audit log, exported as JSON lines to approvers only, without secrets.</summary>
public sealed class AuditExportTests(AccountsHost host) : IClassFixture<AccountsHost>
{
    [Fact]
    public async Task AuditExport_AfterSecurityEvents_HasEachAsAJsonLine_AndNoSecret()
    {
        const string wrongPassword = "essai-faux-mot-de-passe-42";
        // A failure, a lockout, a login, a TOTP enrolment (its code), an API key use, a role change at the next start.
        for (var i = 0; i < LoginThrottle.FreeFailures; i++) await AccountsHost.PostLoginAsync(host.Browser(), "u11", wrongPassword);
        await AccountsHost.PostLoginAsync(host.Browser(), "inconnu-" + host.ApiKey[..6], wrongPassword);
        using var accountant = await host.LoggedInAsync("u12");
        string code;
        using (var start = await AccountsHost.PostFormAsync(accountant, "account", "account/totp/start"))
        {
            var secret = System.Text.RegularExpressions.Regex.Match(await start.Content.ReadAsStringAsync(), "id=\"totp-secret\">([A-Z2-7]+)<").Groups[1].Value;
            code = host.Code(secret);
            using var ok = await AccountsHost.PostFormAsync(accountant, "account", "account/totp/confirm", ("code", code));
            (await AccountsHost.TextAsync(ok)).ShouldContain("Double authentification activée");
        }
        using (var key = new HttpClient { BaseAddress = host.Url })
        {
            key.DefaultRequestHeaders.Add("X-Api-Key", host.ApiKey);
            (await key.GetAsync("api/status")).StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        await using (var restarted = host.Build(AccountsHost.UserArgs(approverRoles: "Accountant Approver Importer")))
        {
            await restarted.StartAsync();
            await restarted.StopAsync();
        }

        // Not an approver: refused.
        using (var denied = await accountant.GetAsync("audit/export.jsonl"))
        {
            denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            denied.Headers.Location!.ToString().ShouldContain("/refuse");
        }

        using var approver = await host.LoggedInAsync("approb", AccountsHost.ApproverPassword);
        using var export = await approver.GetAsync("audit/export.jsonl");
        export.StatusCode.ShouldBe(HttpStatusCode.OK);
        export.Content.Headers.ContentType!.MediaType.ShouldBe("application/jsonl");
        var text = await export.Content.ReadAsStringAsync();
        var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        text.EndsWith('\n').ShouldBeTrue();
        lines.Select(l => l.GetProperty("id").GetInt64()).ShouldBeInOrder(SortDirection.Ascending);
        foreach (var l in lines)
        {
            l.GetProperty("at").GetDateTimeOffset().Offset.ShouldBe(TimeSpan.Zero);
            l.GetProperty("who").GetString().ShouldNotBeNullOrEmpty();
            l.TryGetProperty("detail", out _).ShouldBeTrue();
        }

        bool Has(string who, string action, string? detail = null) =>
            lines.Any(l => l.GetProperty("who").GetString() == who && l.GetProperty("action").GetString() == action
                           && (detail is null || l.GetProperty("detail").GetString()!.Contains(detail, StringComparison.Ordinal)));
        Has("u11", AuditActions.LoginFailed, "mot de passe refusé").ShouldBeTrue();
        Has("u11", AuditActions.Locked, "5 échecs consécutifs").ShouldBeTrue();
        Has("(identifiant inconnu)", AuditActions.LoginFailed).ShouldBeTrue();
        Has("u12", AuditActions.LoginOk, "mot de passe").ShouldBeTrue();
        Has("u12", AuditActions.TotpEnabled).ShouldBeTrue();
        Has("clé script", AuditActions.ApiKeyUsed, "GET /api/status").ShouldBeTrue();
        Has("configuration", AuditActions.AccountCreated, "u12 : rôles Accountant").ShouldBeTrue();
        Has("configuration", AuditActions.RolesChanged, "approb : rôles Accountant Approver → Accountant Approver Importer").ShouldBeTrue();
        Has("approb", AuditActions.AuditExported).ShouldBeTrue();

        foreach (var secret in new[] { wrongPassword, AccountsHost.Password, AccountsHost.ApproverPassword, host.ApiKey, "inconnu-" + host.ApiKey[..6] })
            text.ShouldNotContain(secret);
        lines.ShouldNotContain(l => l.GetProperty("detail").GetString()!.Contains(code, StringComparison.Ordinal));
    }
}
