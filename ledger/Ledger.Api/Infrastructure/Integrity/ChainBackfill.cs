using System.Security.Cryptography;
using Npgsql;
using NpgsqlTypes;

namespace Ledger.Api.Infrastructure.Integrity;

/// <summary>
/// Installs the hash chain. On a ledger that had events before the chain existed (an old backup, the demo data of an earlier
/// version), the events already there are linked once, in sequence order, in the same transaction that creates the tables.
/// Only then: an event inserted later by hand never gets a chain row from here, so verify reports it as inserted.
/// </summary>
public static class ChainBackfill
{
    private const string ReadSql = $"""
        SELECT seq_id, id, stream_id, version, type, data::text, correlation_id, causation_id, user_name, tenant_id
        FROM ledger.mt_events e WHERE NOT {ChainVerifier.TombstoneSql} ORDER BY seq_id
        """;

    private const string CopySql = """
        COPY ledger.event_chain (landlord, position, seq_id, event_id, stream_key, version, content_hash, prev_hash, hash, field_hashes)
        FROM STDIN (FORMAT BINARY)
        """;

    public static async Task InstallAsync(NpgsqlConnection owner, string ownerConnectionString, ILogger logger, CancellationToken ct)
    {
        bool missing;
        await using (var probe = new NpgsqlCommand(EventChainSchema.IsMissingSql, owner))
        {
            missing = (bool)(await probe.ExecuteScalarAsync(ct))!;
        }
        await using var tx = await owner.BeginTransactionAsync(ct);
        await using (var schema = new NpgsqlCommand(EventChainSchema.Sql, owner, tx))
        {
            await schema.ExecuteNonQueryAsync(ct);
        }
        if (missing)
        {
            var linked = await LinkExistingAsync(owner, ownerConnectionString, ct);
            if (linked > 0) logger.LogInformation("Event chain installed: {Count} existing events linked", linked);
        }
        await tx.CommitAsync(ct);
    }

    private static async Task<long> LinkExistingAsync(NpgsqlConnection owner, string ownerConnectionString, CancellationToken ct)
    {
        var heads = new Dictionary<string, (long Position, byte[] Hash)>(StringComparer.Ordinal);
        await using var source = new NpgsqlConnection(ownerConnectionString);
        await source.OpenAsync(ct);
        await using var read = new NpgsqlCommand(ReadSql, source) { CommandTimeout = 0 };
        await using var r = await read.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
        await using var copy = await owner.BeginBinaryImportAsync(CopySql, ct);
        long count = 0;
        while (await r.ReadAsync(ct))
        {
            var seq = r.GetInt64(0);
            var id = r.GetGuid(1);
            var stream = r.GetString(2);
            var version = r.GetInt64(3);
            var type = r.GetString(4);
            var data = r.GetString(5);
            string? Text(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            var (correlation, causation, user) = (Text(6), Text(7), Text(8));
            var landlord = r.GetString(9);
            var (hash, fields) = ContentHash.Compute(new EventContent(landlord, stream, version, type, id, data, correlation, causation, user));
            var (position, prev) = heads.GetValueOrDefault(landlord, (0, ChainVerifier.Genesis));
            var linked = SHA256.HashData([.. prev, .. hash]);
            heads[landlord] = (position + 1, linked);
            await copy.StartRowAsync(ct);
            await copy.WriteAsync(landlord, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(position + 1, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(seq, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(id, NpgsqlDbType.Uuid, ct);
            await copy.WriteAsync(stream, NpgsqlDbType.Text, ct);
            await copy.WriteAsync(version, NpgsqlDbType.Bigint, ct);
            await copy.WriteAsync(hash, NpgsqlDbType.Bytea, ct);
            await copy.WriteAsync(prev, NpgsqlDbType.Bytea, ct);
            await copy.WriteAsync(linked, NpgsqlDbType.Bytea, ct);
            if (ChainLink.FieldHashesJson(fields) is { } json) await copy.WriteAsync(json, NpgsqlDbType.Jsonb, ct);
            else await copy.WriteNullAsync(ct);
            count++;
        }
        await copy.CompleteAsync(ct);
        return count;
    }
}
