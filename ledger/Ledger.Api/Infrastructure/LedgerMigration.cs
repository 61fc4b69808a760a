using Ledger.Api.Infrastructure.Integrity;
using Marten;
using Npgsql;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// The two database roles of the ledger. <c>ConnectionStrings:LedgerOwner</c> owns the schema and is used only here, at
/// start-up, to create or update Marten's tables, install the append-only trigger and the hash chain, and grant the service role what it needs;
/// <c>ConnectionStrings:Ledger</c> (the service role) owns nothing and serves every request. Without an owner string the
/// service string migrates (dev convenience only: that role then owns the tables and could drop the trigger). With several
/// databases (<see cref="LedgerPlacement"/>) each is migrated the same way with its own owner, one after the other, before
/// the ledger serves anything: a database that cannot be migrated stops the start-up.
/// </summary>
public sealed class LedgerMigration : IHostedService
{
    private readonly IReadOnlyList<LedgerDatabase> _databases;
    private readonly bool _autoCreate;
    private readonly ILogger<LedgerMigration> _logger;

    public LedgerMigration(string ownerConnection, string serviceConnection, bool autoCreate, ILogger<LedgerMigration> logger)
        : this(new LedgerPlacement(new LedgerDatabase(LedgerPlacement.DefaultName, serviceConnection, ownerConnection, []), []), autoCreate, logger)
    {
    }

    public LedgerMigration(LedgerPlacement placement, bool autoCreate, ILogger<LedgerMigration> logger)
    {
        _databases = placement.All;
        _autoCreate = autoCreate;
        _logger = logger;
    }

    /// <summary>
    /// What the service role may do: read and write Marten's documents (read models, keys, projections), append events and
    /// streams, never change or remove an event. Sequences for event numbers; functions for Marten's upserts.
    /// </summary>
    public static string GrantsSql(string serviceRole)
    {
        var role = new NpgsqlCommandBuilder().QuoteIdentifier(serviceRole);
        return $"""
            GRANT USAGE ON SCHEMA ledger TO {role};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA ledger TO {role};
            REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON ledger.mt_events, ledger.event_chain, ledger.chain_checkpoints FROM {role};
            GRANT SELECT, INSERT ON ledger.mt_events, ledger.event_chain, ledger.chain_checkpoints TO {role};
            GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA ledger TO {role};
            GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA ledger TO {role};
            """;
    }

    public async Task StartAsync(CancellationToken ct)
    {
        foreach (var database in _databases)
        {
            await MigrateAsync(database.OwnerConnectionString, database.ConnectionString, database.Name, ct);
        }
    }

    private async Task MigrateAsync(string ownerConnection, string serviceConnection, string name, CancellationToken ct)
    {
        if (_autoCreate)
        {
            using var ownerStore = DocumentStore.For(opts => LedgerStore.Configure(opts, ownerConnection, autoCreate: true));
            await ownerStore.Storage.ApplyAllConfiguredChangesToDatabaseAsync();
        }
        await using var connection = new NpgsqlConnection(ownerConnection);
        await connection.OpenAsync(ct);
        await using (var guard = new NpgsqlCommand(AppendOnlyGuard.Sql, connection))
        {
            await guard.ExecuteNonQueryAsync(ct);
        }
        // The hash chain (tamper evidence): its tables and link function; on first install, the events already there.
        await ChainBackfill.InstallAsync(connection, ownerConnection, _logger, ct);
        var owner = new NpgsqlConnectionStringBuilder(ownerConnection).Username;
        var service = new NpgsqlConnectionStringBuilder(serviceConnection).Username;
        if (service is { Length: > 0 } && !string.Equals(owner, service, StringComparison.Ordinal))
        {
            await using var grants = new NpgsqlCommand(GrantsSql(service), connection);
            await grants.ExecuteNonQueryAsync(ct);
        }
        else
        {
            _logger.LogWarning("Ledger database {Database}: no owner connection is set, the service role owns the ledger schema (dev only)", name);
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
