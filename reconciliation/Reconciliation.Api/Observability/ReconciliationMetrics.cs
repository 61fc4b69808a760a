using System.Diagnostics.Metrics;
using static Observability.Tags;

namespace Reconciliation.Api.Observability;

/// <summary>
/// The reconciliation host's instruments (meter <c>Rent.Reconciliation</c>): import and matching durations, entries by
/// matching decision, and the automatic match ratio of the last import. Tags: the import's status and the decision only.
/// </summary>
public sealed class ReconciliationMetrics
{
    public const string Name = "Rent.Reconciliation";

    /// <summary>
    /// Metrics on a loopback-only listener (e.g. http://127.0.0.1:9465): this host's API keys carry no scopes (a key may import
    /// statements), so a scraper gets no key at all and reads from the machine itself.
    /// </summary>
    public const string MetricsUrlSetting = "Reconciliation:MetricsUrl";

    private readonly Histogram<double> _import;
    private readonly Histogram<double> _matching;
    private readonly Counter<long> _entries;
    private readonly Histogram<double> _phase;
    private double? _lastAutoRatio;

    public ReconciliationMetrics(IMeterFactory factory)
    {
        var meter = factory.Create(Name);
        _import = meter.CreateHistogram<double>("reconciliation.import.duration", "s",
            "A statement import from upload to its automatic matches sent to the ledger, by status (done, failed)");
        _matching = meter.CreateHistogram<double>("reconciliation.matching.duration", "s",
            "Time the matching engine spent on an import's new entries (index and matching, not storage or the ledger)");
        _phase = meter.CreateHistogram<double>("reconciliation.import.phase.duration", "s",
            "An import's time per phase (new-entries, details, known-payments, open-items, index, match, card-checks, store, drain)");
        _entries = meter.CreateCounter<long>("reconciliation.entries", "{entry}",
            "New statement entries matched, by decision (auto, suggested, unmatched)");
        meter.CreateObservableGauge("reconciliation.last_import.auto_ratio",
            () => _lastAutoRatio is { } r ? [new Measurement<double>(r)] : Array.Empty<Measurement<double>>(), "1",
            "Automatic matches / new entries of the last import finished by this process");
    }

    public void Imported(string status, TimeSpan elapsed) => _import.Record(elapsed.TotalSeconds, Tag("status", status));

    public void Phase(string phase, TimeSpan elapsed) => _phase.Record(elapsed.TotalSeconds, Tag("phase", phase));

    public void Matched(TimeSpan elapsed, int auto, int suggested, int unmatched)
    {
        _matching.Record(elapsed.TotalSeconds);
        _entries.Add(auto, Tag("decision", "auto"));
        _entries.Add(suggested, Tag("decision", "suggested"));
        _entries.Add(unmatched, Tag("decision", "unmatched"));
        var total = auto + suggested + unmatched;
        if (total > 0) _lastAutoRatio = (double)auto / total;
    }
}
