using System.Diagnostics.Metrics;
using Npgsql;
using Observability;
using static Observability.Tags;

namespace Payments.Api.Observability;

/// <summary>
/// The payments host's instruments (meter <c>Rent.Payments</c>). Tags are closed sets of our own words (an outcome, a refusal
/// reason, a queue, an Adyen event code after the signature was verified): never a tenant, a reference or an amount.
/// </summary>
public sealed class PaymentsMetrics
{
    public const string Name = "Rent.Payments";

    /// <summary>
    /// The payments host is public: its metrics are served only by a second listener on loopback (e.g. http://127.0.0.1:9464),
    /// never on the address tenants and Adyen reach.
    /// </summary>
    public const string MetricsUrlSetting = "Payments:MetricsUrl";

    private readonly Counter<long> _requests;
    private readonly Counter<long> _items;
    private readonly Counter<long> _deadLettered;
    private readonly CachedReading<QueueSnapshot> _queues;

    public PaymentsMetrics(IMeterFactory factory, NpgsqlDataSource db, TimeProvider time, ILogger<PaymentsMetrics> logger)
    {
        var meter = factory.Create(Name);
        _requests = meter.CreateCounter<long>("payments.webhook.requests", "{request}",
            "Adyen webhook deliveries answered, by outcome (accepted, refused) and refusal reason");
        _items = meter.CreateCounter<long>("payments.webhook.items", "{item}",
            "Notification items of accepted deliveries, by event code and whether the inbox already had them");
        _deadLettered = meter.CreateCounter<long>("payments.dead_lettered", "{item}",
            "Items moved to the dead-letter (or review) state, by queue: an operator has to look");
        _queues = new CachedReading<QueueSnapshot>(() => QueueSnapshot.Read(db, time), TimeSpan.FromSeconds(1), time, logger);
        meter.CreateObservableGauge("payments.inbox.depth", () => Gauge(s => s.InboxPending), "{item}",
            "Verified webhook items waiting to be turned into ledger commands");
        meter.CreateObservableGauge("payments.inbox.oldest_age", () => Gauge(s => s.InboxOldestSeconds), "s",
            "Age of the oldest waiting inbox item (0 when none waits)");
        meter.CreateObservableGauge("payments.outbox.depth", () => Gauge(s => s.OutboxPending), "{command}",
            "Ledger commands waiting to be sent (the ledger down or slow makes it grow)");
        meter.CreateObservableGauge("payments.outbox.oldest_age", () => Gauge(s => s.OutboxOldestSeconds), "s",
            "Age of the oldest waiting outbox command (0 when none waits)");
        meter.CreateObservableGauge("payments.dead_letters", DeadLetters, "{item}",
            "Items in the dead-letter state now, by queue (inbox, outbox) and items waiting for review (review)");
    }

    public void WebhookAccepted(IEnumerable<(string EventCode, bool New)> items)
    {
        _requests.Add(1, Tag("outcome", "accepted"));
        foreach (var (eventCode, fresh) in items)
        {
            _items.Add(1, Tag("event_code", eventCode), Tag("stored", fresh ? "new" : "duplicate"));
        }
    }

    /// <summary><paramref name="reason"/> is one of <see cref="RefusalReasons"/>.</summary>
    public void WebhookRefused(string reason) =>
        _requests.Add(1, Tag("outcome", "refused"), Tag("reason", reason));

    /// <summary><paramref name="queue"/>: inbox, review or outbox.</summary>
    public void DeadLettered(string queue) => _deadLettered.Add(1, Tag("queue", queue));

    private Measurement<double>[] Gauge(Func<QueueSnapshot, double> value) =>
        _queues.Current is { } s ? [new(value(s))] : [];

    private Measurement<long>[] DeadLetters() =>
        _queues.Current is { } s
            ? [new(s.InboxDead, [Tag("queue", "inbox")]), new(s.Review, [Tag("queue", "review")]), new(s.OutboxDead, [Tag("queue", "outbox")])]
            : [];
}

/// <summary>The refusal reasons of <c>POST /webhooks/adyen</c>, as metric tag values.</summary>
public static class RefusalReasons
{
    public const string BasicAuth = "basic_auth";
    public const string TooLarge = "too_large";
    public const string NotUtf8 = "not_utf8";
    public const string NotEnvelope = "not_envelope";
    public const string LiveFlag = "live_flag";
    public const string MerchantAccount = "merchant_account";
    public const string Signature = "signature";
}
