using System.Net;
using Payments.Tests.Support;

namespace Payments.Tests.Pages;

/// <summary>Every page and API route, including errors, answers with the security headers.</summary>
public sealed class SecurityHeadersTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    [Fact]
    public async Task EveryRoute_AnswersWithCspHstsFrameAncestorsNosniffAndReferrerPolicy()
    {
        using var client = new TenantClient(stack);
        var token = await client.TokenAsync();
        FormUrlEncodedContent Form() => new(new Dictionary<string, string>
        {
            ["tenantReference"] = "100001/01", ["noticeReference"] = "2026-11/000001", ["__RequestVerificationToken"] = token,
        });
        var requests = new List<(string Name, Func<Task<HttpResponseMessage>> Send)>
        {
            ("GET /", () => client.Http.GetAsync("/")),
            ("GET /site.css", () => client.Http.GetAsync("/site.css")),
            ("GET /health/live", () => client.Http.GetAsync("/health/live")),
            ("POST /avis", () => client.Http.PostAsync("/avis", Form())),
            ("POST /paiement/carte", () => client.Http.PostAsync("/paiement/carte", Form())),
            ("GET /paiement/retour", () => client.Http.GetAsync("/paiement/retour?ref=ATunknown")),
            ("POST /webhooks/adyen", () => client.Http.PostAsync("/webhooks/adyen", PaymentsStack.Json("{}"))),
            ("GET /ops/dead-letters", () => client.Http.GetAsync("/ops/dead-letters")),
            ("POST /ops/dead-letters/outbox/1/replay", () => client.Http.PostAsync("/ops/dead-letters/outbox/1/replay", null)),
            ("GET /nowhere (404)", () => client.Http.GetAsync("/nowhere")),
        };
        var missing = new List<string>();
        foreach (var (name, send) in requests)
        {
            using var response = await send();
            var h = response.Headers;
            var csp = h.TryGetValues("Content-Security-Policy", out var c) ? string.Join(",", c) : "";
            if (!csp.Contains("default-src 'none'", StringComparison.Ordinal) || !csp.Contains("frame-ancestors 'none'", StringComparison.Ordinal)
                || csp.Contains("script-src", StringComparison.Ordinal) || csp.Contains("http", StringComparison.Ordinal)) missing.Add($"{name}: CSP '{csp}'");
            if (!h.TryGetValues("Strict-Transport-Security", out var hsts) || !hsts.First().StartsWith("max-age=", StringComparison.Ordinal)) missing.Add($"{name}: HSTS");
            if (!h.TryGetValues("X-Content-Type-Options", out var n) || n.First() != "nosniff") missing.Add($"{name}: nosniff");
            if (!h.TryGetValues("Referrer-Policy", out var rp) || rp.First() != "no-referrer") missing.Add($"{name}: Referrer-Policy");
        }
        missing.ShouldBeEmpty();
        requests.Count.ShouldBe(10);
    }

    [Fact]
    public async Task Pages_LoadNoScriptAtAll()
    {
        using var client = new TenantClient(stack);
        using var lookup = await client.LookupAsync("100001/01", "2026-11/000001");
        var pages = new[] { await client.Http.GetStringAsync("/"), await lookup.Content.ReadAsStringAsync() };
        pages.ShouldAllBe(p => !p.Contains("<script", StringComparison.OrdinalIgnoreCase) && p.Contains("lang=\"fr\"", StringComparison.Ordinal));
    }
}
