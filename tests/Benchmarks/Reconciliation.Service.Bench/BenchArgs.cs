using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using LocalPostgres;

namespace Reconciliation.Service.Bench;

/// <summary>What both modes share: flags, the durable cluster, the JSON figure file.</summary>
internal static class BenchArgs
{
    public static string? Arg(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    public static int Int(string[] args, string name, int fallback) =>
        Arg(args, name) is { } v ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    /// <summary>
    /// The caller's cluster (<c>--pg</c>), or a durable one of our own: fsync and synchronous_commit on, as in production,
    /// never the fast test server named by RENT_PG_CONNECTION.
    /// </summary>
    public static Task<ThrowawayPostgres> ClusterAsync(string[] args)
    {
        if (Arg(args, "--pg") is { } pg)
        {
            Environment.SetEnvironmentVariable(ThrowawayPostgres.ExistingServerVariable, pg);
            return ThrowawayPostgres.StartAsync(fast: false);
        }
        return ThrowawayPostgres.StartDedicatedAsync();
    }

    public static async Task WriteJsonAsync(string[] args, object figures)
    {
        var json = JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true });
        Console.WriteLine(json);
        if (Arg(args, "--json-out") is { } file) await File.WriteAllTextAsync(file, json + "\n");
    }

    public static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static int FreePort()
    {
        using var l = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    public static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
