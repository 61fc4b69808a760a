using System.Diagnostics;
using System.Globalization;
using System.Text;
using Reconciliation.Statements.Pain002;
using Reconciliation.Statements.Writers;
using Reconciliation.Tests.Statements;

namespace Reconciliation.Tests.Fuzz;

/// <summary>
/// The pain.002 reader under the same fuzzing as the statement parsers (issue 12 §3): mutations of a three-reject report
/// (001.10) and of its 001.03 form; each mutated file parses or is refused with a reason and a location, within the bound.
/// Same replay variables (RECON_FUZZ_SEED, RECON_FUZZ_ONLY, RECON_FUZZ_COUNT).
/// </summary>
public sealed partial class ParserFuzzTests
{
    [Fact]
    public async Task ParsePain002_TenThousandMutatedFiles_ParsesOrRefusesWithAReason()
    {
        var master = Env("RECON_FUZZ_SEED") is { } s ? ulong.Parse(s, CultureInfo.InvariantCulture) : DefaultMasterSeed;
        var count = Env("RECON_FUZZ_COUNT") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : 10_000;
        var only = Env("RECON_FUZZ_ONLY") is { } o ? int.Parse(o, CultureInfo.InvariantCulture) : (int?)null;
        byte[] Seed(string version)
        {
            var w = new StringWriter();
            Pain002Writer.Write(w, Pain002ParserTests.ThreeRejects(version == "10" ? "PART" : null), version);
            return Encoding.UTF8.GetBytes(w.ToString().Replace("utf-16", "utf-8", StringComparison.Ordinal));
        }
        byte[][] seeds = [Seed("10"), Seed("03")];
        var other = SeedFiles.Value[Reconciliation.Statements.StatementFormat.Camt054][0];
        var failures = new List<string>();
        int parsed = 0, refused = 0;
        for (var i = only ?? 0; i < (only + 1 ?? count); i++)
        {
            var rng = new Mutator.SplitMix(unchecked(master * 31 + 0xA1002UL * 1_000_003 + (ulong)i * 0x9E3779B97F4A7C15UL));
            var (bytes, mutation) = Mutator.Mutate(seeds[i % seeds.Length], other, rng.Next());
            (string? Result, string? Error) outcome;
            try
            {
                outcome = await Task.Run(() => Outcome(() =>
                {
                    Pain002Parser.Looks(new MemoryStream(bytes));
                    var r = Pain002Parser.Parse(new MemoryStream(bytes));
                    return $"ok {r.Transactions.Count} transactions, {r.Rejects.Count()} rejects";
                })).WaitAsync(PerFileBound);
            }
            catch (TimeoutException)
            {
                outcome = (null, $"no answer within {PerFileBound.TotalSeconds:F0} s (hang)");
            }
            if (outcome.Error is { } e)
            {
                failures.Add(string.Create(CultureInfo.InvariantCulture, $"pain.002 case {i} (RECON_FUZZ_SEED={master} RECON_FUZZ_ONLY={i}), mutations: {mutation}\n    {e}"));
                continue;
            }
            if (outcome.Result!.StartsWith("ok", StringComparison.Ordinal)) parsed++;
            else refused++;
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"pain.002: master seed {master}: {parsed} parsed, {refused} refused with a reason, {failures.Count} failures"));
        foreach (var f in failures.Take(20)) output.WriteLine(f);
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(5)));
        if (only is null)
        {
            refused.ShouldBeGreaterThan(0);
            parsed.ShouldBeGreaterThan(0);
        }
    }
}
