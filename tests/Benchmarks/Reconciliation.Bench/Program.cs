using System.Diagnostics;
using System.Globalization;
using NodaTime;
using Reconciliation.Bench;
using Reconciliation.Matching;
using Reconciliation.Statements;
using RentGenerator;

// Figures, not tests: dotnet run -c Release --project tests/Benchmarks/Reconciliation.Bench [-- --tenants N] [-- score …]
// The inputs come from tools/RentGenerator (seed 42, November 2026, each direct debit booked as its own credit so that the
// statement has about 0.76 entries per tenant). Each parse is measured in a fresh process (this program started again with
// "parse <format> <file>") so that peak memory is the parser's, not the generator's.
if (args.Length >= 3 && args[0] == "parse") return ParseChild.Run(args[1], args[2], args.Contains("--stream"));
// Match rates on the generator's month against its truth.
if (args.Length > 0 && args[0] == "score") return ScoreCommand.Run(args[1..]);
// The matching curve at several sizes, each match in a fresh process (time and peak memory), as JSON for the report.
if (args.Length > 0 && args[0] == "match") return MatchCommand.Run(args[1..]);
if (args.Length == 2 && args[0] == "match-child") return MatchCommand.Child(args[1]);

var tenants = 165_000;
var seed = 42L;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    if (args[i] == "--tenants") tenants = int.Parse(args[i + 1], CultureInfo.InvariantCulture);
    else if (args[i] == "--seed") seed = long.Parse(args[i + 1], CultureInfo.InvariantCulture);
    else { Console.Error.WriteLine($"unknown option {args[i]}"); return 2; }
}
var month = new YearMonth(2026, 11);
var root = Path.Combine(Path.GetTempPath(), "recon-bench-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
try
{
    var sw = Stopwatch.StartNew();
    var generated = Generator.Generate(new GeneratorOptions(seed, tenants, month, SingleDirectDebits: true));
    RentGenerator.Output.WriteAll(generated, root);
    var dir = Path.Combine(root, Generator.MonthFolder(month));
    var entryCount = generated.Months[0].Entries.Count;
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"generated {tenants:N0} tenants, {generated.Months[0].OpenAtStart.Count:N0} open items, {entryCount:N0} bank entries in {sw.Elapsed.TotalSeconds:F1} s (seed {seed})"));
    foreach (var (format, file) in new[] { ("cfonb120", RentGenerator.Output.Cfonb), ("camt053", RentGenerator.Output.Camt053), ("mt940", RentGenerator.Output.Mt940) })
    {
        var path = Path.Combine(dir, file);
        foreach (var stream in new[] { false, true })
        {
            var psi = new ProcessStartInfo(Environment.ProcessPath!, stream ? ["parse", format, path, "--stream"] : ["parse", format, path]) { RedirectStandardOutput = true };
            using var child = Process.Start(psi)!;
            var line = child.StandardOutput.ReadToEnd().Trim();
            child.WaitForExit();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"parse {format,-9} {new FileInfo(path).Length / 1048576.0,6:F1} MB {(stream ? "streamed" : "whole   ")}: {line}"));
        }
    }

    // Matching: the entries as parsed from the camt.053 file, against the open items, with the month's detail files.
    var (book, entries, details) = MatchCommand.Load(dir);
    var units = entries.Sum(e => Math.Max(1, e.Transactions.Count)) + details.Sum(d => d.Entry.Transactions.Count);
    GC.Collect();
    sw.Restart();
    var engine = new MatchingEngine(book);
    var indexTime = sw.Elapsed;
    // Stopwatch sections per kind of entry (BTC and batch or not): where the matching time goes.
    var sections = new Dictionary<string, (int Count, TimeSpan Time)>(StringComparer.Ordinal);
    var results = new List<MatchResult>(entries.Count);
    var each = new Stopwatch();
    foreach (var e in entries)
    {
        each.Restart();
        results.Add(engine.MatchEntry(e));
        var kind = (e.BankTransactionCode ?? "?") + (e.Transactions.Count > 0 ? " batch" : "") + (e.Amount.Cents < 0 ? " debit" : "");
        var (n, t) = sections.GetValueOrDefault(kind);
        sections[kind] = (n + 1, t + each.Elapsed);
    }
    var matchTime = sw.Elapsed - indexTime;
    foreach (var (k, (n, t)) in sections.OrderByDescending(x => x.Value.Time))
    {
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {k,-28} {n,8:N0} entries {t.TotalMilliseconds,9:F0} ms"));
    }
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"match: index {indexTime.TotalMilliseconds:F0} ms, {entries.Count:N0} entries (about {units:N0} payments) against {book.Notices.Count:N0} open items in {matchTime.TotalSeconds:F2} s; auto {results.Count(r => r.Decision == MatchDecision.Auto):N0}"));
    return 0;
}
finally
{
    if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
}
