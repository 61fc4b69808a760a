using System.Net;
using Payments.Tests.Support;
using Tests.Shared;
using ManagementListener = global::Observability.ManagementListener;

namespace Payments.Tests.Observability;

/// <summary>The payments host with its metrics listener on loopback (port chosen at start) and no ledger (the outbox waits).</summary>
public sealed class StackWithMetrics : PaymentsStack
{
    protected override bool WithLedger => false;

    protected override IEnumerable<string> ExtraPaymentsArgs => ["--Payments:MetricsUrl=http://127.0.0.1:0"];

    public Uri MetricsUrl => Payments.Services.GetRequiredService<ManagementListener>().Address!;

    public Task<PrometheusScrape> ScrapeAsync() => PrometheusScrape.GetAsync(MetricsUrl);
}

/// <summary>
/// Webhooks accepted and refused by reason, dead letters and the outbox gauges, read the way Prometheus reads them: over
/// the loopback management listener, never on the public address.
/// </summary>
public sealed class PaymentsMetricsTests(StackWithMetrics stack) : IClassFixture<StackWithMetrics>
{
    private const string Requests = "payments_webhook_requests_total";

    [Fact]
    public async Task Metrics_WebhooksAcceptedAndRefused_CountedByOutcomeAndReason()
    {
        var before = await stack.ScrapeAsync();
        var refund = Notifications.Item("METRICSREFUND001", "REFUND", 1000, original: "METRICSPAYMENT01");
        using var accepted = await stack.PostWebhookAsync(Notifications.Envelope(refund, stack.HmacKey));
        var forged = Notifications.Item("METRICSFORGED001", "AUTHORISATION", 51230);
        using var badSignature = await stack.PostWebhookAsync(Notifications.Envelope(forged, stack.HmacKey, signatureOverride: Convert.ToBase64String(new byte[32])));
        using var badPassword = await stack.PostWebhookAsync(Notifications.Envelope(refund, stack.HmacKey), password: "not-the-password");
        using var again = await stack.PostWebhookAsync(Notifications.Envelope(refund, stack.HmacKey));
        accepted.StatusCode.ShouldBe(HttpStatusCode.OK);
        badSignature.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        badPassword.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);

        var after = await stack.ScrapeAsync();

        Delta(before, after, Requests, "outcome=accepted").ShouldBe(2);
        Delta(before, after, Requests, "outcome=refused", "reason=signature").ShouldBe(1);
        Delta(before, after, Requests, "outcome=refused", "reason=basic_auth").ShouldBe(1);
        Delta(before, after, Requests, "outcome=refused").ShouldBe(2);
        Delta(before, after, "payments_webhook_items_total", "event_code=REFUND", "stored=new").ShouldBe(1);
        Delta(before, after, "payments_webhook_items_total", "event_code=REFUND", "stored=duplicate").ShouldBe(1);
    }

    [Fact]
    public async Task Metrics_LedgerDownAndUnknownAttempt_OutboxWaitsAndInboxDeadLetters()
    {
        var before = await stack.ScrapeAsync();
        // A refund becomes a ledger command that waits (no ledger); an authorisation of no attempt of ours is dead-lettered.
        var refund = Notifications.Item("METRICSREFUND002", "REFUND", 1000, original: "METRICSPAYMENT02");
        var stray = Notifications.Item("METRICSSTRAY0001", "AUTHORISATION", 51230, merchantReference: "AT-nobody");
        (await stack.PostWebhookAsync(Notifications.Envelope(refund, stack.HmacKey))).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stack.PostWebhookAsync(Notifications.Envelope(stray, stack.HmacKey))).StatusCode.ShouldBe(HttpStatusCode.OK);

        PrometheusScrape after = before;
        (await PaymentsStack.EventuallyAsync(async () =>
        {
            after = await stack.ScrapeAsync();
            return Delta(before, after, "payments_dead_lettered_total", "queue=inbox") >= 1 && after.Sum("payments_outbox_depth") >= 1
                && after.Sum("payments_outbox_oldest_age_seconds") > 0;
        }, TimeSpan.FromSeconds(20))).ShouldBeTrue(after.Text);

        Delta(before, after, "payments_dead_lettered_total", "queue=inbox").ShouldBe(1);
        after.Sum("payments_dead_letters", "queue=inbox").ShouldBe(await stack.CountAsync("select count(*) from webhook_inbox where status = 'DeadLetter'"));
        after.Sum("payments_outbox_depth").ShouldBe(await stack.CountAsync("select count(*) from ledger_outbox where status = 'Pending'"));
        after.Has("payments_inbox_depth").ShouldBeTrue();
        after.Has("payments_inbox_oldest_age_seconds").ShouldBeTrue();
        // Labels are our own words: no reference, amount or tenant ever becomes a label.
        foreach (var s in after.Samples.Where(s => s.Name.StartsWith("payments_", StringComparison.Ordinal)))
        {
            s.Labels.Values.ShouldNotContain(v => v.Contains("METRICS", StringComparison.Ordinal) || v.Contains("AT-", StringComparison.Ordinal) || v.Contains("1000", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task Metrics_OnThePublicAddress_AreNotServed()
    {
        using var http = new HttpClient { BaseAddress = stack.PaymentsUrl };
        using var response = await http.GetAsync("metrics");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("payments_webhook");
        stack.MetricsUrl.Port.ShouldNotBe(stack.PaymentsUrl.Port);
        IPAddress.IsLoopback(IPAddress.Parse(stack.MetricsUrl.Host)).ShouldBeTrue();
    }

    [Theory]
    [InlineData("http://0.0.0.0:9464")]
    [InlineData("http://192.0.2.10:9464")]
    [InlineData("https://127.0.0.1:9464")]
    public void Metrics_ListenerOffLoopback_RefusedAtStartUp(string url)
    {
        var error = Should.Throw<InvalidOperationException>(() => Api.PaymentsApp.Build([
            "--urls=http://127.0.0.1:0", "--ConnectionStrings:Payments=Host=127.0.0.1;Username=x;Password=y",
            "--Adyen:Environment=Test", "--Adyen:ApiKey=unused", "--Adyen:MerchantAccount=M", $"--Adyen:HmacKeys:0={stack.HmacKey}",
            "--Adyen:WebhookUser=u", "--Adyen:WebhookPassword=password-1234",
            "--Ledger:BaseUrl=http://127.0.0.1:9/", "--Ledger:ApiKey=unused", "--Ledger:LandlordId=demo-habitat",
            "--Payments:PublicBaseUrl=http://127.0.0.1", $"--Payments:MetricsUrl={url}",
        ]));
        error.Message.ShouldContain("Payments:MetricsUrl");
    }

    private static double Delta(PrometheusScrape before, PrometheusScrape after, string name, params string[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);
}
