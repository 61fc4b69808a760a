using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using Benchmarks.Shared;
using NodaTime;
using Reconciliation.Matching;
using Reconciliation.Statements;
using RentGenerator;

namespace Reconciliation.Bench;

/// <summary>
/// <c>match --sizes 13200,66000,165000 [--runs N] [--json-out FILE]</c>: the matching curve of issue 10. For each size
/// (tenants; about 0.76 bank entries each) the month is generated once, then matched in a fresh process per run
/// (<c>match-child DIR</c>) so that its peak memory is the matching's (book, parsed statement, index, results), not the
/// generator's. Time = index build + matching every entry of the camt.053, as in the default mode.
/// </summary>
internal static class MatchCommand
{
    public static int Run(string[] args)
    {
        var sizes = (BenchJson.Arg(args, "--sizes") ?? "13200,66000,165000").Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        var runs = BenchJson.Runs(args);
        var month = new YearMonth(2026, 11);
        var points = new JsonArray();
        foreach (var tenants in sizes)
        {
            var root = Path.Combine(Path.GetTempPath(), $"recon-match-{tenants}-{Environment.ProcessId}");
            try
            {
                RentGenerator.Output.WriteAll(Generator.Generate(new GeneratorOptions(42, tenants, month, SingleDirectDebits: true)), root);
                var dir = Path.Combine(root, Generator.MonthFolder(month));
                var seconds = new List<double>();
                var peak = new List<double>();
                JsonObject? last = null;
                for (var r = 0; r < runs; r++)
                {
                    var psi = new ProcessStartInfo(Environment.ProcessPath!, ["match-child", dir]) { RedirectStandardOutput = true };
                    using var child = Process.Start(psi)!;
                    var line = child.StandardOutput.ReadToEnd().Trim();
                    child.WaitForExit();
                    if (child.ExitCode != 0) throw new InvalidOperationException($"match-child failed at {tenants} tenants: {line}");
                    last = (JsonObject)JsonNode.Parse(line.Split('\n')[^1])!;
                    seconds.Add((double)last["seconds"]!);
                    peak.Add((double)last["peakMb"]!);
                    Console.WriteLine($"match {tenants} tenants, run {r + 1}: {line}");
                }
                var point = new JsonObject
                {
                    ["tenants"] = tenants, ["entries"] = (int)last!["entries"]!, ["openItems"] = (int)last["openItems"]!, ["auto"] = (int)last["auto"]!,
                    ["peakMb"] = peak.Max(),
                };
                points.Add(point.WithRuns("Seconds", seconds));
            }
            finally
            {
                if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
            }
        }
        BenchJson.Write(args, new JsonObject { ["row"] = "match", ["sizes"] = points });
        return 0;
    }

    /// <summary>The open items with the month's detail files, and the entries as parsed from its camt.053.</summary>
    public static (MatchingBook Book, List<StatementEntry> Entries, List<StatementEntryDetail> Details) Load(string dir)
    {
        MatchingBook book;
        using (var s = File.OpenRead(Path.Combine(dir, RentGenerator.Output.OpenItems))) book = OpenItemsCsv.Parse(s);
        var details = new List<StatementEntryDetail>();
        foreach (var f in new[] { RentGenerator.Output.ChequeSlips, RentGenerator.Output.Eficash, RentGenerator.Output.Adyen })
        {
            using var s = File.OpenRead(Path.Combine(dir, f));
            details.AddRange(StatementParser.Parse(s).Statements.SelectMany(x => x.Entries).Select(e => new StatementEntryDetail(f, e)));
        }
        List<StatementEntry> entries;
        using (var s = File.OpenRead(Path.Combine(dir, RentGenerator.Output.Camt053))) entries = StatementParser.Parse(s).Statements.SelectMany(x => x.Entries).ToList();
        return (book with { RemittanceDetails = details }, entries, details);
    }

    /// <summary>One match of a generated month folder in this process; prints one JSON line.</summary>
    public static int Child(string dir)
    {
        var (book, entries, _) = Load(dir);
        var sw = Stopwatch.StartNew();
        var engine = new MatchingEngine(book);
        var index = sw.Elapsed.TotalSeconds;
        var auto = 0;
        foreach (var e in entries) if (engine.MatchEntry(e).Decision == MatchDecision.Auto) auto++;
        var seconds = sw.Elapsed.TotalSeconds;
        Console.WriteLine(new JsonObject
        {
            ["entries"] = entries.Count, ["openItems"] = book.Notices.Count, ["auto"] = auto, ["indexSeconds"] = Math.Round(index, 4),
            ["seconds"] = Math.Round(seconds, 4), ["peakMb"] = Math.Round(BenchJson.PeakMb(), 1),
        }.ToJsonString());
        return 0;
    }
}
