using System.Globalization;
using NodaTime;
using NodaTime.Text;
using RentGenerator;

namespace Reconciliation.Bench;

/// <summary>
/// <c>score [--seeds 42,7] [--tenants 3000] [--month 2026-11]</c>: generates the month at each seed, matches it in CFONB 120,
/// camt.053 and MT940 (with its detail files and the recorded card webhooks) and prints the rates against the truth.
/// </summary>
internal static class ScoreCommand
{
    public static int Run(string[] args)
    {
        var seeds = new List<long> { 42, 7 };
        var tenants = 3000;
        var month = new YearMonth(2026, 11);
        var verbose = args.Contains("--verbose");
        var jsonOut = Benchmarks.Shared.BenchJson.Arg(args, "--json-out");
        args = args.Where(a => a != "--verbose").ToArray();
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--seeds": seeds = args[i + 1].Split(',').Select(x => long.Parse(x, CultureInfo.InvariantCulture)).ToList(); break;
                case "--tenants": tenants = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--month": month = YearMonthPattern.Iso.Parse(args[i + 1]).Value; break;
                case "--json-out": break;
                default: Console.Error.WriteLine($"unknown option {args[i]}"); return 2;
            }
        }
        var failed = false;
        var cards = new System.Text.Json.Nodes.JsonArray();
        foreach (var seed in seeds)
        {
            var dir = Path.Combine(Path.GetTempPath(), "recon-score-" + seed.ToString(CultureInfo.InvariantCulture) + "-" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture));
            try
            {
                RentGenerator.Output.WriteAll(Generator.Generate(new GeneratorOptions(seed, tenants, month)), dir);
                Console.WriteLine($"seed {seed}, {tenants} tenants, {month:yyyy-MM}:");
                foreach (var format in new[] { "cfonb120", "camt053", "mt940" })
                {
                    var card = Score.Run(dir, month, format);
                    Console.WriteLine("  " + card);
                    Console.WriteLine("    missed by noise: " + string.Join(", ", card.MissedByNoise.OrderByDescending(x => x.Value).Select(x => $"{x.Key} {x.Value}")));
                    foreach (var w in card.Wrong.Take(10)) Console.WriteLine("    WRONG " + w);
                    if (verbose) foreach (var m in card.Missed) Console.WriteLine("    missed " + m);
                    failed |= card.MatchableRate < 95 || card.WrongTenantAuto > 0;
                    cards.Add(new System.Text.Json.Nodes.JsonObject
                    {
                        ["seed"] = seed, ["format"] = format, ["matchable"] = card.Matchable, ["matchableAuto"] = card.MatchableAuto,
                        ["automaticPercent"] = Math.Round(card.MatchableRate, 3), ["wrongTenantAuto"] = card.WrongTenantAuto, ["units"] = card.Units,
                        ["auto"] = card.Auto, ["suggested"] = card.Suggested, ["unmatched"] = card.Unmatched,
                    });
                }
            }
            finally
            {
                Directory.Delete(dir, recursive: true);
            }
        }
        if (jsonOut is not null)
        {
            // The headline is the worst card: the lowest automatic rate and every wrong-tenant match of any seed and format.
            Benchmarks.Shared.BenchJson.Write(["--json-out", jsonOut], new System.Text.Json.Nodes.JsonObject
            {
                ["row"] = "match-rates", ["tenants"] = tenants, ["month"] = month.ToString("yyyy-MM", CultureInfo.InvariantCulture),
                ["automaticPercent"] = cards.Min(c => (double)c!["automaticPercent"]!), ["wrongTenantAuto"] = cards.Sum(c => (int)c!["wrongTenantAuto"]!),
                ["cards"] = cards,
            });
        }
        Console.WriteLine(failed ? "target missed: at least 95 % of matchable rent payments automatic and right, 0 on a wrong tenant" : "target met");
        return 0;
    }
}
