using System.Globalization;
using System.Text;

namespace Reconciliation.Api.Imports;

/// <summary>
/// Where an import's time goes, phase by phase (issue 10: the end-to-end row missed its target and nobody knew whether
/// parsing, matching, storage, the ledger's answers or posting was to blame). Summed per phase over the import, written
/// as one log line and as the <c>reconciliation.import.phase.duration</c> histogram; names and counts only, no entry data.
/// </summary>
public sealed class ImportPhases(TimeProvider time)
{
    private readonly List<(string Phase, TimeSpan Elapsed, int Count)> _phases = [];

    /// <summary>Runs one step and adds its time (and how many things it did) to its phase.</summary>
    public async Task<T> TimeAsync<T>(string phase, Func<Task<T>> step, int count = 1)
    {
        var started = time.GetTimestamp();
        try { return await step(); }
        finally { Add(phase, time.GetElapsedTime(started), count); }
    }

    public async Task TimeAsync(string phase, Func<Task> step, int count = 1) =>
        await TimeAsync(phase, async () => { await step(); return 0; }, count);

    public void Add(string phase, TimeSpan elapsed, int count = 1)
    {
        var i = _phases.FindIndex(p => p.Phase == phase);
        if (i < 0) _phases.Add((phase, elapsed, count));
        else _phases[i] = (phase, _phases[i].Elapsed + elapsed, _phases[i].Count + count);
    }

    public IReadOnlyList<(string Phase, TimeSpan Elapsed, int Count)> All => _phases;

    /// <summary>The time summed so far in these phases (zero for a phase that did not run).</summary>
    public TimeSpan Of(params string[] phases) =>
        _phases.Where(p => phases.Contains(p.Phase)).Aggregate(TimeSpan.Zero, (sum, p) => sum + p.Elapsed);

    /// <summary>"new-entries 12 ms (1), book 3,004 ms (1), …" in the order the phases first ran.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var (phase, elapsed, count) in _phases)
        {
            if (sb.Length > 0) sb.Append(", ");
            sb.Append(CultureInfo.InvariantCulture, $"{phase} {elapsed.TotalMilliseconds:F0} ms ({count})");
        }
        return sb.ToString();
    }
}
