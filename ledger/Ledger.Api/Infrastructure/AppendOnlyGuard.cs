using Marten;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Makes the event table append-only in the database itself: a trigger refuses any UPDATE or DELETE of a money fact, whoever
/// connects (a bug, a hand-written fix, a compromised service). Corrections are new events. Installed after Marten has
/// created its tables (hosted services start in registration order).
/// </summary>
public sealed class AppendOnlyGuard(IDocumentStore store) : IHostedService
{
    public const string Sql = """
        CREATE OR REPLACE FUNCTION ledger.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN
          RAISE EXCEPTION 'ledger events are append-only: % refused on %', TG_OP, TG_TABLE_NAME
            USING ERRCODE = 'insufficient_privilege';
        END $$;
        CREATE OR REPLACE TRIGGER refuse_event_change BEFORE UPDATE OR DELETE ON ledger.mt_events
          FOR EACH ROW EXECUTE FUNCTION ledger.refuse_event_change();
        CREATE OR REPLACE TRIGGER refuse_event_truncate BEFORE TRUNCATE ON ledger.mt_events
          FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_event_change();
        """;

    public async Task StartAsync(CancellationToken ct)
    {
        await using var connection = store.Options.Tenancy.Default.Database.CreateConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = Sql;
        await command.ExecuteNonQueryAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
