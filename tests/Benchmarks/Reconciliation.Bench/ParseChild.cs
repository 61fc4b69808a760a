using System.Diagnostics;
using System.Globalization;
using Reconciliation.Statements;

namespace Reconciliation.Bench;

/// <summary>Runs one parse in this (fresh) process and prints time, peak working set and allocated bytes.</summary>
internal static class ParseChild
{
    public static int Run(string format, string path, bool stream)
    {
        if (!StatementFormatNames.TryParse(format, out var f)) return 2;
        var before = Process.GetCurrentProcess();
        before.Refresh();
        var baseline = before.PeakWorkingSet64;
        var sw = Stopwatch.StartNew();
        long entries = 0;
        int warnings;
        using (var s = File.OpenRead(path))
        {
            if (stream)
            {
                // The streaming API: one entry at a time, nothing of the file kept.
                using var reader = StatementParser.Open(s, f);
                foreach (var _ in reader.Entries()) entries++;
                warnings = reader.Warnings.Count;
            }
            else
            {
                var file = StatementParser.Parse(s, f);
                entries = file.Statements.Sum(x => x.Entries.Count);
                warnings = file.Warnings.Count;
            }
        }
        sw.Stop();
        var p = Process.GetCurrentProcess();
        p.Refresh();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{entries:N0} entries in {sw.Elapsed.TotalSeconds:F2} s, peak working set {p.PeakWorkingSet64 / 1048576.0:F0} MB (process start {baseline / 1048576.0:F0} MB), allocated {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MB, warnings {warnings}"));
        return 0;
    }
}
