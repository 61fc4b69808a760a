using System.Diagnostics;
using Npgsql;

namespace LocalPostgres;

/// <summary>
/// A PostgreSQL server for the main command, the tests and the benchmarks: either the existing server named by
/// <c>RENT_PG_CONNECTION</c> (an admin connection string), or a throwaway cluster started by <c>tools/pg-throwaway</c>
/// (the only place that knows how to start one) and removed on <see cref="DisposeAsync"/> or process exit.
/// </summary>
public sealed class ThrowawayPostgres : IAsyncDisposable
{
    public const string ExistingServerVariable = "RENT_PG_CONNECTION";

    private readonly string? _clusterDir;
    private readonly string? _script;
    private int _disposed;

    private ThrowawayPostgres(string adminConnectionString, string? clusterDir, string? script)
    {
        AdminConnectionString = adminConnectionString;
        _clusterDir = clusterDir;
        _script = script;
        if (clusterDir is not null)
        {
            AppDomain.CurrentDomain.ProcessExit += (_, _) => StopCluster();
        }
    }

    /// <summary>Connection string of a superuser on the server, database <c>postgres</c>.</summary>
    public string AdminConnectionString { get; }

    /// <summary>True when this object started the server (and will remove it).</summary>
    public bool IsThrowaway => _clusterDir is not null;

    public static Task<ThrowawayPostgres> StartAsync(bool fast = false, CancellationToken ct = default)
    {
        var existing = Environment.GetEnvironmentVariable(ExistingServerVariable);
        return string.IsNullOrWhiteSpace(existing)
            ? StartClusterAsync(fast, ct)
            : Task.FromResult(new ThrowawayPostgres(existing, null, null));
    }

    /// <summary>
    /// A cluster of the caller's own, even when <c>RENT_PG_CONNECTION</c> names a shared server: the fault tests crash it
    /// (<see cref="StopImmediateAsync"/>), which they must never do to a server other test classes use. Started without
    /// <c>--fast</c>: with <c>synchronous_commit = off</c> a crash may lose commits that were already acknowledged, which is
    /// exactly what those tests check does not happen.
    /// </summary>
    public static Task<ThrowawayPostgres> StartDedicatedAsync(CancellationToken ct = default) => StartClusterAsync(fast: false, ct);

    private static async Task<ThrowawayPostgres> StartClusterAsync(bool fast, CancellationToken ct)
    {
        var script = FindScript();
        var stdout = await RunScriptAsync(script, fast ? ["start", "--fast"] : ["start"], ct);
        string? dir = null, connection = null;
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (line.StartsWith("PG_DIR=", StringComparison.Ordinal)) dir = line["PG_DIR=".Length..];
            if (line.StartsWith("PG_CONNECTION=", StringComparison.Ordinal)) connection = line["PG_CONNECTION=".Length..];
        }
        if (dir is null || connection is null)
        {
            throw new InvalidOperationException("tools/pg-throwaway start printed no PG_DIR/PG_CONNECTION");
        }
        return new ThrowawayPostgres(connection, dir, script);
    }

    /// <summary>Stops the server as a crash would (<c>pg_ctl stop -m immediate</c>): open connections break, nothing is flushed.</summary>
    public async Task StopImmediateAsync(CancellationToken ct = default)
    {
        // The pools of the services are left as they are: finding their connections broken is part of what is tested.
        await RunScriptAsync(OwnScript(), ["crash", _clusterDir!], ct);
    }

    /// <summary>Starts the server again on the same port and data folder; PostgreSQL replays its WAL before it accepts connections.</summary>
    public Task RestartAsync(CancellationToken ct = default) => RunScriptAsync(OwnScript(), ["restart", _clusterDir!], ct);

    private string OwnScript() => _script ?? throw new InvalidOperationException("only a cluster this process started can be crashed or restarted");

    private static async Task<string> RunScriptAsync(string script, string[] args, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(script);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not run bash");
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"tools/pg-throwaway {args[0]} failed ({process.ExitCode}): {(await stderr).Trim()}");
        }
        return await stdout;
    }

    /// <summary>
    /// Creates a fresh database (dropping a leftover of the same name) and returns its connection string. Tests call this
    /// once per class so that classes run in parallel without seeing each other's data.
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken ct = default)
    {
        var safe = new string(name.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '_').ToArray());
        if (safe.Length > 60) safe = safe[..60];
        await using (var conn = new NpgsqlConnection(AdminConnectionString))
        {
            await conn.OpenAsync(ct);
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{safe}\" WITH (FORCE)", conn);
            await drop.ExecuteNonQueryAsync(ct);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{safe}\"", conn);
            await create.ExecuteNonQueryAsync(ct);
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = safe }.ConnectionString;
    }

    /// <summary>
    /// Creates a login role that owns one database and nothing else: each service gets its own credentials
    /// (least privilege between services). Returns that role's connection string.
    /// </summary>
    public async Task<string> CreateServiceDatabaseAsync(string database, string role, string password, CancellationToken ct = default)
    {
        await using (var conn = new NpgsqlConnection(AdminConnectionString))
        {
            await conn.OpenAsync(ct);
            foreach (var sql in new[]
                     {
                         $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)",
                         $"DROP ROLE IF EXISTS \"{role}\"",
                         $"CREATE ROLE \"{role}\" LOGIN PASSWORD '{password.Replace("'", "''", StringComparison.Ordinal)}'",
                         $"CREATE DATABASE \"{database}\" OWNER \"{role}\"",
                         $"REVOKE ALL ON DATABASE \"{database}\" FROM PUBLIC",
                     })
            {
                await using var cmd = new NpgsqlCommand(sql, conn);
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString)
        {
            Database = database, Username = role, Password = password,
        }.ConnectionString;
    }

    /// <summary>
    /// The least-privilege layout every service uses: an owner role that owns the database and, once the service's
    /// migrations ran with it, every table in it; and a service role that may only connect, and gets from those migrations
    /// only the privileges it needs (so it can neither alter a table nor disable a trigger). Roles are named
    /// <c>{database}_owner</c> and <c>{database}_svc</c> (or the names given); passwords are random.
    /// </summary>
    public async Task<ServiceDatabase> CreateOwnedServiceDatabaseAsync(
        string database, string? ownerRole = null, string? serviceRole = null, CancellationToken ct = default)
    {
        ownerRole ??= database + "_owner";
        serviceRole ??= database + "_svc";
        var ownerPassword = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var servicePassword = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        await using (var conn = new NpgsqlConnection(AdminConnectionString))
        {
            await conn.OpenAsync(ct);
            foreach (var sql in new[]
                     {
                         $"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)",
                         $"DROP ROLE IF EXISTS \"{serviceRole}\"",
                         $"DROP ROLE IF EXISTS \"{ownerRole}\"",
                         $"CREATE ROLE \"{ownerRole}\" LOGIN PASSWORD '{ownerPassword}'",
                         $"CREATE ROLE \"{serviceRole}\" LOGIN PASSWORD '{servicePassword}'",
                         $"CREATE DATABASE \"{database}\" OWNER \"{ownerRole}\"",
                         $"REVOKE ALL ON DATABASE \"{database}\" FROM PUBLIC",
                         $"GRANT CONNECT ON DATABASE \"{database}\" TO \"{serviceRole}\"",
                     })
            {
                await using var cmd = new NpgsqlCommand(sql, conn);
                await cmd.ExecuteNonQueryAsync(ct);
            }
        }
        var admin = new NpgsqlConnectionStringBuilder(AdminConnectionString);
        return new ServiceDatabase(
            database, ownerRole, serviceRole,
            new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database, Username = ownerRole, Password = ownerPassword }.ConnectionString,
            new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = database, Username = serviceRole, Password = servicePassword }.ConnectionString);
    }

    public ValueTask DisposeAsync()
    {
        StopCluster();
        return ValueTask.CompletedTask;
    }

    private void StopCluster()
    {
        if (_clusterDir is null || _script is null || Interlocked.Exchange(ref _disposed, 1) == 1) return;
        NpgsqlConnection.ClearAllPools();
        using var process = Process.Start(new ProcessStartInfo("bash", [_script, "stop", _clusterDir])
        {
            RedirectStandardOutput = true, RedirectStandardError = true,
        });
        process?.WaitForExit(60_000);
    }

    /// <summary>tools/pg-throwaway, found by walking up from the running assembly to the repository root.</summary>
    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tools", "pg-throwaway");
            if (File.Exists(candidate)) return candidate;
        }
        throw new InvalidOperationException(
            $"tools/pg-throwaway not found above {AppContext.BaseDirectory}; set {ExistingServerVariable} to use an existing server");
    }
}

/// <summary>One service's database: the owner's connection (migrations only) and the service role's (everything else).</summary>
public sealed record ServiceDatabase(
    string Database, string OwnerRole, string ServiceRole, string OwnerConnectionString, string ServiceConnectionString)
{
    // The connection strings hold passwords: keep them out of the generated ToString().
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Database = ").Append(Database).Append(", OwnerRole = ").Append(OwnerRole).Append(", ServiceRole = ").Append(ServiceRole);
        return true;
    }
}
