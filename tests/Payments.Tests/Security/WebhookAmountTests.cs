using System.Net;
using System.Text;
using System.Text.Json;
using Payments.Tests.Support;
using PspSimulator;

namespace Payments.Tests.Security;

/// <summary>
/// Issue 9, items 7 and 8 (webhook body, 500 headers, health): an authorisation that differs from its attempt is booked as
/// the PSP says, flagged, and never shown to the tenant as the notice's amount confirmed.
/// </summary>
public sealed class WebhookAmountTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    private async Task<string> ProcessedAsync(SimNotification n)
    {
        using var r = await stack.PostWebhookAsync(Notifications.Envelope(n, stack.HmacKey));
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PaymentsStack.EventuallyAsync(async () =>
            await stack.CountAsync($"select count(*) from webhook_inbox where psp_reference = '{n.PspReference}' and status <> 'Pending'") == 1,
            TimeSpan.FromSeconds(30))).ShouldBeTrue();
        await using var command = stack.PaymentsDb.CreateCommand($"select status from webhook_inbox where psp_reference = '{n.PspReference}'");
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Authorisation_ForOneCentOnA620EuroAttempt_IsBookedAsOneCentFlaggedAndNeverSaidConfirmed()
    {
        await Attempts.InsertAsync(stack.PaymentsDb, "ATcentauth001", "100006/01", "2026-11/000006", 62030, status: "Redirected");

        var status = await ProcessedAsync(Notifications.Item("PAYCENT000000001", "AUTHORISATION", 1, "ATcentauth001"));

        status.ShouldBe("Review");
        (await PaymentsStack.EventuallyAsync(async () => (await stack.LedgerOps.GetAsync("payments/card:PAYCENT000000001")).IsSuccessStatusCode,
            TimeSpan.FromSeconds(30))).ShouldBeTrue();
        var booked = JsonDocument.Parse(await stack.LedgerOps.GetStringAsync("payments/card:PAYCENT000000001")).RootElement;
        booked.GetProperty("amount").GetString().ShouldBe("0.01");
        using var client = new TenantClient(stack);
        var page = await client.Http.GetStringAsync("/paiement/retour?ref=ATcentauth001");
        page.ShouldNotContain("confirmé");
        page.ShouldNotContain("620,30");
        page.ShouldContain("Ne payez pas une seconde fois");
        using var ops = new HttpClient { BaseAddress = stack.PaymentsUrl };
        ops.DefaultRequestHeaders.Add("X-Api-Key", stack.OpsKey);
        (await ops.GetStringAsync("/ops/dead-letters")).ShouldContain("PAYCENT000000001");
    }

    [Fact]
    public async Task Authorisation_InAnotherCurrency_IsNotShownAsConfirmed()
    {
        await Attempts.InsertAsync(stack.PaymentsDb, "ATusdauth0001", "100007/01", "2026-11/000007", 10000, status: "Redirected");
        var usd = Notifications.Item("PAYUSD0000000001", "AUTHORISATION", 10000, "ATusdauth0001") with { Currency = "USD" };

        (await ProcessedAsync(usd)).ShouldBe("Review");

        using var client = new TenantClient(stack);
        var page = await client.Http.GetStringAsync("/paiement/retour?ref=ATusdauth0001");
        page.ShouldNotContain("confirmé");
        page.ShouldNotContain("100,00");
    }

    [Fact]
    public async Task Authorisation_MatchingItsAttempt_SaysTheAmountThePspConfirmed()
    {
        await Attempts.InsertAsync(stack.PaymentsDb, "ATokauth00001", "100008/01", "2026-11/000008", 12345, status: "Redirected");

        (await ProcessedAsync(Notifications.Item("PAYOK00000000001", "AUTHORISATION", 12345, "ATokauth00001"))).ShouldBe("Processed");

        using var client = new TenantClient(stack);
        (await client.Http.GetStringAsync("/paiement/retour?ref=ATokauth00001")).ShouldContain("Votre paiement de 123,45 €");
    }

    [Fact]
    public async Task Webhook_SignedInBodyWithInvalidUtf8_Is400AndStoresNothing()
    {
        var json = Notifications.Envelope(Notifications.Item("PAYUTF8000000001", "AUTHORISATION", 100, "ATnone"), stack.HmacKey);
        var bytes = Encoding.UTF8.GetBytes(json.Replace("visa", "vi\u00ffa", StringComparison.Ordinal));
        var at = Array.IndexOf(bytes, (byte)0xC3);
        bytes[at] = 0xFF; // a byte that never starts a UTF-8 sequence
        using var http = new HttpClient { BaseAddress = stack.PaymentsUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/adyen") { Content = new ByteArrayContent(bytes) };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PaymentsStack.WebhookUser}:{stack.WebhookPassword}")));

        using var response = await http.SendAsync(request);

        ((int)response.StatusCode).ShouldBeInRange(400, 499);
        (await stack.CountAsync("select count(*) from webhook_inbox where psp_reference = 'PAYUTF8000000001'")).ShouldBe(0);
    }

    [Fact]
    public async Task AnswerOf500_CarriesTheSecurityHeadersAndThePageShell()
    {
        await using (var revoke = stack.PaymentsDb.CreateCommand($"revoke select on payment_attempts from \"{ServiceRole()}\""))
            await revoke.ExecuteNonQueryAsync();
        HttpResponseMessage response;
        try
        {
            using var client = new TenantClient(stack);
            response = await client.Http.GetAsync("/paiement/retour?ref=ATwhatever001");
        }
        finally
        {
            await using var grant = stack.PaymentsDb.CreateCommand($"grant select on payment_attempts to \"{ServiceRole()}\"");
            await grant.ExecuteNonQueryAsync();
        }

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("default-src 'none'");
        response.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        response.Headers.GetValues("X-Frame-Options").ShouldContain("DENY");
        (await response.Content.ReadAsStringAsync()).ShouldContain("<html lang=\"fr\">");
    }

    [Fact]
    public async Task Health_LiveAndReady_Answer200WhenTheDatabaseAnswers()
    {
        using var http = new HttpClient { BaseAddress = stack.PaymentsUrl };
        (await http.GetAsync("/health/live")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.GetAsync("/health/ready")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private string ServiceRole() => new Npgsql.NpgsqlConnectionStringBuilder(stack.PaymentsServiceConnection).Username!;
}
