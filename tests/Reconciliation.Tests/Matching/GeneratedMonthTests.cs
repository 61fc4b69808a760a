using NodaTime;
using Reconciliation.Bench;
using RentGenerator;

namespace Reconciliation.Tests.Matching;

/// <summary>
/// Issue 7 §4 at small scale, on the generator's month and its truth: at least 95 % of the matchable rent payments are
/// matched automatically to the right tenant and notices, and no automatic match names a wrong tenant, in CFONB 120,
/// camt.053 and MT940 alike. Counts, not durations; the full-scale figures come from the benchmark's <c>score</c>.
/// </summary>
public sealed class GeneratedMonthTests
{
    public static TheoryData<long, string> SeedsAndFormats()
    {
        var data = new TheoryData<long, string>();
        foreach (var seed in new long[] { 42, 7 })
        {
            foreach (var format in new[] { "cfonb120", "camt053", "mt940" }) data.Add(seed, format);
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(SeedsAndFormats))]
    public void Match_GeneratedMonth_AutoMatchesMatchablePaymentsAndNeverAWrongTenant(long seed, string format)
    {
        var month = new YearMonth(2026, 11);
        var dir = Path.Combine(Path.GetTempPath(), $"recon-month-{seed}-{format}-{Guid.NewGuid():N}");
        try
        {
            RentGenerator.Output.WriteAll(Generator.Generate(new GeneratorOptions(seed, 800, month)), dir);

            var card = Score.Run(dir, month, format);

            card.Matchable.ShouldBeGreaterThan(600);
            card.WrongTenantAuto.ShouldBe(0, string.Join("\n", card.Wrong));
            card.MatchableRate.ShouldBeGreaterThanOrEqualTo(95, string.Join("\n", card.Missed.Take(20)));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
