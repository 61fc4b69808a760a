using System.Net;
using Payments.Tests.Support;

namespace Payments.Tests.Security;

public sealed class LimitedStack : PaymentsStack
{
    protected override IEnumerable<string> ExtraPaymentsArgs => ["--RateLimits:PerTenantPerMinute=3"];
}

/// <summary>Issue 9, item 4: "Payer par carte" has the lookup's per-tenant limit and its generic answer.</summary>
public sealed class CheckoutOracleTests(LimitedStack stack) : IClassFixture<LimitedStack>
{
    [Fact]
    public async Task StartCheckout_WrongNotice_GetsTheLookupsGenericAnswer()
    {
        using var client = new TenantClient(stack);
        using var checkout = await client.StartCheckoutAsync("100002/01", "2026-11/999999");
        using var lookup = await client.LookupAsync("100003/01", "2026-11/999999");

        checkout.StatusCode.ShouldBe(lookup.StatusCode);
        checkout.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await checkout.Content.ReadAsStringAsync()).ShouldContain("Nous n'avons pas trouvé d'avis correspondant à ces références.");
    }

    [Fact]
    public async Task StartCheckout_WrongGuessesOverTheLimit_Get429InFrenchWithRetryAfterEvenForTheRightNotice()
    {
        using var client = new TenantClient(stack);
        for (var i = 1; i <= 3; i++)
        {
            using var wrong = await client.StartCheckoutAsync("100004/01", $"2026-11/99999{i}");
            wrong.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }

        using var locked = await client.StartCheckoutAsync("100004/01", "2026-11/000004");
        using var lookupLocked = await client.LookupAsync("100004/01", "2026-11/000004");

        locked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        lookupLocked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        var page = await locked.Content.ReadAsStringAsync();
        page.ShouldContain("<html lang=\"fr\">");
        page.ShouldContain("Trop de tentatives");
        (await stack.CountAsync("select count(*) from payment_attempts where notice_reference = '2026-11/000004'")).ShouldBe(0);
    }

    [Fact]
    public async Task Lookup_RightReferencesMoreTimesThanTheLimit_AreNeverLockedOut()
    {
        using var client = new TenantClient(stack);
        for (var i = 0; i < 6; i++)
        {
            using var response = await client.LookupAsync("100005/01", "2026-11/000005");
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }
}

/// <summary>Normalising typed references must not weaken the per-tenant limit: every variant counts against one reference.</summary>
public sealed class NormalisedLimitTests(LimitedStack stack) : IClassFixture<LimitedStack>
{
    [Fact]
    public async Task Lookup_WrongGuessesUnderTypedVariants_CountAgainstTheSameTenant()
    {
        using var client = new TenantClient(stack);
        foreach (var variant in new[] { "100013 01", "100013/1", "100013-01" })
        {
            using var wrong = await client.LookupAsync(variant, "2026-11/999999");
            wrong.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        }
        using var locked = await client.LookupAsync("100013/01", "2026-11/000013");
        locked.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
    }
}
