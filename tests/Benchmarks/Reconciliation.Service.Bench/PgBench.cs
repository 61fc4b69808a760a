using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Reconciliation.Service.Bench;

/// <summary>The physical reference: pgbench on the same cluster and database, one client, fsync as the cluster has it.</summary>
internal static class PgBench
{
    /// <summary>
    /// tests/Benchmarks/pgbench/bulk-posting.sql, one transaction per script run, each the statements of one bulk call of
    /// <paramref name="chunk"/> payments; answers payments per second (chunk × tps).
    /// </summary>
    public static async Task<double> BulkPostingAsync(NpgsqlConnectionStringBuilder db, int transactions, int chunk)
    {
        var script = FindUp(Path.Combine("tests", "Benchmarks", "pgbench", "bulk-posting.sql"));
        var psi = new ProcessStartInfo("/usr/lib/postgresql/15/bin/pgbench",
            ["-n", "-f", script, "-c", "1", "-t", Math.Max(1, transactions).ToString(CultureInfo.InvariantCulture),
             "-h", db.Host!, "-p", db.Port.ToString(CultureInfo.InvariantCulture), "-U", db.Username!, db.Database!])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["PGPASSWORD"] = db.Password;
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        var tps = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal));
        if (p.ExitCode != 0 || tps is null) throw new InvalidOperationException("pgbench failed: " + await stderr);
        Console.WriteLine("pgbench: " + tps.Trim());
        return Math.Round(double.Parse(tps["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture) * chunk);
    }

    public static string FindUp(string relative)
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, relative))) return Path.Combine(d.FullName, relative);
        throw new FileNotFoundException(relative + " not found above " + AppContext.BaseDirectory);
    }
}
