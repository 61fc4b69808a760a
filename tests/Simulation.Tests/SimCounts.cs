namespace Simulation.Tests;

/// <summary>What a run did, so that the report says what the invariants were checked on (and a zero shows a dead path).</summary>
public sealed class SimCounts
{
    public long Steps { get; set; }
    public long InvariantChecks { get; set; }
    public long CardPayments { get; set; }
    public long Chargebacks { get; set; }
    public long DirectDebits { get; set; }
    public long Returns { get; set; }
    public long Settlements { get; set; }
    public long Deliveries { get; set; }
    public long DuplicateDeliveries { get; set; }
    public long LedgerCommands { get; set; }
    public long LedgerRepeats { get; set; }
    public long NotYet { get; set; }
    public long Imports { get; set; }
    public long EntriesMatched { get; set; }
    public long OverlappingEntries { get; set; }
    public long CardsAlreadyBooked { get; set; }
    /// <summary>A card payment refused 409 because the other path (webhook or settlement report) booked it first.</summary>
    public long BookedByTheOtherPath { get; set; }
    public long InReview { get; set; }

    public void Add(SimCounts o)
    {
        foreach (var p in typeof(SimCounts).GetProperties()) p.SetValue(this, (long)p.GetValue(this)! + (long)p.GetValue(o)!);
    }

    public override string ToString() => string.Join(", ", typeof(SimCounts).GetProperties().Select(p => $"{p.Name}={p.GetValue(this)}"));
}

/// <summary>An invariant that did not hold: the seed and the step replay it (SIM_SEED).</summary>
public sealed class SimulationFailure(int seed, long step, string message)
    : Exception($"seed {seed}, step {step}: {message}. Replay with SIM_SEED={seed}");
