using System.Text.Json;

namespace RentGenerator;

/// <summary>A truth line read back: for consumers (tests, the benchmark's score, an end-to-end test) that check results against it.</summary>
public sealed record TruthEntry(
    string Month, string BankReference, string Date, long Cents, string Kind, string What, string? Channel, string? Tenant,
    IReadOnlyList<string> Noise, IReadOnlyDictionary<string, bool> Matchable, IReadOnlyList<TruthAllocation> Allocations,
    string? DetailFile, string? DetailReference, IReadOnlyList<TruthTransaction> Transactions);

public sealed record TruthTransaction(
    string Reference, long Cents, string Kind, string? Channel, string? Tenant, IReadOnlyList<string> Noise,
    IReadOnlyDictionary<string, bool> Matchable, IReadOnlyList<TruthAllocation> Allocations);

public sealed record TruthTenant(string Tenant, string Channel, long Due, long Paid, IReadOnlyDictionary<string, long> PaidByChannel,
    long Reversed, long Refunded, long Balance);

public sealed record TruthData(JsonElement Summary, IReadOnlyList<TruthEntry> Entries, IReadOnlyList<TruthTenant> Tenants, JsonElement Totals);

public static class TruthReader
{
    public static TruthData Read(string path)
    {
        var entries = new List<TruthEntry>();
        var tenants = new List<TruthTenant>();
        JsonElement summary = default, totals = default;
        foreach (var line in File.ReadLines(path))
        {
            using var doc = JsonDocument.Parse(line);
            var e = doc.RootElement;
            switch (e.GetProperty("type").GetString())
            {
                case "summary": summary = e.Clone(); break;
                case "totals": totals = e.Clone(); break;
                case "tenant":
                    tenants.Add(new TruthTenant(S(e, "tenant")!, S(e, "channel")!, C(e, "due"), C(e, "paid"),
                        e.GetProperty("paidByChannel").EnumerateObject().ToDictionary(p => p.Name, p => Cents(p.Value.GetString()!), StringComparer.Ordinal),
                        C(e, "reversed"), C(e, "refunded"), C(e, "balance")));
                    break;
                case "entry":
                    entries.Add(new TruthEntry(S(e, "month")!, S(e, "bankReference")!, S(e, "date")!, C(e, "amount"), S(e, "kind")!, S(e, "what")!,
                        S(e, "channel"), S(e, "tenant"), Strings(e, "noise"), Flags(e), Allocations(e), S(e, "detailFile"), S(e, "detailReference"),
                        e.TryGetProperty("transactions", out var txs)
                            ? txs.EnumerateArray().Select(t => new TruthTransaction(S(t, "reference")!, C(t, "amount"), S(t, "kind")!, S(t, "channel"),
                                S(t, "tenant"), Strings(t, "noise"), Flags(t), Allocations(t))).ToList()
                            : []));
                    break;
            }
        }
        return new TruthData(summary, entries, tenants, totals);
    }

    private static string? S(JsonElement e, string name) => e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static long C(JsonElement e, string name) => Cents(e.GetProperty(name).GetString()!);

    private static long Cents(string s) => Primitives.Money.TryParseCents(s, out var c) ? c : throw new FormatException($"not an amount: {s}");

    private static List<string> Strings(JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) ? v.EnumerateArray().Select(x => x.GetString()!).ToList() : [];

    private static Dictionary<string, bool> Flags(JsonElement e) =>
        e.TryGetProperty("matchable", out var v) ? v.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetBoolean(), StringComparer.Ordinal) : [];

    private static List<TruthAllocation> Allocations(JsonElement e) =>
        e.GetProperty("allocations").EnumerateArray()
            .Select(a => new TruthAllocation(S(a, "tenant")!, S(a, "notice"), C(a, "amount"))).ToList();
}
