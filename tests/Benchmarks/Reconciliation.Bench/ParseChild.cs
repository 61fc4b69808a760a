using System.Diagnostics;
using System.Globalization;
using Reconciliation.Statements;

namespace Reconciliation.Bench;

/// <summary>
/// Runs one parse in this (fresh) process and prints time, peak resident set, allocated bytes, and where the resident
/// memory is (the profile behind the memory figures: anonymous vs file-mapped pages, the GC's committed heap, GC counts).
/// </summary>
internal static class ParseChild
{
    public static int Run(string format, string path, bool stream)
    {
        if (!StatementFormatNames.TryParse(format, out var f)) return 2;
        var baseline = Status("VmHWM");
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
        var gc = GC.GetGCMemoryInfo();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{entries:N0} entries in {sw.Elapsed.TotalSeconds:F2} s, peak RSS {Status("VmHWM") / 1024.0:F0} MB (process start {baseline / 1024.0:F0} MB; now anon {Status("RssAnon") / 1024.0:F0} MB, file {Status("RssFile") / 1024.0:F0} MB; GC committed {gc.TotalCommittedBytes / 1048576.0:F0} MB, heap {gc.HeapSizeBytes / 1048576.0:F0} MB; gen0/1/2 GCs {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}), allocated {GC.GetTotalAllocatedBytes() / 1048576.0:F0} MB, warnings {warnings}"));
        if (Environment.GetEnvironmentVariable("RECON_BENCH_MAPS") == "1") Maps();
        return 0;
    }

    /// <summary>The resident memory per mapping (RECON_BENCH_MAPS=1): which libraries and heaps the peak is made of.</summary>
    private static void Maps()
    {
        var rss = new Dictionary<string, long>(StringComparer.Ordinal);
        var current = "";
        foreach (var line in File.ReadLines("/proc/self/smaps"))
        {
            var parts = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length >= 5 && parts[0].Contains('-', StringComparison.Ordinal) && !parts[0].EndsWith(':')) current = parts.Length >= 6 ? Path.GetFileName(parts[5]) : "[anon]";
            else if (parts.Length >= 2 && parts[0] == "Rss:") rss[current] = rss.GetValueOrDefault(current) + long.Parse(parts[1], CultureInfo.InvariantCulture);
        }
        foreach (var (k, v) in rss.OrderByDescending(x => x.Value).Take(25)) Console.Error.WriteLine($"  {v / 1024.0,6:F1} MB {k}");
    }

    /// <summary>A figure of /proc/self/status in KB (Linux), 0 elsewhere.</summary>
    private static long Status(string key)
    {
        if (!File.Exists("/proc/self/status")) return 0;
        foreach (var line in File.ReadLines("/proc/self/status"))
        {
            if (line.StartsWith(key + ":", StringComparison.Ordinal))
            {
                return long.Parse(line.AsSpan(key.Length + 1).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture);
            }
        }
        return 0;
    }
}
