using System.Diagnostics;
using System.Net;
using Payments.Tests.Support;

namespace Payments.Tests.Pages;

/// <summary>Issue 9, tenant pages: the notice page is a GET after a POST-redirect-GET, from a signed token.</summary>
public sealed class NoticeLinkTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    [Fact]
    public async Task Lookup_FoundNotice_Is303ToAGetWhoseUrlHoldsNoReference()
    {
        using var client = new TenantClient(stack);
        using var posted = await client.PostLookupAsync("100018 01", "2026/11/000018");
        posted.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        var location = posted.Headers.Location!.ToString();
        location.ShouldStartWith("/avis?t=");
        location.ShouldNotContain("100018");
        location.ShouldNotContain("000018");
        using var page = await client.Http.GetAsync(location);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await page.Content.ReadAsStringAsync()).ShouldContain("2026-11/000018");
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    public async Task NoticePage_MissingOrForgedToken_ShowsTheFormAgainAndNoNotice(string token)
    {
        using var client = new TenantClient(stack);
        var page = await client.Http.GetStringAsync($"/avis?t={token}");
        page.ShouldContain("Ce lien a expiré.");
        page.ShouldContain("action=\"/avis\"");
        page.ShouldNotContain("montant-du");
    }

    [Fact]
    public async Task NoticePage_TokenWithOneCharacterChanged_IsRefused()
    {
        using var client = new TenantClient(stack);
        using var posted = await client.PostLookupAsync("100019/01", "2026-11/000019");
        var location = posted.Headers.Location!.ToString();
        var last = location[^1];
        var edited = location[..^1] + (last == 'A' ? 'B' : 'A');
        (await client.Http.GetStringAsync(edited)).ShouldNotContain("montant-du");
    }
}

/// <summary>Issue 9: when the PSP times out, the whole wait a tenant sees, retries included, stays about 5 s.</summary>
public sealed class CheckoutTotalTimeoutTests(CheckoutTotalTimeoutTests.Stack stack) : IClassFixture<CheckoutTotalTimeoutTests.Stack>
{
    /// <summary>3 s per call: three calls (one try, two retries) would take over 9 s without the total bound.</summary>
    public sealed class Stack : PaymentsStack
    {
        protected override IEnumerable<string> ExtraPaymentsArgs => ["--Adyen:AttemptTimeout=00:00:03", "--Adyen:BreakerMinimumThroughput=1000"];
    }

    [Fact]
    public async Task StartCheckout_PspTimesOutEveryTime_DegradedModeWithAmountWithinTheTotalTimeout()
    {
        using var client = new TenantClient(stack);
        // Warm the host first (JIT, connections, the first render), so that the figure is the PSP wait and not start-up.
        using (var warm = await client.StartCheckoutAsync("100017/01", "2026-11/000017")) warm.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        await TenantClient.SetFaultAsync(stack, "Timeout", 1000);
        try
        {
            var token = await client.TokenAsync();
            var watch = Stopwatch.StartNew();
            using var response = await client.Http.PostAsync("/paiement/carte", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["tenantReference"] = "100020/01", ["noticeReference"] = "2026-11/000020", ["__RequestVerificationToken"] = token,
            }));
            watch.Stop();
            File.AppendAllText(Path.Combine(TestPaths.ArtifactsDir("perf"), "figures.txt"),
                $"checkout with the PSP timing out (3 s per call, 2 retries): tenant waited {watch.Elapsed.TotalSeconds:F1} s{Environment.NewLine}");
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var page = await response.Content.ReadAsStringAsync();
            page.ShouldContain("id=\"montant-du\"");
            page.ShouldContain("2026-11/000020");
            page.ShouldContain("Réessayer le paiement par carte");
            // 5 s bound plus the page; without it, 3 × 3 s of calls and the back-off.
            watch.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(7.5));
        }
        finally
        {
            await TenantClient.SetFaultAsync(stack, "None", 0);
        }
    }
}
