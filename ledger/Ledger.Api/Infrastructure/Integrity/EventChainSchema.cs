namespace Ledger.Api.Infrastructure.Integrity;

/// <summary>
/// The tables of the hash chain and the function that links new events, installed by <see cref="LedgerMigration"/> with the
/// owner role after Marten's tables. Both tables are append-only like the events (same trigger function); the service role
/// gets SELECT and INSERT only (<see cref="LedgerMigration.GrantsSql"/>).
/// </summary>
public static class EventChainSchema
{
    /// <summary>True when the chain is not installed yet: the migration then backfills the events already there, once.</summary>
    public const string IsMissingSql = "SELECT to_regclass('ledger.event_chain') IS NULL";

    public const string Sql = """
        CREATE TABLE IF NOT EXISTS ledger.event_chain (
          landlord text NOT NULL,
          position bigint NOT NULL,
          seq_id bigint NOT NULL,
          event_id uuid NOT NULL,
          stream_key text NOT NULL,
          version bigint NOT NULL,
          content_hash bytea NOT NULL,
          prev_hash bytea NOT NULL,
          hash bytea NOT NULL,
          field_hashes jsonb,
          PRIMARY KEY (landlord, position),
          UNIQUE (landlord, event_id),
          UNIQUE (seq_id)
        );
        CREATE TABLE IF NOT EXISTS ledger.chain_checkpoints (
          landlord text NOT NULL,
          position bigint NOT NULL,
          seq_id bigint NOT NULL,
          head_hash bytea NOT NULL,
          signed_at timestamptz NOT NULL,
          key_id text NOT NULL,
          signature bytea NOT NULL,
          document text NOT NULL,
          PRIMARY KEY (landlord, position, key_id)
        );
        CREATE OR REPLACE TRIGGER refuse_event_change BEFORE UPDATE OR DELETE ON ledger.event_chain
          FOR EACH ROW EXECUTE FUNCTION ledger.refuse_event_change();
        CREATE OR REPLACE TRIGGER refuse_event_truncate BEFORE TRUNCATE ON ledger.event_chain
          FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_event_change();
        CREATE OR REPLACE TRIGGER refuse_event_change BEFORE UPDATE OR DELETE ON ledger.chain_checkpoints
          FOR EACH ROW EXECUTE FUNCTION ledger.refuse_event_change();
        CREATE OR REPLACE TRIGGER refuse_event_truncate BEFORE TRUNCATE ON ledger.chain_checkpoints
          FOR EACH STATEMENT EXECUTE FUNCTION ledger.refuse_event_change();

        -- Links the events a transaction has just appended, in the order given (one stream's versions, or a rent run's
        -- thousand accounts at once), after the landlord's head. The advisory lock serialises the landlord's links until
        -- commit (it is the batch's last statement, so it is held only from here to the commit); a lost race elsewhere rolls
        -- everything back, the lock included. One call per batch: the events are found in one join and linked in one insert.
        DROP FUNCTION IF EXISTS ledger.chain_append(text, text, bigint, uuid[], bytea[], jsonb[]);
        CREATE OR REPLACE FUNCTION ledger.chain_append(p_landlord text, p_streams text[], p_versions bigint[],
            p_event_ids uuid[], p_content bytea[], p_field_hashes jsonb[]) RETURNS void LANGUAGE plpgsql AS $$
        DECLARE
          v_n int := coalesce(array_length(p_content, 1), 0);
          v_pos bigint;
          v_head bytea;
          v_seqs bigint[];
          v_ids uuid[];
          v_prevs bytea[] := '{}';
          v_hashes bytea[] := '{}';
        BEGIN
          IF v_n = 0 THEN RETURN; END IF;
          PERFORM pg_advisory_xact_lock(hashtextextended('ledger.event_chain/' || p_landlord, 0));
          SELECT c.position, c.hash INTO v_pos, v_head FROM ledger.event_chain c
            WHERE c.landlord = p_landlord ORDER BY c.position DESC LIMIT 1;
          IF NOT FOUND THEN
            v_pos := 0;
            v_head := '\x0000000000000000000000000000000000000000000000000000000000000000'::bytea;
          END IF;
          SELECT array_agg(e.seq_id ORDER BY u.ord), array_agg(e.id ORDER BY u.ord) INTO v_seqs, v_ids
            FROM unnest(p_streams, p_versions) WITH ORDINALITY AS u(stream, version, ord)
            JOIN ledger.mt_events e ON e.tenant_id = p_landlord AND e.stream_id = u.stream AND e.version = u.version;
          IF coalesce(array_length(v_ids, 1), 0) <> v_n OR v_ids <> p_event_ids THEN
            RAISE EXCEPTION 'event chain: % events given, and not all of them are the stored events of their stream versions', v_n;
          END IF;
          FOR i IN 1 .. v_n LOOP
            v_prevs[i] := v_head;
            v_head := sha256(v_head || p_content[i]);
            v_hashes[i] := v_head;
          END LOOP;
          INSERT INTO ledger.event_chain (landlord, position, seq_id, event_id, stream_key, version, content_hash, prev_hash, hash, field_hashes)
            SELECT p_landlord, v_pos + u.ord, u.seq, u.id, u.stream, u.version, u.content, u.prev, u.hash, u.fields
            FROM unnest(v_seqs, p_event_ids, p_streams, p_versions, p_content, v_prevs, v_hashes, p_field_hashes)
              WITH ORDINALITY AS u(seq, id, stream, version, content, prev, hash, fields, ord);
        END $$;
        """;
}
