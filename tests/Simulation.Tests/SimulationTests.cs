using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Simulation.Tests;

/// <summary>
/// The deterministic simulation of the payments inbox, the ledger and matching together (issue 11). A failure names its
/// seed and step; <c>SIM_SEED=n</c> (and optionally <c>SIM_STEPS</c>) runs that one seed instead of the whole range.
/// </summary>
[Trait("Category", "Fault")]
public sealed class SimulationTests(ITestOutputHelper output)
{
    private const int Seeds = 200;
    private const int Steps = 500;

    [Fact(Timeout = 120_000)]
    public async Task Simulation_SeededInterleavings_KeepEveryInvariantAfterEveryStep()
    {
        var replay = Environment.GetEnvironmentVariable("SIM_SEED");
        var steps = int.TryParse(Environment.GetEnvironmentVariable("SIM_STEPS"), CultureInfo.InvariantCulture, out var s) ? s : Steps;
        var seeds = replay is { Length: > 0 } ? [int.Parse(replay, CultureInfo.InvariantCulture)] : Enumerable.Range(1, Seeds).ToArray();
        var total = new SimCounts();
        var clock = Stopwatch.StartNew();
        await Task.Run(() =>
        {
            foreach (var seed in seeds)
            {
                var run = new Simulation(seed);
                run.Run(steps);
                total.Add(run.Counts);
            }
        });
        output.WriteLine($"{seeds.Length} seeds × {steps} steps (plus drain) in {clock.Elapsed.TotalSeconds:0.0} s: {total}");

        // Every path must have been taken, or the invariants were checked on nothing.
        total.InvariantChecks.ShouldBeGreaterThanOrEqualTo(seeds.Length * (long)steps);
        total.CardPayments.ShouldBeGreaterThan(0);
        total.DuplicateDeliveries.ShouldBeGreaterThan(0);
        total.NotYet.ShouldBeGreaterThan(0);
        total.Chargebacks.ShouldBeGreaterThan(0);
        total.DirectDebits.ShouldBeGreaterThan(0);
        total.Returns.ShouldBeGreaterThan(0);
        total.Settlements.ShouldBeGreaterThan(0);
        total.OverlappingEntries.ShouldBeGreaterThan(0);
        total.CardsAlreadyBooked.ShouldBeGreaterThan(0);
        total.LedgerRepeats.ShouldBeGreaterThan(0);
    }

    [Fact(Timeout = 30_000)]
    public async Task Simulation_SameSeed_ReplaysTheSameRun()
    {
        var (first, second) = await Task.Run(() =>
        {
            var a = new Simulation(4242);
            a.Run(Steps);
            var b = new Simulation(4242);
            b.Run(Steps);
            return (a.Digest(), b.Digest());
        });
        second.ShouldBe(first);
    }

    [Fact(Timeout = 30_000)]
    public async Task Simulation_CardMoneyPostedUnderAnotherId_IsCaughtWithItsSeedAndStep()
    {
        // The bug PostingPlan's card:PSP id prevents: the settlement report's line and the webhook booking the same money twice.
        var failure = await Task.Run(() =>
        {
            foreach (var seed in Enumerable.Range(1, 50))
            {
                try
                {
                    new Simulation(seed, new SimFaults(CardPostedUnderAnotherId: true)).Run(Steps);
                }
                catch (SimulationFailure e)
                {
                    return e;
                }
            }
            return null;
        });
        failure.ShouldNotBeNull();
        output.WriteLine(failure.Message);
        failure.Message.ShouldMatch(@"^seed \d+, step \d+: card \d+ is in the ledger twice.*Replay with SIM_SEED=\d+$");
    }
}
