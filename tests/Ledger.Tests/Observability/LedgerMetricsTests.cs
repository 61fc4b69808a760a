using System.Net;
using System.Net.Http.Json;
using Ledger.Tests.Api;
using Tests.Shared;

namespace Ledger.Tests.Observability;

public sealed class MetricsFixture : LedgerHostFixture
{
    public const string MetricsKey = "test-metrics-key-0123456789";

    // The scraper's key: metrics:read only, no landlord.
    protected override IEnumerable<string> ExtraArgs =>
        ["--Ledger:ApiKeys:2:Name=prometheus", $"--Ledger:ApiKeys:2:Key={MetricsKey}", "--Ledger:ApiKeys:2:Scopes=metrics:read"];

    public HttpClient Root(string? key)
    {
        var client = new HttpClient { BaseAddress = new Uri(BaseAddress, "/") };
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public Task<PrometheusScrape> ScrapeAsync() => PrometheusScrape.GetAsync(new Uri(BaseAddress, "/metrics"), MetricsKey);
}

/// <summary>Ledger commands by outcome and money in suspense, scraped from <c>/metrics</c> with a metrics:read key.</summary>
[Trait("Category", "Integration")]
public sealed class LedgerMetricsTests(MetricsFixture host) : IClassFixture<MetricsFixture>
{
    private const string Commands = "ledger_commands_total";

    [Fact]
    public async Task Metrics_PaymentAcceptedRepeatedAndRejected_CountedByOutcome()
    {
        var before = await host.ScrapeAsync();
        var payment = LedgerHttp.Payment("transfer:METRICS-1", "100001/01", "12.34");
        (await host.Ops.PostPaymentAsync(payment, "transfer:METRICS-1")).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await host.Ops.PostPaymentAsync(payment, "transfer:METRICS-1")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var unknownNotice = LedgerHttp.Payment("transfer:METRICS-2", "100001/01", "12.34", notice: "2099-01/999999");
        (await host.Ops.PostPaymentAsync(unknownNotice, "transfer:METRICS-2")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var after = await host.ScrapeAsync();

        Delta(before, after, "command=RecordPayment", "outcome=accepted").ShouldBe(1);
        Delta(before, after, "command=RecordPayment", "outcome=unchanged").ShouldBe(1);
        Delta(before, after, "command=RecordPayment", "outcome=rejected", "rejection=not_found").ShouldBe(1);
        after.Samples.Where(s => s.Name == Commands).ShouldAllBe(s => !s.Labels.Values.Any(v => v.Contains("100001", StringComparison.Ordinal) || v.Contains("METRICS", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Metrics_BankLinesParked_SuspenseGaugeIsTheOpenTotalInCents()
    {
        foreach (var (id, amount) in new[] { ("METRICS-S1", "87.40"), ("METRICS-S2", "-10.05") })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "bank/suspense")
            {
                Content = JsonContent.Create(new { entryId = id, amount, currency = "EUR", valueDate = "2026-11-06", channel = "Transfer", bankAccount = "compte", reason = "payeur inconnu", by = "compta" }),
            };
            request.Headers.Add("Idempotency-Key", id);
            (await host.Ops.SendAsync(request)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        var listed = await host.Ops.GetFromJsonAsync<System.Text.Json.JsonElement>("bank/suspense");

        PrometheusScrape after = null!;
        var seen = false;
        for (var i = 0; i < 40 && !seen; i++)
        {
            after = await host.ScrapeAsync();
            seen = after.Sum("ledger_suspense_entries", "landlord=demo-habitat", "currency=EUR") == 2;
            if (!seen) await Task.Delay(100);
        }

        seen.ShouldBeTrue(after.Text);
        listed.GetProperty("total").GetString().ShouldBe("77.35");
        after.Sum("ledger_suspense_cents", "landlord=demo-habitat", "currency=EUR").ShouldBe(7735);
        Delta(new PrometheusScrape(""), after, "command=ParkInSuspense", "outcome=accepted").ShouldBe(2);
    }

    [Fact]
    public async Task Metrics_WithoutKeyOrWithoutTheScope_Refused()
    {
        using var anonymous = host.Root(null);
        using var operatorKey = host.Root(LedgerHostFixture.OpsKey);
        using var metricsKey = host.Root(MetricsFixture.MetricsKey);

        (await anonymous.GetAsync("metrics")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await operatorKey.GetAsync("metrics")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await metricsKey.GetAsync("metrics")).StatusCode.ShouldBe(HttpStatusCode.OK);
        // The scraper's key reads nothing else.
        (await metricsKey.GetAsync("landlords/demo-habitat/accounts?tenantReference=100001/01")).StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
    }

    private static double Delta(PrometheusScrape before, PrometheusScrape after, params string[] labels) =>
        after.Sum(Commands, labels) - before.Sum(Commands, labels);
}
