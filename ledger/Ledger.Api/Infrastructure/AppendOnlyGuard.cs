namespace Ledger.Api.Infrastructure;

/// <summary>
/// Makes the event table append-only in the database itself: a trigger refuses any UPDATE or DELETE of a money fact, whoever
/// connects (a bug, a hand-written fix, the owner role itself). Corrections are new events. Installed by
/// <see cref="LedgerMigration"/> with the owner role, after Marten has created its tables; the service role does not own the
/// table, so it can neither disable nor replace the trigger.
/// </summary>
public static class AppendOnlyGuard
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
}
