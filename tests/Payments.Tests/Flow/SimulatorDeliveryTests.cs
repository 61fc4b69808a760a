using System.Net;
using System.Text.Json;
using Payments.Tests.Support;

namespace Payments.Tests.Flow;

/// <summary>
/// The whole card flow over HTTP with the simulator delivering each webhook three times in shuffled order, plus a CAPTURE and
/// a refund on demand: one inbox row per event, one payment in the ledger, the refund booked once.
/// </summary>
public sealed class SimulatorDeliveryTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    [Fact]
    public async Task CardFlow_WebhooksDuplicatedAndShuffledBySimulator_OnePaymentAndOneRefundInLedger()
    {
        using var sim = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = stack.SimulatorUrl };
        using (var delivery = await sim.PostAsync("_sim/delivery", PaymentsStack.Json("""{"copies":3,"shuffle":true,"delayMilliseconds":0}""")))
        {
            delivery.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        }
        using var tenant = new TenantClient(stack);
        using var start = await tenant.StartCheckoutAsync("100015/01", "2026-11/000015");
        start.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var hosted = start.Headers.Location!;
        using var paid = await sim.PostAsync(hosted.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["cardNumber"] = "4111111111111111", ["expiry"] = "03/30", ["cvc"] = "737", ["holder"] = "Test",
        }));
        paid.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var back = paid.Headers.Location!;
        back.Authority.ShouldBe(stack.PaymentsUrl.Authority);

        (await PaymentsStack.EventuallyAsync(async () =>
            (await tenant.Http.GetStringAsync(back.PathAndQuery)).Contains("Paiement confirmé", StringComparison.Ordinal), TimeSpan.FromSeconds(30))).ShouldBeTrue();
        await using var command = stack.PaymentsDb.CreateCommand("select psp_reference from payment_attempts where notice_reference = '2026-11/000015'");
        var psp = (string)(await command.ExecuteScalarAsync())!;

        // Paying the same notice again right away leads to the confirmation, not to a second charge.
        using var again = await tenant.StartCheckoutAsync("100015/01", "2026-11/000015");
        again.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        again.Headers.Location!.ToString().ShouldBe(back.AbsolutePath + "?ref=" + System.Web.HttpUtility.ParseQueryString(back.Query)["ref"]);

        foreach (var code in new[] { "CAPTURE", "REFUND" })
        {
            using var e = await sim.PostAsync($"_sim/payments/{psp}/events", PaymentsStack.Json($$"""{"eventCode":"{{code}}","success":true,"amountValue":{{(code == "REFUND" ? 2000 : 60000)}}}"""));
            e.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await PaymentsStack.EventuallyAsync(async () =>
            await stack.CountAsync($"select count(*) from ledger_outbox where payment_id = 'card:{psp}' and status = 'Sent'") == 2, TimeSpan.FromSeconds(30))).ShouldBeTrue();
        (await PaymentsStack.EventuallyAsync(async () =>
            JsonDocument.Parse(await sim.GetStringAsync("_sim/delivered")).RootElement.GetProperty("delivered").GetInt32() >= 9, TimeSpan.FromSeconds(30))).ShouldBeTrue();

        (await stack.CountAsync($"select count(*) from webhook_inbox where psp_reference = '{psp}' or original_reference = '{psp}'")).ShouldBe(3);
        var payment = JsonDocument.Parse(await stack.LedgerOps.GetStringAsync($"payments/card:{psp}")).RootElement;
        payment.GetProperty("reversed").GetString().ShouldBe("20.00");
        payment.GetProperty("status").GetString().ShouldBe("PartlyReversed");
    }

    [Fact]
    public async Task CardFlow_RefusedTestCard_ShowsNotCompletedAndBooksNothing()
    {
        using var sim = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = stack.SimulatorUrl };
        using var tenant = new TenantClient(stack);
        var back = await tenant.PayByCardAsync(sim, "100017/01", "2026-11/000017", card: "4000 0000 0000 0002");
        (await PaymentsStack.EventuallyAsync(async () =>
            (await tenant.Http.GetStringAsync(back.PathAndQuery)).Contains("n'a pas abouti", StringComparison.Ordinal), TimeSpan.FromSeconds(30))).ShouldBeTrue();
        (await stack.CountAsync("select count(*) from ledger_outbox where kind = 'RecordPayment' and body like '%2026-11/000017%'")).ShouldBe(0);
        (await stack.CountAsync("select count(*) from payment_attempts where notice_reference = '2026-11/000017' and status = 'Refused'")).ShouldBe(1);
    }
}
