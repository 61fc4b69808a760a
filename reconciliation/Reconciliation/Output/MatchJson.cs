using System.Globalization;
using System.Text.Json;
using Primitives;
using Reconciliation.Matching;
using Reconciliation.Statements;

namespace Reconciliation.Output;

/// <summary>Counts and amounts per decision over a run.</summary>
public sealed record MatchSummary(MatchDecision Decision, int Count, long Cents);

/// <summary>The JSON of <c>recon match --json</c>: one result per entry, then a summary per decision.</summary>
public static class MatchJson
{
    public static IReadOnlyList<MatchSummary> Summarize(IReadOnlyList<MatchResult> results, IReadOnlyDictionary<string, StatementEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(entries);
        return Enum.GetValues<MatchDecision>().Select(d =>
        {
            var of = results.Where(r => r.Decision == d).ToList();
            return new MatchSummary(d, of.Count, of.Aggregate(0L, (a, r) => checked(a + entries[r.EntryId].Amount.Cents)));
        }).ToList();
    }

    public static string Name(this MatchDecision d) => d switch
    {
        MatchDecision.Auto => "auto",
        MatchDecision.Suggested => "suggested",
        _ => "unmatched",
    };

    public static string ToJson(IReadOnlyList<MatchResult> results, IReadOnlyList<MatchSummary> summary)
    {
        ArgumentNullException.ThrowIfNull(results);
        ArgumentNullException.ThrowIfNull(summary);
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, StatementJson.Options))
        {
            w.WriteStartObject();
            w.WriteStartArray("results");
            foreach (var r in results)
            {
                w.WriteStartObject();
                w.WriteString("entryId", r.EntryId);
                w.WriteString("decision", r.Decision.Name());
                Allocations(w, r.Allocations);
                w.WriteNumber("confidence", decimal.Divide(r.Confidence, 100m));
                w.WriteStartArray("evidence");
                foreach (var e in r.Evidence) w.WriteStringValue(e);
                w.WriteEndArray();
                if (r.Transactions.Count > 0)
                {
                    // A batch's payments, each with its own decision: the certain ones can be posted, the others reviewed.
                    w.WriteStartArray("transactions");
                    foreach (var t in r.Transactions)
                    {
                        w.WriteStartObject();
                        w.WriteNumber("index", t.Index);
                        w.WriteString("reference", t.Reference);
                        w.WriteString("decision", t.Decision.Name());
                        Allocations(w, t.Allocations);
                        w.WriteNumber("confidence", decimal.Divide(t.Confidence, 100m));
                        w.WriteStartArray("evidence");
                        foreach (var e in t.Evidence) w.WriteStringValue(e);
                        w.WriteEndArray();
                        w.WriteEndObject();
                    }
                    w.WriteEndArray();
                }
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteStartObject("summary");
            foreach (var s in summary)
            {
                w.WriteStartObject(s.Decision.Name());
                w.WriteNumber("count", s.Count);
                w.WriteString("amount", Money.FormatCents(s.Cents));
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteEndObject();
        }
        return System.Text.Encoding.UTF8.GetString(ms.ToArray());
    }

    private static void Allocations(Utf8JsonWriter w, IReadOnlyList<Allocation> allocations)
    {
        w.WriteStartArray("allocations");
        foreach (var a in allocations)
        {
            w.WriteStartObject();
            w.WriteString("tenantReference", a.Tenant.Value);
            w.WriteString("noticeReference", a.Notice?.Value);
            w.WriteString("amount", a.Amount.ToDecimalString());
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    public static string Percent(int confidence) => confidence.ToString(CultureInfo.InvariantCulture) + " %";
}
