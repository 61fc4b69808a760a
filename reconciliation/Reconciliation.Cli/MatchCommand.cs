using Reconciliation.Matching;
using Reconciliation.Output;

namespace Reconciliation.Cli;

/// <summary><c>recon match</c>: a dry run of the engine on a statement and an open-items CSV; nothing is stored.</summary>
internal static class MatchCommand
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(args, new HashSet<string> { "--open-items", "--statement", "--format", "--details" }, new HashSet<string> { "--json" });
        if (a.Positional.Count != 0) throw new UsageException($"unexpected argument '{a.Positional[0]}'");
        var itemsPath = a.Required("--open-items");
        var statementPath = a.Required("--statement");
        MatchingBook book;
        using (var items = File.OpenRead(itemsPath))
        {
            try { book = OpenItemsCsv.Parse(items); }
            catch (Statements.StatementFormatException ex)
            {
                stderr.WriteLine($"invalid open items {Path.GetFileName(itemsPath)}: {ReconCommand.OneLine(ex.Message)}");
                return ReconCommand.InvalidInput;
            }
        }
        // Detail files (Adyen settlement, cheque slips, Eficash) explain batch credits; their format is detected.
        var details = new List<StatementEntryDetail>();
        foreach (var path in a.All("--details"))
        {
            var detail = ReconCommand.ReadStatement(path, null);
            var kind = detail.Format switch
            {
                "adyen-settlement" => "PSP payout",
                "cheque-slip" => "cheque deposit",
                "eficash" => "Eficash remittance",
                _ => "batch",
            };
            details.AddRange(detail.Statements.SelectMany(s => s.Entries).Select(e => new StatementEntryDetail(kind, e)));
        }
        book = book with { RemittanceDetails = details };
        var file = ReconCommand.ReadStatement(statementPath, a.Get("--format"));
        foreach (var w in file.Warnings) stderr.WriteLine($"warning: {ReconCommand.OneLine(w)}");
        var entries = file.Statements.SelectMany(s => s.Entries).ToList();
        var engine = new MatchingEngine(book);
        var progress = !Console.IsErrorRedirected && ReferenceEquals(stderr, Console.Error) && entries.Count > 10_000;
        var results = new List<MatchResult>(entries.Count);
        foreach (var e in entries)
        {
            results.Add(engine.MatchEntry(e));
            if (progress && results.Count % 10_000 == 0) stderr.Write($"\rmatched {results.Count}/{entries.Count}");
        }
        if (progress) stderr.WriteLine();
        var summary = MatchJson.Summarize(results, entries.ToDictionary(e => e.Id, StringComparer.Ordinal));
        if (a.Flag("--json"))
        {
            stdout.WriteLine(MatchJson.ToJson(results, summary));
            return ReconCommand.Ok;
        }
        var byId = entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
        stdout.WriteLine($"{"entry",-28} {"amount",12}  {"decision",-9} {"conf.",5}  allocations");
        foreach (var r in results)
        {
            var alloc = string.Join("; ", r.Allocations.Select(x => $"{x.Tenant} {x.Notice?.Value ?? "credit"} {x.Amount.ToDecimalString()}"));
            var id = r.EntryId.Length > 28 ? r.EntryId[..28] : r.EntryId;
            stdout.WriteLine($"{id,-28} {byId[r.EntryId].Amount.ToDecimalString(),12}  {r.Decision.Name(),-9} {MatchJson.Percent(r.Confidence),5}  {alloc}");
            foreach (var ev in r.Evidence) stdout.WriteLine($"{"",30}- {ev}");
        }
        stdout.WriteLine();
        foreach (var s in summary) stdout.WriteLine($"{s.Decision.Name(),-9} {s.Count,7} entries {Primitives.Money.FormatCents(s.Cents),14}");
        return ReconCommand.Ok;
    }
}
