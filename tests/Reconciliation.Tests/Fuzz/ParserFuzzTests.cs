using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using Reconciliation.Statements;
using RentGenerator;
using Xunit.Abstractions;

namespace Reconciliation.Tests.Fuzz;

/// <summary>
/// Issue 11 §1, parser fuzzing: 10,000 seeded mutations of small seed files per statement format. Every file either
/// parses or is refused with <see cref="StatementFormatException"/> whose reason is non-empty and whose location names a
/// line or an element; nothing else may escape (no IndexOutOfRange, Overflow, DomainValidation…), and no file may take
/// longer than the per-file bound. The same file is read whole and streamed (the two must agree) and its format detected.
/// Replay: RECON_FUZZ_SEED (the master seed printed) and RECON_FUZZ_ONLY (the case index) run one case;
/// RECON_FUZZ_COUNT changes the number of cases (default 10,000).
/// </summary>
[Trait("Category", "Fault")]
public sealed partial class ParserFuzzTests(ITestOutputHelper output)
{
    private const ulong DefaultMasterSeed = 20261202;
    private static readonly TimeSpan PerFileBound = TimeSpan.FromSeconds(5);
    private static readonly Lazy<Dictionary<StatementFormat, List<byte[]>>> SeedFiles = new(LoadSeeds);

    [GeneratedRegex(@"^(line \d+|element \S)", RegexOptions.CultureInvariant)]
    private static partial Regex LocationShape();

    [Theory]
    [InlineData(StatementFormat.Cfonb120)]
    [InlineData(StatementFormat.Camt053)]
    [InlineData(StatementFormat.Camt054)]
    [InlineData(StatementFormat.Mt940)]
    [InlineData(StatementFormat.AdyenSettlement)]
    [InlineData(StatementFormat.ChequeSlip)]
    [InlineData(StatementFormat.Eficash)]
    public async Task Parse_TenThousandMutatedFiles_ParsesOrRefusesWithAReason(StatementFormat format)
    {
        var master = Env("RECON_FUZZ_SEED") is { } s ? ulong.Parse(s, CultureInfo.InvariantCulture) : DefaultMasterSeed;
        var count = Env("RECON_FUZZ_COUNT") is { } c ? int.Parse(c, CultureInfo.InvariantCulture) : 10_000;
        var only = Env("RECON_FUZZ_ONLY") is { } o ? int.Parse(o, CultureInfo.InvariantCulture) : (int?)null;
        var seeds = SeedFiles.Value[format];
        var other = SeedFiles.Value[format == StatementFormat.Mt940 ? StatementFormat.Cfonb120 : StatementFormat.Mt940][0];
        var failures = new List<string>();
        int parsed = 0, refused = 0;
        var slowest = TimeSpan.Zero;
        var total = Stopwatch.StartNew();
        for (var i = only ?? 0; i < (only + 1 ?? count); i++)
        {
            var caseSeed = CaseSeed(master, format, i);
            var (bytes, mutation) = Mutator.Mutate(seeds[i % seeds.Count], other, caseSeed);
            var sw = Stopwatch.StartNew();
            (bool Parsed, string? Failure) result;
            try
            {
                result = await Task.Run(() => Check(format, bytes)).WaitAsync(PerFileBound);
            }
            catch (TimeoutException)
            {
                result = (false, $"no answer within {PerFileBound.TotalSeconds:F0} s (hang)");
            }
            var failure = result.Failure;
            sw.Stop();
            if (sw.Elapsed > slowest) slowest = sw.Elapsed;
            if (failure is null)
            {
                if (result.Parsed) parsed++;
                else refused++;
                continue;
            }
            failures.Add(string.Create(CultureInfo.InvariantCulture,
                $"{format.ToName()} case {i} (RECON_FUZZ_SEED={master} RECON_FUZZ_ONLY={i}), seed file {i % seeds.Count}, mutations: {mutation}\n    {failure}"));
        }
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{format.ToName()}: master seed {master}, {parsed + refused + failures.Count} files from {seeds.Count} seed file(s): {parsed} parsed, {refused} refused with a reason, {failures.Count} failures; slowest file {slowest.TotalMilliseconds:F0} ms, total {total.Elapsed.TotalSeconds:F1} s"));
        foreach (var f in failures.Take(20)) output.WriteLine(f);
        failures.ShouldBeEmpty(string.Join("\n", failures.Take(5)));
        (parsed + refused).ShouldBe(only is null ? count : 1);
        if (only is null) refused.ShouldBeGreaterThan(0); // the mutations reach the parser's checks, not only comments
    }

    /// <summary>The oracle: whole, streamed and auto-detected reads of one file.</summary>
    private static (bool Parsed, string? Failure) Check(StatementFormat format, byte[] bytes)
    {
        var whole = Outcome(() =>
        {
            var file = StatementParser.Parse(new MemoryStream(bytes), format);
            return Describe(file.Statements.Select(x => x.Entries.Count), file.Warnings.Count);
        });
        var streamed = Outcome(() =>
        {
            using var reader = StatementParser.Open(new MemoryStream(bytes), format);
            var n = 0;
            foreach (var _ in reader.Entries()) n++;
            reader.Statements.Sum(x => x.EntryCount).ShouldBe(n);
            return Describe(reader.Statements.Select(x => x.EntryCount), reader.Warnings.Count);
        });
        // Auto-detection differs from the explicit read only by Detect: it must answer or refuse like a parser.
        var detected = Outcome(() => StatementParser.Detect(new MemoryStream(bytes)).ToName());
        foreach (var (what, o) in new[] { ("whole", whole), ("streamed", streamed), ("auto-detected", detected) })
        {
            if (o.Error is { } e) return (false, $"{what}: {e}");
        }
        if (whole.Result != streamed.Result) return (false, $"whole and streamed reads differ: {whole.Result} / {streamed.Result}");
        return (whole.Result!.StartsWith("ok", StringComparison.Ordinal), null);
    }

    private static string Describe(IEnumerable<int> entriesPerStatement, int warnings) =>
        $"ok {string.Join(",", entriesPerStatement)} entries, {warnings} warnings";

    /// <summary>A result, a documented refusal (as text), or the error that makes the case fail.</summary>
    private static (string? Result, string? Error) Outcome(Func<string> read)
    {
        try
        {
            return (read(), null);
        }
        catch (StatementFormatException ex)
        {
            if (string.IsNullOrWhiteSpace(ex.Reason)) return (null, $"refusal without a reason at '{ex.Location}'");
            if (!LocationShape().IsMatch(ex.Location)) return (null, $"refusal whose location names no line or element: '{ex.Location}': {ex.Reason}");
            return ("refused " + ex.Message, null);
        }
#pragma warning disable CA1031 // The fuzz oracle must report every other exception as the bug it is, not crash the run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            var frame = new StackTrace(ex, fNeedFileInfo: false).GetFrames().FirstOrDefault(f => f.GetMethod()?.DeclaringType?.Namespace?.StartsWith("Reconciliation", StringComparison.Ordinal) == true);
            return (null, $"{ex.GetType().Name}: {ex.Message} at {frame?.GetMethod()?.DeclaringType?.Name}.{frame?.GetMethod()?.Name}");
        }
    }

    private static ulong CaseSeed(ulong master, StatementFormat format, int index)
    {
        var rng = new Mutator.SplitMix(unchecked(master * 31 + (ulong)format * 1_000_003 + (ulong)index * 0x9E3779B97F4A7C15UL));
        return rng.Next();
    }

    private static string? Env(string name) => Environment.GetEnvironmentVariable(name) is { Length: > 0 } v ? v : null;

    /// <summary>Small seed files: a generated 10- or 30-tenant month in every format (seeded, so the same bytes each run) and the fixtures.</summary>
    private static Dictionary<StatementFormat, List<byte[]>> LoadSeeds()
    {
        var dir = Path.Combine(Path.GetTempPath(), "recon-fuzz-" + Guid.NewGuid().ToString("N"));
        try
        {
            // 10 tenants for the statements (a 20 KB camt.053 keeps the run short), 30 for the CSV remittances (10 tenants
            // may pay nothing by Eficash).
            RentGenerator.Output.WriteAll(Generator.Generate(new GeneratorOptions(11, 10, new YearMonth(2026, 11))), Path.Combine(dir, "10"));
            RentGenerator.Output.WriteAll(Generator.Generate(new GeneratorOptions(11, 30, new YearMonth(2026, 11))), Path.Combine(dir, "30"));
            byte[] Gen(string name) => File.ReadAllBytes(Path.Combine(dir, name.EndsWith(".csv", StringComparison.Ordinal) ? "30" : "10", "2026-11", name));
            byte[] Fix(string name) => File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));
            var seeds = new Dictionary<StatementFormat, List<byte[]>>
            {
                [StatementFormat.Cfonb120] = [Gen(RentGenerator.Output.Cfonb), Fix("cfonb-rent.txt"), Fix("cfonb-unbalanced.txt")],
                [StatementFormat.Camt053] = [Gen(RentGenerator.Output.Camt053)],
                [StatementFormat.Camt054] = [Gen(RentGenerator.Output.SddDetails)],
                [StatementFormat.Mt940] = [Gen(RentGenerator.Output.Mt940), Encoding.UTF8.GetBytes(GermanMt940)],
                [StatementFormat.AdyenSettlement] = [Gen(RentGenerator.Output.Adyen), Fix("adyen-settlement.csv")],
                [StatementFormat.ChequeSlip] = [Gen(RentGenerator.Output.ChequeSlips), Fix("cheque-slip.csv")],
                [StatementFormat.Eficash] = [Gen(RentGenerator.Output.Eficash), Fix("eficash.csv")],
            };
            foreach (var (f, files) in seeds)
            {
                // A seed must parse (a generated month may have no Eficash payment at all): otherwise its mutations would
                // test nothing but the first refusal.
                files.RemoveAll(file => !Parses(file, f));
                files.ShouldNotBeEmpty($"no seed file of {f.ToName()} parses");
            }
            return seeds;
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static bool Parses(byte[] file, StatementFormat f)
    {
        try
        {
            return StatementParser.Parse(new MemoryStream(file), f).Statements.Sum(x => x.Entries.Count) > 0;
        }
        catch (StatementFormatException)
        {
            return false;
        }
    }

    // A German-style MT940 (GVC :86: subfields, envelope, entry date, funds code): the variants the parser accepts.
    private const string GermanMt940 =
        "{1:F01TESTDEFFAXXX0000000000}{2:O9400000000000TESTDEFFXXXX00000000000000000000N}{4:\r\n" +
        ":20:STARTUMSE\r\n:25:10020030/1234567\r\n:28C:00001/001\r\n:60F:C261102EUR1000,00\r\n" +
        ":61:2611021102CR512,30NTRFNONREF//BANKREF123\r\n:86:166?00GUTSCHRIFT?20EREF+E2E-1?21SVWZ+RF18 5390 0754 7034?32DUPONT JEAN\r\n" +
        ":61:261103D12,50NCHG0000001\r\n:86:805?00ENTGELT?20Kontofuehrung\r\n" +
        ":62F:C261103EUR1499,80\r\n-}\r\n";
}
