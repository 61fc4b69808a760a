using System.Text.Json;
using Primitives;

namespace RentGenerator;

/// <summary>
/// The ground truth, one JSON object per line: a summary, then every bank entry (with its transactions, their true
/// tenants, notices and amounts, noise and matchability per format), then one line per tenant with the sums a consumer
/// needs to check balances. No service reads this file.
/// </summary>
public static partial class Truth
{
    public const string MatchableRule =
        "matchable = an RF reference with valid check digits; or a tenant or notice reference as printed or differing only by spaces, " +
        "a missing slash or a dropped leading zero, confirmed by the amount due, the payer's own name (if no other tenant bears it) or a known payer IBAN the format " +
        "carries; or a known payer IBAN with the exact amount due; or a return traced by end-to-end id, cheque number or PSP reference. " +
        "A reference with one character wrong, or one that names another tenant, is never enough; neither is a name alone. " +
        "Batch credits are matchable through their detail file (cheque slip, Eficash file, settlement report, camt.054).";

    public static void Write(Stream stream, Generated g, IReadOnlyList<string> files)
    {
        using var w = new Utf8JsonWriter(stream, new JsonWriterOptions());
        void Line(Action body)
        {
            body();
            w.Flush();
            stream.WriteByte((byte)'\n');
            w.Reset(stream); // one JSON value per line: a fresh writer state, no separator between values
        }
        var sums = new Dictionary<string, TenantSums>(StringComparer.Ordinal);
        foreach (var t in g.Landlord.Tenants) sums[t.Reference.Value] = new TenantSums();
        foreach (var n in g.Landlord.Notices) sums[n.Tenant.Value].Due += n.TotalCents;
        var channels = new SortedDictionary<string, (int Count, long Cents)>(StringComparer.Ordinal);
        Line(() => Summary(w, g, files));
        foreach (var m in g.Months)
        {
            foreach (var e in m.Entries)
            {
                Line(() => Entry(w, m, e));
                foreach (var a in e.Transactions.Count > 0 ? e.Transactions.Select(x => (x.Kind, x.Channel, x.Allocations)) : [(e.Kind, e.Channel, e.Allocations)])
                {
                    Add(sums, channels, a.Kind, a.Channel, a.Allocations);
                }
            }
        }
        foreach (var t in g.Landlord.Tenants)
        {
            var s = sums[t.Reference.Value];
            Line(() =>
            {
                w.WriteStartObject();
                w.WriteString("type", "tenant");
                w.WriteString("tenant", t.Reference.Value);
                w.WriteString("channel", t.Channel.ToString());
                w.WriteString("due", Money.FormatCents(s.Due));
                w.WriteString("paid", Money.FormatCents(s.Paid));
                w.WriteStartObject("paidByChannel");
                foreach (var (c, v) in s.ByChannel.OrderBy(x => x.Key, StringComparer.Ordinal)) w.WriteString(c, Money.FormatCents(v));
                w.WriteEndObject();
                w.WriteString("reversed", Money.FormatCents(s.Reversed));
                w.WriteString("refunded", Money.FormatCents(s.Refunded));
                w.WriteString("balance", Money.FormatCents(checked(s.Due - s.Paid + s.Reversed + s.Refunded)));
                w.WriteEndObject();
            });
        }
        Line(() =>
        {
            w.WriteStartObject();
            w.WriteString("type", "totals");
            w.WriteStartObject("rentPaymentsByChannel");
            foreach (var (c, v) in channels)
            {
                w.WriteStartObject(c);
                w.WriteNumber("count", v.Count);
                w.WriteString("amount", Money.FormatCents(v.Cents));
                w.WriteEndObject();
            }
            w.WriteEndObject();
            w.WriteString("due", Money.FormatCents(sums.Values.Sum(s => s.Due)));
            w.WriteString("paid", Money.FormatCents(sums.Values.Sum(s => s.Paid)));
            w.WriteString("reversed", Money.FormatCents(sums.Values.Sum(s => s.Reversed)));
            w.WriteString("refunded", Money.FormatCents(sums.Values.Sum(s => s.Refunded)));
            w.WriteEndObject();
        });
    }

    private static void Add(Dictionary<string, TenantSums> sums, SortedDictionary<string, (int, long)> channels, string kind, Channel? channel,
        IReadOnlyList<TruthAllocation> allocations)
    {
        var total = allocations.Sum(a => a.Cents);
        foreach (var a in allocations)
        {
            var s = sums[a.Tenant];
            switch (kind)
            {
                case EntryKinds.RentPayment:
                    s.Paid += a.Cents;
                    var c = channel?.ToString() ?? "Unknown";
                    s.ByChannel[c] = s.ByChannel.GetValueOrDefault(c) + a.Cents;
                    break;
                case EntryKinds.Return: s.Reversed -= a.Cents; break;
                case EntryKinds.Refund: s.Refunded -= a.Cents; break;
            }
        }
        if (kind == EntryKinds.RentPayment && allocations.Count > 0)
        {
            var c = channel?.ToString() ?? "Unknown";
            var (n, v) = channels.GetValueOrDefault(c);
            channels[c] = (n + 1, v + total);
        }
    }

    private sealed class TenantSums
    {
        public long Due;
        public long Paid;
        public long Reversed;
        public long Refunded;
        public Dictionary<string, long> ByChannel { get; } = new(StringComparer.Ordinal);
    }
}
