using Ledger.Domain.Accounts;

namespace Simulation.Tests;

/// <summary>
/// A queue of commands to the ledger (the payments outbox, the reconciliation postings), keyed like its table (a key
/// queued twice is one row): sent in random order; settled, kept for later (404: the payment a reversal names is not there
/// yet) or failed; and now and then a settled one sent again, as after an answer lost on the way back, which must write
/// nothing. A 409 for money the other path booked first counts as settled, as the services' dispatchers decide.
/// </summary>
public sealed class SimQueue<T>(SimLedger ledger, SimCounts counts, Func<T, Decision> execute, Func<T, bool> bookedByTheOtherPath)
    where T : notnull
{
    private readonly Dictionary<string, T> _items = new(StringComparer.Ordinal);
    private readonly List<string> _pending = [];
    private readonly List<string> _done = [];

    public List<string> Failed { get; } = [];
    public bool Idle => _pending.Count == 0;

    public void Add(string key, T item)
    {
        if (_items.TryAdd(key, item)) _pending.Add(key);
    }

    /// <summary>Sends one pending command; false when none is pending.</summary>
    public bool SendOne(Random rng, Action<string> fail)
    {
        if (_pending.Count == 0) return false;
        var key = _pending[rng.Next(_pending.Count)];
        var decision = execute(_items[key]);
        if (decision is Decision.Rejected { Kind: RejectionKind.NotFound })
        {
            counts.NotYet++;
        }
        else
        {
            _pending.Remove(key);
            if (Settled(_items[key], decision, counted: true)) _done.Add(key);
            else Failed.Add($"{key}: {decision}");
        }
        if (_done.Count > 0 && rng.Next(4) == 0)
        {
            var again = _items[_done[rng.Next(_done.Count)]];
            var before = ledger.Writes;
            var repeat = execute(again);
            if (ledger.Writes != before || !Settled(again, repeat, counted: false)) fail($"a repeat of {again} was {repeat}");
            counts.LedgerRepeats++;
        }
        return true;
    }

    private bool Settled(T item, Decision decision, bool counted)
    {
        if (decision is Decision.Accepted or Decision.Unchanged) return true;
        if (decision is not Decision.Rejected { Kind: RejectionKind.Conflict } || !bookedByTheOtherPath(item)) return false;
        if (counted) counts.BookedByTheOtherPath++;
        return true;
    }
}
