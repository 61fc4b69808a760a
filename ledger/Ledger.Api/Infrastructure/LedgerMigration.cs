using Ledger.Api.Infrastructure.Integrity;
using Marten;
using Npgsql;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// The two database roles of the ledger. <c>ConnectionStrings:LedgerOwner</c> owns the schema and is used only here, at
/// start-up, to create or update Marten's tables, install the append-only trigger and the hash chain, and grant the service role what it needs;
/// <c>ConnectionStrings:Ledger</c> (the service role) owns nothing and serves every request. Without an owner string the
/// service string migrates (dev convenience only: that role then owns the tables and could drop the trigger).
/// </summary>
public sealed class LedgerMigration(string ownerConnection, string serviceConnection, bool autoCreate, ILogger<LedgerMigration> logger) : IHostedService
{
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

    public static bool HasSeparateOwner(IConfiguration config) => !string.IsNullOrWhiteSpace(config.GetConnectionString("LedgerOwner"));

    public async Task StartAsync(CancellationToken ct)
    {
        if (autoCreate)
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
        await ChainBackfill.InstallAsync(connection, ownerConnection, logger, ct);
        var owner = new NpgsqlConnectionStringBuilder(ownerConnection).Username;
        var service = new NpgsqlConnectionStringBuilder(serviceConnection).Username;
        if (service is { Length: > 0 } && !string.Equals(owner, service, StringComparison.Ordinal))
        {
            await using var grants = new NpgsqlCommand(GrantsSql(service), connection);
            await grants.ExecuteNonQueryAsync(ct);
        }
        else
        {
            logger.LogWarning("ConnectionStrings:LedgerOwner is not set: the service role owns the ledger schema (dev only)");
        }
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
