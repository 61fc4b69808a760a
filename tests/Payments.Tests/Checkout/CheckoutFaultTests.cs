using System.Net;
using System.Text.Json;
using Payments.Tests.Support;

namespace Payments.Tests.Checkout;

/// <summary>
/// The simulator fails in the ways Adyen can (500, 503, timeout, failure after creating the session): the tenant still gets
/// one session per attempt, because every retry repeats the attempt's Idempotency-Key.
/// </summary>
[Trait("Category", "Fault")]
public sealed class CheckoutFaultTests(CheckoutFaultTests.Stack stack) : IClassFixture<CheckoutFaultTests.Stack>
{
    /// <summary>The breaker is not the subject here: these faults are few and followed by recovery.</summary>
    public sealed class Stack : PaymentsStack
    {
        protected override IEnumerable<string> ExtraPaymentsArgs => ["--Adyen:BreakerMinimumThroughput=1000"];
    }

    private static async Task<int> SessionsWithKeyAsync(PaymentsStack stack, string reference)
    {
        var sessions = await TenantClient.SimulatorSessionsAsync(stack);
        return sessions.GetProperty("sessions").EnumerateArray().Count(s => s.GetProperty("reference").GetString() == reference);
    }

    private async Task<string> AttemptOfAsync(string notice)
    {
        await using var command = stack.PaymentsDb.CreateCommand("select attempt_id from payment_attempts where notice_reference = $1 and status = 'Redirected'");
        command.Parameters.Add(new() { Value = notice });
        return (string)(await command.ExecuteScalarAsync())!;
    }

    [Theory]
    [InlineData("Http500", 2, "100002/01", "2026-11/000002")]
    [InlineData("Http503", 2, "100003/01", "2026-11/000003")]
    [InlineData("FailAfterCreate", 2, "100004/01", "2026-11/000004")]
    [InlineData("Timeout", 1, "100005/01", "2026-11/000005")]
    public async Task StartCheckout_SimulatorFailsThenRecovers_RedirectsWithOneSession(string mode, int count, string tenant, string notice)
    {
        await TenantClient.SetFaultAsync(stack, mode, count);
        using var client = new TenantClient(stack);
        using var response = await client.StartCheckoutAsync(tenant, notice);
        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await response.Content.ReadAsStringAsync());
        response.Headers.Location!.Authority.ShouldBe(stack.SimulatorUrl.Authority);
        (await SessionsWithKeyAsync(stack, await AttemptOfAsync(notice))).ShouldBe(1);
    }

    [Fact]
    public async Task StartCheckout_ClickedTwice_ReusesTheOpenAttemptAndSession()
    {
        using var client = new TenantClient(stack);
        using var first = await client.StartCheckoutAsync("100006/01", "2026-11/000006");
        using var second = await client.StartCheckoutAsync("100006/01", "2026-11/000006");
        first.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await first.Content.ReadAsStringAsync());
        second.Headers.Location.ShouldBe(first.Headers.Location);
        (await stack.CountAsync("select count(*) from payment_attempts where notice_reference = '2026-11/000006'")).ShouldBe(1);
        (await SessionsWithKeyAsync(stack, await AttemptOfAsync("2026-11/000006"))).ShouldBe(1);
    }

    [Fact]
    public async Task StartCheckout_PspAnswersWithAHostNotAllowlisted_ShowsDegradedModeAndDoesNotRedirect()
    {
        stack.Simulator.Configuration["Simulator:PublicBaseUrl"] = "https://pay.attacker.example";
        try
        {
            using var client = new TenantClient(stack);
            using var response = await client.StartCheckoutAsync("100007/01", "2026-11/000007");
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            response.Headers.Location.ShouldBeNull();
            (await response.Content.ReadAsStringAsync()).ShouldContain("temporairement indisponible");
        }
        finally
        {
            stack.Simulator.Configuration["Simulator:PublicBaseUrl"] = "";
        }
    }

    [Fact]
    public async Task StartCheckout_AmountComesFromTheLedgerNotTheForm()
    {
        using var client = new TenantClient(stack);
        using var response = await client.StartCheckoutAsync("100008/01", "2026-11/000008");
        response.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await response.Content.ReadAsStringAsync());
        // Tenant index 7: 450.00 + 7 × 12.50 rent, 95.30 + 7 × 1.00 charges, −33.00 RLS, + 42.00 SLS (i % 7 == 6 only) = 606.80.
        (await stack.CountAsync("select amount_cents from payment_attempts where notice_reference = '2026-11/000008'")).ShouldBe(60680);
    }
}

/// <summary>When the simulator keeps failing, the circuit opens: the page shows degraded mode without calling the PSP again.</summary>
[Trait("Category", "Fault")]
public sealed class CircuitBreakerTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    [Fact]
    public async Task StartCheckout_PspKeepsFailing_CircuitOpensAndPageShowsDegradedMode()
    {
        await TenantClient.SetFaultAsync(stack, "Http503", 1000);
        using var client = new TenantClient(stack);
        for (var i = 0; i < 4; i++)
        {
            using var failing = await client.StartCheckoutAsync("100009/01", "2026-11/000009");
            failing.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            (await failing.Content.ReadAsStringAsync()).ShouldContain("Le paiement par carte est temporairement indisponible");
        }
        var calls = (await TenantClient.SimulatorSessionsAsync(stack)).GetProperty("createCalls").GetInt32();
        using var open = await client.StartCheckoutAsync("100009/01", "2026-11/000009");
        open.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var page = await open.Content.ReadAsStringAsync();
        page.ShouldContain("Autres moyens de paiement");
        page.ShouldContain("RF");
        (await TenantClient.SimulatorSessionsAsync(stack)).GetProperty("createCalls").GetInt32().ShouldBe(calls);
        await TenantClient.SetFaultAsync(stack, "None", 0);
    }
}
