using System.Net;
using System.Text.Json;
using Payments.Tests.Support;
using Primitives;

namespace Payments.Tests.Races;

// Regression found by tests/Simulation.Tests. The settlement report can reach the ledger before the webhook (Adyen
// retrying while the payments host or the ledger was down): reconciliation books the card payment under the same id,
// card:PSP, with its own references and date, and the webhook's command is answered 409. The outbox dead-lettered it,
// calling an operator for money the ledger holds; it now sends it when the ledger has that payment for the same tenant,
// amount and currency, and still dead-letters it when any of these differs.
[Trait("Category", "Fault")]
public sealed class StatementBeforeWebhookTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    [Theory(Timeout = 60_000)]
    [InlineData("100011/01", "2026-11/000011", "PSPSTMTFIRST0001", 0, "Sent")]
    [InlineData("100012/01", "2026-11/000012", "PSPSTMTFIRST0002", 1, "DeadLetter")]
    public async Task Webhook_AfterTheSettlementReportBookedTheSamePayment_IsSentOnlyWhenTheLedgerHoldsTheSameMoney(
        string tenant, string notice, string psp, int centsLessInTheReport, string expected)
    {
        var due = JsonDocument.Parse(await stack.LedgerOps.GetStringAsync($"notices?noticeReference={Uri.EscapeDataString(notice)}"))
            .RootElement.GetProperty("amountDue").GetString()!;
        Money.TryParseCents(due, out var cents).ShouldBeTrue();
        var attempt = "AT" + psp[^8..];
        await Attempts.InsertAsync(stack.PaymentsDb, attempt, tenant, notice, cents, status: "Redirected");
        // What reconciliation's PostingPlan sends for the report's card line.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "payments") { Content = PaymentsStack.Json(JsonSerializer.Serialize(new
               {
                   paymentId = "card:" + psp, tenantReference = tenant, channel = "Card", amount = Money.FormatCents(cents - centsLessInTheReport),
                   currency = "EUR", receivedOn = "2026-11-20", noticeReference = notice,
                   externalReferences = new Dictionary<string, string> { ["statementEntryId"] = "ref:adyen:batch 77 EUR", ["pspReference"] = psp },
               })) })
        {
            request.Headers.Add("Idempotency-Key", "card:" + psp);
            using var booked = await stack.LedgerOps.SendAsync(request);
            booked.StatusCode.ShouldBe(HttpStatusCode.Created, await booked.Content.ReadAsStringAsync());
        }

        using (var webhook = await stack.PostWebhookAsync(Notifications.Envelope(Notifications.Item(psp, "AUTHORISATION", cents, attempt), stack.HmacKey)))
            webhook.StatusCode.ShouldBe(HttpStatusCode.OK);

        (await stack.OneOutboxRowAsync($"payment_id = 'card:{psp}' and status <> 'Pending'")).ShouldBeTrue();
        (await stack.CountAsync($"select count(*) from ledger_outbox where payment_id = 'card:{psp}' and status = '{expected}'")).ShouldBe(1);
        var account = await stack.AccountAsync(tenant);
        account.GetProperty("credit").GetString().ShouldBe("0.00", "the money is in the ledger once");
    }
}
