using System.Globalization;
using Primitives;
using NodaTime;
using Reconciliation.Matching;
using Reconciliation.Statements;
using RentGenerator;

namespace Reconciliation.Bench;

/// <summary>How the engine did on one generated month in one format, counted against the generator's truth.</summary>
public sealed record Scorecard(
    string Format, int Matchable, int MatchableAuto, int WrongTenantAuto, int Units, int Auto, int Suggested, int Unmatched,
    IReadOnlyDictionary<string, int> MissedByNoise, IReadOnlyList<string> Wrong, IReadOnlyList<string> Missed)
{
    public double MatchableRate => Matchable == 0 ? 0 : 100.0 * MatchableAuto / Matchable;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{Format,-9} matchable rent payments {Matchable,6}: automatic and right {MatchableAuto,6} ({MatchableRate:F2} %); wrong tenant automatic {WrongTenantAuto}; all units {Units}: auto {Auto}, suggested {Suggested}, unmatched {Unmatched}");
}

/// <summary>
/// Scores the engine on a generated month. A unit is a rent payment: a single entry, or one transaction of a batch
/// (collection, deposit, Eficash day, payout) through the engine's per-transaction answers. "Right" means automatic, to
/// exactly the truth's tenants and notices. "Wrong tenant" counts every automatic allocation, on any unit (rent, return,
/// refund, fee, CAF), to a tenant the truth does not name.
/// </summary>
public static class Score
{
    public static Scorecard Run(string folder, YearMonth month, string format)
    {
        var dir = Path.Combine(folder, Generator.MonthFolder(month));
        var statement = format switch
        {
            "cfonb120" => RentGenerator.Output.Cfonb,
            "camt053" => RentGenerator.Output.Camt053,
            _ => RentGenerator.Output.Mt940,
        };
        var truth = TruthReader.Read(Path.Combine(folder, RentGenerator.Output.TruthFile)).Entries
            .Where(e => e.Month == Generator.MonthFolder(month)).ToDictionary(e => e.BankReference, StringComparer.Ordinal);
        MatchingBook book;
        using (var s = File.OpenRead(Path.Combine(dir, RentGenerator.Output.OpenItems))) book = OpenItemsCsv.Parse(s);
        var details = new List<StatementEntryDetail>();
        foreach (var (file, kind) in new[] { (RentGenerator.Output.SddDetails, "direct-debit batch"), (RentGenerator.Output.ChequeSlips, "cheque deposit"),
                     (RentGenerator.Output.Eficash, "Eficash remittance"), (RentGenerator.Output.Adyen, "PSP payout") })
        {
            using var s = File.OpenRead(Path.Combine(dir, file));
            details.AddRange(StatementParser.Parse(s).Statements.SelectMany(x => x.Entries).Select(e => new StatementEntryDetail(kind, e)));
        }
        book = book with { RemittanceDetails = details, PriorPayments = Webhooks(Path.Combine(dir, RentGenerator.Output.Webhooks)) };
        List<StatementEntry> entries;
        using (var s = File.OpenRead(Path.Combine(dir, statement))) entries = StatementParser.Parse(s).Statements.SelectMany(x => x.Entries).ToList();
        var engine = new MatchingEngine(book);
        int matchable = 0, right = 0, wrong = 0, units = 0, auto = 0, suggested = 0, unmatched = 0;
        var missed = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var wrongList = new List<string>();
        var missedList = new List<string>();
        foreach (var entry in entries)
        {
            var result = engine.MatchEntry(entry);
            var t = truth[entry.BankReference!];
            var parts = new List<(string Kind, bool Matchable, IReadOnlyList<string> Noise, IReadOnlyList<TruthAllocation> Truth, MatchDecision Decision, IReadOnlyList<Allocation> Got, IReadOnlyList<string> Evidence)>();
            if (t.Transactions.Count > 0 && result.Transactions.Count == t.Transactions.Count)
            {
                for (var i = 0; i < t.Transactions.Count; i++)
                {
                    var tx = t.Transactions[i];
                    var answer = result.Transactions[i];
                    parts.Add((tx.Kind, tx.Matchable.GetValueOrDefault(format), tx.Noise, tx.Allocations, answer.Decision, answer.Allocations, answer.Evidence));
                }
            }
            else if (t.Transactions.Count == 1)
            {
                var tx = t.Transactions[0];
                parts.Add((tx.Kind, tx.Matchable.GetValueOrDefault(format), tx.Noise, tx.Allocations, result.Decision, result.Allocations, result.Evidence));
            }
            else if (t.Transactions.Count > 1)
            {
                // The batch was not split into its payments (no detail found): one unit for the wrong-tenant count, and
                // each matchable payment in it is missed.
                parts.Add((EntryKinds.Batch, false, ["batch-not-split"], t.Allocations, result.Decision, result.Allocations, result.Evidence));
                foreach (var tx in t.Transactions.Where(x => x.Kind == EntryKinds.RentPayment && x.Matchable.GetValueOrDefault(format)))
                {
                    parts.Add((tx.Kind, true, tx.Noise.Append("batch-not-split").ToList(), tx.Allocations, MatchDecision.Unmatched, [], result.Evidence));
                }
            }
            else
            {
                parts.Add((t.Kind, t.Matchable.GetValueOrDefault(format), t.Noise, t.Allocations, result.Decision, result.Allocations, result.Evidence));
            }
            foreach (var p in parts)
            {
                units++;
                if (p.Decision == MatchDecision.Auto) auto++;
                else if (p.Decision == MatchDecision.Suggested) suggested++;
                else unmatched++;
                var tenants = p.Truth.Select(a => a.Tenant).ToHashSet(StringComparer.Ordinal);
                if (p.Decision == MatchDecision.Auto && p.Got.Any(a => !tenants.Contains(a.Tenant.Value)))
                {
                    wrong++;
                    wrongList.Add($"{entry.BankReference} {p.Kind} [{string.Join(",", p.Noise)}] truth {string.Join(",", tenants)} got {string.Join(",", p.Got.Select(a => a.Tenant.Value))}");
                }
                if (p.Kind != EntryKinds.RentPayment || !p.Matchable) continue;
                matchable++;
                var isRight = p.Decision == MatchDecision.Auto && Same(p.Truth, p.Got);
                if (isRight) right++;
                else
                {
                    foreach (var n in p.Noise.DefaultIfEmpty("(none)")) missed[n] = missed.GetValueOrDefault(n) + 1;
                    missedList.Add($"{entry.BankReference} {p.Decision} [{string.Join(",", p.Noise)}] truth {string.Join(",", p.Truth.Select(a => a.Tenant + " " + a.Notice + " " + a.Cents))} got {string.Join(",", p.Got.Select(a => a.Tenant.Value + " " + a.Notice?.Value + " " + a.Amount.Cents))} :: {string.Join(" | ", p.Evidence)}");
                }
            }
        }
        return new Scorecard(format, matchable, right, wrong, units, auto, suggested, unmatched, missed, wrongList, missedList);
    }

    /// <summary>Same tenants and same notices (credit counted as a notice of its own), amounts per tenant equal.</summary>
    private static bool Same(IReadOnlyList<TruthAllocation> truth, IReadOnlyList<Allocation> got)
    {
        var a = truth.Where(x => x.Cents != 0).Select(x => (x.Tenant, x.Notice ?? "credit")).ToHashSet();
        var b = got.Where(x => x.Amount.Cents != 0).Select(x => (x.Tenant.Value, x.Notice?.Value ?? "credit")).ToHashSet();
        if (!a.SetEquals(b)) return false;
        return truth.GroupBy(x => x.Tenant).All(g => g.Sum(x => x.Cents) == got.Where(x => x.Tenant.Value == g.Key).Sum(x => x.Amount.Cents));
    }

    /// <summary>The card payments the webhook path recorded: the engine traces chargebacks back to them.</summary>
    private static List<PriorPayment> Webhooks(string path)
    {
        var list = new List<PriorPayment>();
        foreach (var line in File.ReadLines(path))
        {
            using var doc = System.Text.Json.JsonDocument.Parse(line);
            var e = doc.RootElement;
            var psp = e.GetProperty("externalReferences").GetProperty("pspReference").GetString()!;
            Money.TryParseCents(e.GetProperty("amount").GetString(), out var cents);
            list.Add(new PriorPayment(null, psp, new TenantReference(e.GetProperty("tenantReference").GetString()!),
                new NoticeReference(e.GetProperty("noticeReference").GetString()!), Money.Eur(cents),
                NodaTime.Text.LocalDatePattern.Iso.Parse(e.GetProperty("receivedOn").GetString()!).Value));
        }
        return list;
    }
}
