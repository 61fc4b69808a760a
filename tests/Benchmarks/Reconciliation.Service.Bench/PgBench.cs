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
    public static async Task<double> BulkPostingAsync(NpgsqlConnectionStringBuilder db, int transactions, int chunk, Func<int, string> tenant, Func<int, string> paymentId)
    {
        var template = await File.ReadAllLinesAsync(FindUp(Path.Combine("tests", "Benchmarks", "pgbench", "bulk-posting.sql")));
        var script = Path.GetTempFileName();
        await File.WriteAllLinesAsync(script, Expand(template, chunk, tenant, paymentId));
        // The pgbench landlord's own streams and the sequence that makes each transaction's keys unique.
        await using (var conn = new NpgsqlConnection(db.ConnectionString))
        {
            await conn.OpenAsync();
            await using var cmd = new NpgsqlCommand($"""
                create sequence if not exists pgbench_bulk_tx;
                insert into ledger.mt_streams (id, tenant_id, type, version, timestamp, created)
                select 'pgbench-' || g, 'pgbench', null, 0, now(), now() from generate_series(0, {chunk - 1}) g on conflict do nothing;
                """, conn);
            await cmd.ExecuteNonQueryAsync();
        }
        var psi = new ProcessStartInfo("/usr/lib/postgresql/15/bin/pgbench",
            ["-n", "-M", "extended", "-f", script, "-c", "1", "-t", Math.Max(1, transactions).ToString(CultureInfo.InvariantCulture),
             "-h", db.Host!, "-p", db.Port.ToString(CultureInfo.InvariantCulture), "-U", db.Username!, db.Database!])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["PGPASSWORD"] = db.Password;
        using var p = Process.Start(psi)!;
        var stderr = p.StandardError.ReadToEndAsync();
        var output = await p.StandardOutput.ReadToEndAsync();
        await p.WaitForExitAsync();
        File.Delete(script);
        var tps = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal));
        if (p.ExitCode != 0 || tps is null) throw new InvalidOperationException("pgbench failed: " + await stderr);
        Console.WriteLine("pgbench: " + tps.Trim());
        return Math.Round(double.Parse(tps["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture) * chunk);
    }

    /// <summary>The script for pgbench: comments dropped, each "--@each … --@end" block once per payment.</summary>
    private static IEnumerable<string> Expand(string[] template, int chunk, Func<int, string> tenant, Func<int, string> paymentId)
    {
        string List(Func<int, string> f) => "{" + string.Join(',', Enumerable.Range(0, chunk).Select(f)) + "}";
        var (streams, keys, pgstreams) = (List(tenant), List(paymentId), List(i => $"pgbench-{i}"));
        List<string>? block = null;
        foreach (var line in template)
        {
            if (line == "--@each") { block = []; continue; }
            if (line == "--@end")
            {
                for (var i = 0; i < chunk; i++) foreach (var b in block!) yield return b.Replace("{i}", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                block = null;
                continue;
            }
            if (line.StartsWith("--", StringComparison.Ordinal)) continue;
            var expanded = line.Replace("{streams}", streams, StringComparison.Ordinal).Replace("{keys}", keys, StringComparison.Ordinal)
                .Replace("{pgstreams}", pgstreams, StringComparison.Ordinal);
            if (block is not null) block.Add(expanded); else yield return expanded;
        }
    }

    /// <summary>A repository file, found above the program's folder or above the current directory.</summary>
    public static string FindUp(string relative)
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var d = new DirectoryInfo(start); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, relative))) return Path.Combine(d.FullName, relative);
        }
        throw new FileNotFoundException(relative + " not found above " + AppContext.BaseDirectory + " or the current directory");
    }
}
