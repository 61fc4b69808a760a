using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Benchmarks.Shared;

/// <summary>
/// What every benchmark program shares (compiled into each; README, "Benchmarks"): the options of the one
/// command (<c>--json-out FILE</c>, <c>--runs N</c>, <c>--pg CONNECTION</c>), the median/min/max of several runs, and the
/// JSON file the report generator (tests/Benchmarks/Bench.Report) reads. Figures are numbers; units are in field names.
/// </summary>
public static class BenchJson
{
    public static string? Arg(string[] args, string name) =>
        Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

    public static int Runs(string[] args) => int.Parse(Arg(args, "--runs") ?? "1", CultureInfo.InvariantCulture);

    /// <summary>
    /// <c>--pg ADMIN</c>: the durable cluster the runner started, used through LocalPostgres' existing-server variable (set
    /// for this process only). Without it, a bench run alone starts its own cluster, as before.
    /// </summary>
    public static void UseRunnerServer(string[] args)
    {
        if (Arg(args, "--pg") is { Length: > 0 } pg) Environment.SetEnvironmentVariable("RENT_PG_CONNECTION", pg);
    }

    public static double Median(IReadOnlyList<double> values)
    {
        if (values.Count == 0) throw new ArgumentException("no runs", nameof(values));
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /// <summary>The nearest-rank percentile of already sorted values.</summary>
    public static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? 0 : sorted[Math.Clamp((int)Math.Ceiling(p / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];

    /// <summary>Adds runs, median, min and max of one figure under <paramref name="unit"/> (e.g. "PerSecond" gives medianPerSecond).</summary>
    public static JsonObject WithRuns(this JsonObject row, string unit, IReadOnlyList<double> runs)
    {
        row["runs"] = new JsonArray(runs.Select(r => (JsonNode)JsonValue.Create(Math.Round(r, 4))).ToArray());
        row["median" + unit] = Math.Round(Median(runs), 4);
        row["min" + unit] = Math.Round(runs.Min(), 4);
        row["max" + unit] = Math.Round(runs.Max(), 4);
        return row;
    }

    /// <summary>Writes the object (or <c>{"rows":[…]}</c> for a program measuring several rows) when --json-out was given.</summary>
    public static void Write(string[] args, JsonNode node)
    {
        if (Arg(args, "--json-out") is not { Length: > 0 } path) return;
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, node.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
        Console.WriteLine($"written {path}");
    }

    public static JsonObject Rows(IEnumerable<JsonObject> rows) => new() { ["rows"] = new JsonArray(rows.Cast<JsonNode>().ToArray()) };

    /// <summary>Peak resident set of this process so far (VmHWM), in MB; 0 where /proc is absent.</summary>
    public static double PeakMb()
    {
        if (!File.Exists("/proc/self/status")) return 0;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("VmHWM:", StringComparison.Ordinal));
        return line is null ? 0 : long.Parse(line["VmHWM:".Length..].Trim().TrimEnd('B', 'k').Trim(), CultureInfo.InvariantCulture) / 1024.0;
    }
}
