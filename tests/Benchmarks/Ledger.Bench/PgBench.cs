using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Ledger.Bench;

/// <summary>The pgbench reference (the ledger's own statements, same database) and the server's settings the report states.</summary>
internal static class PgBench
{
    public static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Benchmarks", "pgbench", "record-payment.sql");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("tests/Benchmarks/pgbench/record-payment.sql not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Transactions per second of the script at <paramref name="clients"/> clients (one thread each), or throws with pgbench's error.</summary>
    public static double Run(string script, string dbConnection, int tenants, int clients, string seconds)
    {
        var b = new NpgsqlConnectionStringBuilder(dbConnection);
        var c = clients.ToString(CultureInfo.InvariantCulture);
        var psi = new ProcessStartInfo("/usr/lib/postgresql/15/bin/pgbench",
            ["-n", "-M", "extended", "-f", script, "-D", "tenants=" + tenants.ToString(CultureInfo.InvariantCulture), "-c", c, "-j", c,
             "-T", seconds, "-h", b.Host!, "-p", b.Port.ToString(CultureInfo.InvariantCulture), "-U", b.Username!, b.Database!])
        { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.Environment["PGPASSWORD"] = b.Password;
        using var p = Process.Start(psi)!;
        var errors = p.StandardError.ReadToEndAsync();
        var output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        var tps = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps = ", StringComparison.Ordinal));
        if (p.ExitCode != 0 || tps is null) throw new InvalidOperationException("pgbench failed: " + errors.Result.Trim());
        return double.Parse(tps["tps = ".Length..].Split(' ')[0], CultureInfo.InvariantCulture);
    }

    /// <summary>The settings that decide what a write costs, as the server has them (not as intended).</summary>
    public static async Task<Dictionary<string, string>> SettingsAsync(string adminConnection)
    {
        await using var connection = new NpgsqlConnection(adminConnection);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "select name, current_setting(name) from pg_settings where name = any(@names) order by name", connection);
        command.Parameters.AddWithValue("names", new[] { "server_version", "fsync", "synchronous_commit", "full_page_writes", "shared_buffers", "wal_level", "max_connections", "work_mem", "checkpoint_timeout", "max_wal_size" });
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) settings[reader.GetString(0)] = reader.GetString(1);
        return settings;
    }
}
