using System.Net;
using Reconciliation.Service.Tests.Support;
using Tests.Shared;
using ManagementListener = global::Observability.ManagementListener;

namespace Reconciliation.Service.Tests.Observability;

/// <summary>A small generated landlord, its month imported at start, with the metrics listener on loopback.</summary>
public sealed class MetricsStack : ReconStack
{
    protected override int Tenants => 80;

    protected override IEnumerable<string> ExtraReconArgs => ["--Reconciliation:MetricsUrl=http://127.0.0.1:0"];

    public Uri MetricsUrl => Recon.Services.GetRequiredService<ManagementListener>().Address!;

    public Task<PrometheusScrape> ScrapeAsync() => PrometheusScrape.GetAsync(MetricsUrl);
}

/// <summary>
/// The import's matching counts, durations and automatic ratio, scraped after a real import (recon import --json over
/// HTTP) and held to what the import itself reported.
/// </summary>
public sealed class ReconciliationMetricsTests(MetricsStack stack) : IClassFixture<MetricsStack>
{
    [Fact]
    public async Task Metrics_AfterAnImport_EntriesByDecisionDurationsAndRatioMatchTheImport()
    {
        var import = stack.FirstImport;
        var (auto, suggested, unmatched) = (import.GetProperty("auto").GetInt32(), import.GetProperty("suggested").GetInt32(), import.GetProperty("unmatched").GetInt32());
        auto.ShouldBeGreaterThan(0);

        PrometheusScrape scrape = null!;
        for (var i = 0; i < 50; i++)
        {
            scrape = await stack.ScrapeAsync();
            if (scrape.Sum("reconciliation_import_duration_seconds_count", "status=done") >= 1) break;
            await Task.Delay(100);
        }

        scrape.Sum("reconciliation_entries_total", "decision=auto").ShouldBe(auto);
        scrape.Sum("reconciliation_entries_total", "decision=suggested").ShouldBe(suggested);
        scrape.Sum("reconciliation_entries_total", "decision=unmatched").ShouldBe(unmatched);
        scrape.Sum("reconciliation_import_duration_seconds_count", "status=done").ShouldBe(1, scrape.Text);
        scrape.Sum("reconciliation_import_duration_seconds_sum", "status=done").ShouldBeGreaterThan(0);
        scrape.Sum("reconciliation_matching_duration_seconds_count").ShouldBe(1);
        // Matching is a part of the import.
        scrape.Sum("reconciliation_matching_duration_seconds_sum").ShouldBeLessThan(scrape.Sum("reconciliation_import_duration_seconds_sum"));
        scrape.Sum("reconciliation_last_import_auto_ratio").ShouldBe((double)auto / (auto + suggested + unmatched), 1e-9);
    }

    [Fact]
    public async Task Metrics_OnTheHostsOwnAddress_AreNotServedEvenWithTheImportKey()
    {
        using var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = stack.ReconUrl };
        using var withKey = stack.ImportClient();

        var refused = await anonymous.GetAsync("metrics");
        var keyed = await withKey.GetAsync("metrics");

        refused.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldNotContain("reconciliation_entries");
        keyed.StatusCode.ShouldNotBe(HttpStatusCode.OK);
        (await keyed.Content.ReadAsStringAsync()).ShouldNotContain("reconciliation_entries");
        stack.MetricsUrl.IsLoopback.ShouldBeTrue();
        stack.MetricsUrl.Port.ShouldNotBe(stack.ReconUrl.Port);
    }
}
