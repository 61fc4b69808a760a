using System.Security.Cryptography;
using Npgsql;

namespace Ledger.Api.Infrastructure.Integrity;

public enum ChainFault { Changed, Missing, Inserted, OutOfOrder, CheckpointMismatch }

/// <summary>The first event that does not match, as verify names it.</summary>
public sealed record ChainProblem(ChainFault Fault, string StreamKey, long Version, long SeqId, string Detail)
{
    public string Describe() => Fault switch
    {
        ChainFault.Changed => $"event changed: stream {StreamKey} version {Version} (seq {SeqId}): {Detail}",
        ChainFault.Missing => $"event missing: stream {StreamKey} version {Version} (seq {SeqId}): {Detail}",
        ChainFault.Inserted => $"event inserted: stream {StreamKey} version {Version} (seq {SeqId}): {Detail}",
        ChainFault.OutOfOrder => $"event out of order: stream {StreamKey} version {Version} (seq {SeqId}): {Detail}",
        _ => $"chain differs from the checkpoint at stream {StreamKey} version {Version} (seq {SeqId}): {Detail}",
    };
}

public sealed record ChainReport(string Landlord, long EventsChecked, long Position, byte[] Head, ChainProblem? Problem);

/// <summary>
/// Recomputes a landlord's chain from the database: every chain row in order (link, hash, and the event's content hash from
/// the event row as it is now), then every event row that no chain row names. One forward-only cursor per query, so memory
/// stays bounded at millions of events; the service role's SELECT is enough. Works the same on a restored backup.
/// </summary>
public static class ChainVerifier
{
    public static readonly byte[] Genesis = new byte[32];

    /// <summary>Checkpoints to hold the chain to: at <c>Position</c> the head must be <c>HeadHash</c>.</summary>
    public sealed record Expectation(long Position, byte[] HeadHash, string Source);

    private const string WalkSql = """
        SELECT c.position, c.seq_id, c.event_id, c.stream_key, c.version, c.content_hash, c.prev_hash, c.hash, c.field_hashes::text,
               e.seq_id, e.id, e.stream_id, e.version, e.type, e.data::text, e.correlation_id, e.causation_id, e.user_name, e.tenant_id
        FROM ledger.event_chain c LEFT JOIN ledger.mt_events e ON e.seq_id = c.seq_id
        WHERE c.landlord = $1 ORDER BY c.position
        """;

    /// <summary>
    /// Marten's tombstones: when a transaction that had reserved event sequence numbers fails (a lost race, retried), Marten
    /// fills the gap with a "tombstone" event in its own stream. They belong to no account, nothing reads them, the writer
    /// never appends them: they are not chained and not reported as inserted.
    /// </summary>
    public const string TombstoneSql = "(e.stream_id = 'mt_tombstone' AND e.type = 'tombstone')";

    private const string UnchainedSql = $"""
        SELECT e.seq_id, e.stream_id, e.version FROM ledger.mt_events e
        WHERE e.tenant_id = $1 AND NOT EXISTS (SELECT 1 FROM ledger.event_chain c WHERE c.seq_id = e.seq_id AND c.landlord = $1)
          AND NOT {TombstoneSql}
        ORDER BY e.seq_id LIMIT 1
        """;

    /// <summary>Landlords with events or chain rows (a skip scan over each table's leading index column).</summary>
    public const string LandlordsSql = """
        WITH RECURSIVE e AS (
          SELECT min(tenant_id) AS l FROM ledger.mt_events
          UNION ALL SELECT (SELECT min(tenant_id) FROM ledger.mt_events WHERE tenant_id > e.l) FROM e WHERE e.l IS NOT NULL),
        c AS (
          SELECT min(landlord) AS l FROM ledger.event_chain
          UNION ALL SELECT (SELECT min(landlord) FROM ledger.event_chain WHERE landlord > c.l) FROM c WHERE c.l IS NOT NULL)
        SELECT l FROM e WHERE l IS NOT NULL UNION SELECT l FROM c WHERE l IS NOT NULL ORDER BY 1
        """;

    public static async Task<List<string>> LandlordsAsync(NpgsqlConnection connection, CancellationToken ct)
    {
        var landlords = new List<string>();
        await using var command = new NpgsqlCommand(LandlordsSql, connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) landlords.Add(reader.GetString(0));
        return landlords;
    }

    public static async Task<ChainReport> VerifyAsync(
        NpgsqlConnection connection, string landlord, IReadOnlyList<Expectation> expectations, CancellationToken ct)
    {
        var pending = expectations.OrderBy(x => x.Position).ToList();
        var head = Genesis;
        long position = 0, checkedEvents = 0, lastSeq = 0;
        string lastStream = "";
        long lastVersion = 0;
        ChainProblem? problem = null;
        await using (var command = new NpgsqlCommand(WalkSql, connection) { CommandTimeout = 0 })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = landlord });
            await using var r = await command.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
            while (problem is null && await r.ReadAsync(ct))
            {
                var row = new ChainRow(r.GetInt64(0), r.GetInt64(1), r.GetGuid(2), r.GetString(3), r.GetInt64(4),
                    (byte[])r[5], (byte[])r[6], (byte[])r[7], r.IsDBNull(8) ? null : r.GetString(8));
                EventRow? ev = r.IsDBNull(9) ? null : new EventRow(r.GetInt64(9), r.GetGuid(10), r.IsDBNull(11) ? null : r.GetString(11),
                    r.GetInt64(12), r.GetString(13), r.GetString(14), Text(r, 15), Text(r, 16), Text(r, 17), Text(r, 18));
                problem = Check(landlord, row, ev, position, head);
                // Checkpoints passed over (their position absent: the chain rows there were removed) or reached.
                while (problem is null && pending.Count > 0 && pending[0].Position <= row.Position)
                {
                    var expected = pending[0];
                    pending.RemoveAt(0);
                    if (expected.Position < row.Position || !CryptographicOperations.FixedTimeEquals(row.Hash, expected.HeadHash))
                    {
                        problem = new ChainProblem(ChainFault.CheckpointMismatch, row.StreamKey, row.Version, row.SeqId,
                            $"the head at position {expected.Position} is not the one {expected.Source} signed: history up to there was changed, removed, inserted or re-ordered after the checkpoint");
                    }
                }
                if (problem is not null) break;
                head = row.Hash;
                position = row.Position;
                lastSeq = row.SeqId;
                lastStream = row.StreamKey;
                lastVersion = row.Version;
                checkedEvents++;
            }
        }
        if (problem is null && pending.Count > 0)
        {
            problem = new ChainProblem(ChainFault.Missing, lastStream, lastVersion, lastSeq,
                $"the chain ends at position {position}, before position {pending[0].Position} that {pending[0].Source} signed: events after this one were removed");
        }
        // An event row that no chain row names was not written by the ledger's writer.
        await using (var command = new NpgsqlCommand(UnchainedSql, connection) { CommandTimeout = 0 })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = landlord });
            await using var r = await command.ExecuteReaderAsync(ct);
            if (await r.ReadAsync(ct))
            {
                var inserted = new ChainProblem(ChainFault.Inserted, r.IsDBNull(1) ? "?" : r.GetString(1), r.GetInt64(2), r.GetInt64(0),
                    "no chain row links this event: it was not appended by the ledger");
                if (problem is null || inserted.SeqId < problem.SeqId) problem = inserted;
            }
        }
        return new ChainReport(landlord, checkedEvents, position, head, problem);
    }

    private static string? Text(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? null : r.GetString(i);

    private sealed record ChainRow(long Position, long SeqId, Guid EventId, string StreamKey, long Version,
        byte[] ContentHash, byte[] PrevHash, byte[] Hash, string? FieldHashes);

    private sealed record EventRow(long SeqId, Guid Id, string? StreamId, long Version, string Type, string Data,
        string? CorrelationId, string? CausationId, string? UserName, string? TenantId);

    private static ChainProblem? Check(string landlord, ChainRow c, EventRow? e, long previousPosition, byte[] head)
    {
        ChainProblem Fault(ChainFault f, string detail) => new(f, c.StreamKey, c.Version, c.SeqId, detail);
        if (c.Position != previousPosition + 1)
            return Fault(ChainFault.Missing, $"chain positions {previousPosition + 1}…{c.Position - 1} are gone: the events linked there were removed");
        if (!CryptographicOperations.FixedTimeEquals(c.PrevHash, head))
            return Fault(ChainFault.OutOfOrder, $"position {c.Position} does not follow the hash of position {previousPosition}");
        if (!CryptographicOperations.FixedTimeEquals(c.Hash, SHA256.HashData([.. c.PrevHash, .. c.ContentHash])))
            return Fault(ChainFault.Changed, $"the chain row at position {c.Position} was altered");
        if (e is null)
            return Fault(ChainFault.Missing, "the chain links an event row that is no longer there");
        if (e.TenantId != landlord || e.Id != c.EventId || e.StreamId != c.StreamKey || e.Version != c.Version)
            return Fault(ChainFault.Changed, "the event row's landlord, id, stream or version is not the one linked");
        var fieldHashes = ChainLink.ParseFieldHashes(c.FieldHashes);
        var (hash, _) = ContentHash.Compute(new EventContent(landlord, e.StreamId, e.Version, e.Type, e.Id, e.Data,
            e.CorrelationId, e.CausationId, e.UserName), fieldHashes);
        return CryptographicOperations.FixedTimeEquals(hash, c.ContentHash)
            ? null
            : Fault(ChainFault.Changed, "its content (data, type or metadata) is not what was appended");
    }
}
