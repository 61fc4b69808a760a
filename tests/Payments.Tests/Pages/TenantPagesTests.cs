using System.Net;
using Payments.Tests.Support;
using Payments.Tests.Webhooks;

namespace Payments.Tests.Pages;

/// <summary>The tenant's pages against the real ledger: lookup, generic mismatch, antiforgery, other ways to pay.</summary>
public sealed class TenantPagesTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    [Fact]
    public async Task Lookup_DemoNotice_ShowsAmountDuePeriodLandlordAndPayButton()
    {
        using var client = new TenantClient(stack);
        using var response = await client.LookupAsync("100001/01", "2026-11/000001");
        var page = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.ShouldContain("512,30 €");
        page.ShouldContain("Demo Habitat");
        page.ShouldContain("novembre 2026");
        page.ShouldContain("Payer par carte");
        page.ShouldContain("action=\"/paiement/carte\"");
    }

    [Fact]
    public async Task Lookup_OtherWaysToPay_ShowTransferReferenceChequeTipEficashAndIbanWarning()
    {
        using var client = new TenantClient(stack);
        using var response = await client.LookupAsync("100001/01", "2026-11/000001");
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("FR76 3000 6000 0112 3456 7890 189"); // in groups of four, as on paper
        page.ShouldMatch("Référence à indiquer, exactement : <code>RF\\d{2}");
        page.ShouldContain("À l'ordre de <strong>Demo Habitat</strong>");
        page.ShouldContain("TIP SEPA");
        page.ShouldContain("Eficash");
        page.ShouldContain("Prélèvement automatique");
        page.ShouldContain("notre IBAN ne change jamais par courriel");
    }

    [Theory]
    [InlineData("999999/01", "2026-11/000001")]
    [InlineData("100001/01", "2026-11/999999")]
    [InlineData("100002/01", "2026-11/000001")]
    [InlineData("not a ref !", "2026-11/000001")]
    public async Task Lookup_AnyMismatch_GetsTheSameGenericAnswer(string tenant, string notice)
    {
        using var client = new TenantClient(stack);
        using var response = await client.LookupAsync(tenant, notice);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("Nous n'avons pas trouvé d'avis correspondant à ces références.");
        page.ShouldNotContain("512,30");
    }

    [Fact]
    public async Task Lookup_WithoutAntiforgeryToken_IsRefused()
    {
        using var client = new TenantClient(stack);
        using var response = await client.LookupAsync("100001/01", "2026-11/000001", withToken: false);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ReturnPage_BeforeTheWebhook_SaysConfirmationPendingAndNeverPaid()
    {
        using var client = new TenantClient(stack);
        using var start = await client.StartCheckoutAsync("100010/01", "2026-11/000010");
        start.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        await using var command = stack.PaymentsDb.CreateCommand("select attempt_id from payment_attempts where notice_reference = '2026-11/000010'");
        var attempt = (string)(await command.ExecuteScalarAsync())!;
        // What a forged return would look like: the page still only reports what the webhook said.
        var page = await client.Http.GetStringAsync($"/paiement/retour?ref={attempt}&sessionId=x&sessionResult=completed");
        page.ShouldContain("Paiement en cours de confirmation");
        page.ShouldNotContain("confirmé");
        (await stack.CountAsync($"select count(*) from payment_attempts where attempt_id = '{attempt}' and status = 'Authorised'")).ShouldBe(0);
    }
}

/// <summary>When the ledger cannot be reached, the lookup says so plainly and still shows the other ways to pay.</summary>
public sealed class LedgerDownPagesTests(StackWithoutLedger stack) : IClassFixture<StackWithoutLedger>
{
    [Fact]
    public async Task Lookup_LedgerUnreachable_SaysServiceUnavailableAndShowsOtherWays()
    {
        using var client = new TenantClient(stack);
        using var response = await client.LookupAsync("100001/01", "2026-11/000001");
        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        var page = await response.Content.ReadAsStringAsync();
        page.ShouldContain("Nous ne pouvons pas consulter votre avis pour le moment.");
        page.ShouldContain("Autres moyens de paiement");
    }
}

/// <summary>Rate limits: per client IP (policy) and per tenant reference (in the handler), both 429.</summary>
public sealed class RateLimitTests(RateLimitTests.Stack stack) : IClassFixture<RateLimitTests.Stack>
{
    public sealed class Stack : PaymentsStack
    {
        protected override bool WithLedger => false;

        protected override IEnumerable<string> ExtraPaymentsArgs => ["--RateLimits:PerIpPerMinute=8", "--RateLimits:PerTenantPerMinute=3"];
    }

    [Fact]
    public async Task Lookup_SameTenantTooOften_Then429_AndSameIpTooOften_Then429()
    {
        using var client = new TenantClient(stack);
        var statuses = new List<int>();
        for (var i = 0; i < 4; i++)
        {
            using var r = await client.LookupAsync("100001/01", $"2026-11/00000{i}");
            statuses.Add((int)r.StatusCode);
        }
        statuses.Take(3).ShouldAllBe(s => s != 429);
        statuses[3].ShouldBe(429);
        var more = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            using var r = await client.LookupAsync($"10002{i}/01", "2026-11/000001");
            more.Add((int)r.StatusCode);
        }
        more.ShouldContain(429);
        more.Count(s => s != 429).ShouldBe(4);
    }
}
