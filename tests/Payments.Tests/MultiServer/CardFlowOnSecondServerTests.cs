using System.Net;
using System.Text.Json;
using LocalPostgres;
using Payments.Tests.Support;

namespace Payments.Tests.MultiServer;

/// <summary>
/// Issue 10 §3: the payments host does not know where the ledger keeps a landlord. Here the ledger places the demo landlord
/// on a second PostgreSQL server (Ledger:Databases); the card flow is the same, and the payment lands on that server only.
/// (Every other test of this project runs the same flow with the landlord on the default server.)
/// </summary>
public sealed class CardFlowOnSecondServerTests(CardFlowOnSecondServerTests.Stack stack) : IClassFixture<CardFlowOnSecondServerTests.Stack>
{
    public sealed class Stack : PaymentsStack
    {
        protected override string[] LandlordsOnSecondServer => [Landlord];
    }

    [Fact]
    public async Task CardFlow_LandlordOnSecondServer_PaymentBookedThereOnly()
    {
        using var sim = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = stack.SimulatorUrl };
        using var tenant = new TenantClient(stack);
        var back = await tenant.PayByCardAsync(sim, "100015/01", "2026-11/000015");

        (await PaymentsStack.EventuallyAsync(async () =>
            (await tenant.Http.GetStringAsync(back.PathAndQuery)).Contains("Paiement confirmé", StringComparison.Ordinal), TimeSpan.FromSeconds(30))).ShouldBeTrue();
        await using var command = stack.PaymentsDb.CreateCommand("select psp_reference from payment_attempts where notice_reference = '2026-11/000015'");
        var psp = (string)(await command.ExecuteScalarAsync())!;
        (await PaymentsStack.EventuallyAsync(async () =>
            await stack.CountAsync($"select count(*) from ledger_outbox where payment_id = 'card:{psp}' and status = 'Sent'") == 1, TimeSpan.FromSeconds(30))).ShouldBeTrue();
        var payment = JsonDocument.Parse(await stack.LedgerOps.GetStringAsync($"payments/card:{psp}")).RootElement;
        payment.GetProperty("amount").GetString().ShouldNotBe("0.00");

        (await SecondLedgerServer.CountAsync(stack.SecondServer!.AdminConnectionString, $"select count(*) from ledger.mt_doc_paymentview where tenant_id = '{PaymentsStack.Landlord}' and id = 'card:{psp}'")).ShouldBe(1);
        (await SecondLedgerServer.CountAsync(stack.LedgerOwnerConnection, "select count(*) from ledger.mt_events")).ShouldBe(0);
    }
}
