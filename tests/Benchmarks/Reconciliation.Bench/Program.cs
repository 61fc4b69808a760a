using System.Diagnostics;
using System.Globalization;
using Primitives;
using NodaTime;
using Reconciliation.Bench;
using Reconciliation.Matching;
using Reconciliation.Statements;
using Reconciliation.Statements.Writers;

// Figures, not tests: dotnet run -c Release --project tests/Benchmarks/Reconciliation.Bench [-- tenants]
// Each parse is measured in a fresh process (this program started again with "parse <format> <file>") so that peak
// memory is the parser's, not the generator's.
if (args.Length == 3 && args[0] == "parse") return ParseChild.Run(args[1], args[2]);
// Match rates on the generator's month against its truth: dotnet run -c Release --project tests/Benchmarks/Reconciliation.Bench -- score
if (args.Length > 0 && args[0] == "score") return ScoreCommand.Run(args[1..]);

var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 125_000;
var dir = Path.Combine(Path.GetTempPath(), "recon-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
Directory.CreateDirectory(dir);
try
{
    var random = new Random(20261123);
    var sw = Stopwatch.StartNew();
    var landlord = new Landlord(count, random);
    var (entries, truth, kinds) = Payments.Generate(landlord, count, random);
    var opening = Money.Eur(1_000_000);
    var statement = new Statement("00012345678", "EUR", opening, Money.Eur(opening.Cents + entries.Sum(e => e.Amount.Cents)),
        new LocalDate(2026, 10, 31), new LocalDate(2026, 11, 30), entries);
    var cfonb = Path.Combine(dir, "statement.cfonb120.txt");
    var camt = Path.Combine(dir, "statement.camt053.xml");
    using (var w = new StreamWriter(cfonb)) Cfonb120Writer.Write(w, statement);
    using (var w = new StreamWriter(camt)) Camt053Writer.Write(w, [statement with { Account = "FR7630004000010001234567890" }]);
    Console.WriteLine($"generated {count:N0} tenants/notices and {entries.Count:N0} entries in {sw.Elapsed.TotalSeconds:F1} s");
    Console.WriteLine($"  CFONB 120 {new FileInfo(cfonb).Length / 1048576.0:F1} MB, camt.053 {new FileInfo(camt).Length / 1048576.0:F1} MB in {dir}");
    Console.WriteLine("  noise mix: " + string.Join(", ", kinds.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => $"{k.Key} {k.Value}")));

    foreach (var (format, path) in new[] { ("cfonb120", cfonb), ("camt053", camt) })
    {
        var psi = new ProcessStartInfo(Environment.ProcessPath!, ["parse", format, path]) { RedirectStandardOutput = true };
        using var child = Process.Start(psi)!;
        var line = child.StandardOutput.ReadToEnd().Trim();
        child.WaitForExit();
        Console.WriteLine($"parse {format,-9} (fresh process): {line}");
    }

    // Match the entries as parsed back from the camt.053 file (it carries names, IBANs and structured references).
    StatementFile parsed;
    using (var s = File.OpenRead(camt)) parsed = StatementParser.Parse(s, StatementFormat.Camt053);
    var book = MatchingBook.Of(landlord.Tenants, landlord.Notices);
    GC.Collect();
    sw.Restart();
    var engine = new MatchingEngine(book);
    var indexTime = sw.Elapsed;
    var results = engine.Match(parsed.Statements[0].Entries);
    var matchTime = sw.Elapsed - indexTime;
    Console.WriteLine($"match: index {indexTime.TotalMilliseconds:F0} ms, {results.Count:N0} entries against {landlord.Notices.Count:N0} open items in {matchTime.TotalSeconds:F2} s");

    var byId = parsed.Statements[0].Entries.ToDictionary(e => e.Id, StringComparer.Ordinal);
    int auto = 0, suggested = 0, unmatched = 0, falseAuto = 0, suggestedRight = 0;
    var falseByKind = new Dictionary<string, int>(StringComparer.Ordinal);
    foreach (var r in results)
    {
        var real = truth[byId[r.EntryId].BankReference!];
        var right = r.Allocations.Count > 0 && r.Allocations.All(a => real.Contains(a.Tenant.Value));
        switch (r.Decision)
        {
            case MatchDecision.Auto:
                auto++;
                if (!right) falseAuto++;
                break;
            case MatchDecision.Suggested:
                suggested++;
                if (right) suggestedRight++;
                break;
            default:
                unmatched++;
                break;
        }
    }
    double Pct(int x) => 100.0 * x / results.Count;
    Console.WriteLine($"decisions: auto {auto:N0} ({Pct(auto):F2} %), suggested {suggested:N0} ({Pct(suggested):F2} %), unmatched {unmatched:N0} ({Pct(unmatched):F2} %)");
    Console.WriteLine($"false automatic matches: {falseAuto:N0} = {100.0 * falseAuto / Math.Max(auto, 1):F3} % of automatic matches ({Pct(falseAuto):F3} % of entries)");
    Console.WriteLine($"suggestions pointing at the right tenant: {suggestedRight:N0} of {suggested:N0}");
    return 0;
}
finally
{
    Directory.Delete(dir, recursive: true);
}
