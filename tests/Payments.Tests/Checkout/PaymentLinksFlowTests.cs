using System.Net;
using Payments.Tests.Support;

namespace Payments.Tests.Checkout;

/// <summary>With <c>Adyen:Flow=PaymentLinks</c> the host asks for a Pay by Link URL instead of a hosted session.</summary>
public sealed class PaymentLinksFlowTests(PaymentLinksFlowTests.Stack stack) : IClassFixture<PaymentLinksFlowTests.Stack>
{
    public sealed class Stack : PaymentsStack
    {
        protected override IEnumerable<string> ExtraPaymentsArgs => ["--Adyen:Flow=PaymentLinks"];
    }

    [Fact]
    public async Task StartCheckout_PaymentLinksFlow_RedirectsToAPaymentLink()
    {
        using var client = new TenantClient(stack);
        using var response = await client.StartCheckoutAsync("100016/01", "2026-11/000016");
        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        response.Headers.Location!.AbsolutePath.ShouldStartWith("/checkout/PL");
        var sessions = await TenantClient.SimulatorSessionsAsync(stack);
        sessions.GetProperty("sessions").EnumerateArray().ShouldContain(s => s.GetProperty("id").GetString()!.StartsWith("PL", StringComparison.Ordinal));
    }
}
