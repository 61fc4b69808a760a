using NodaTime;
using Npgsql;

namespace Ledger.Api.Infrastructure.Integrity;

/// <summary>Writing and reading checkpoints in <c>ledger.chain_checkpoints</c> (append-only, like the chain).</summary>
public static class CheckpointStore
{
    /// <summary>Signs the landlord's current head and stores it; null when the landlord has no chained event yet.</summary>
    public static async Task<Checkpoint?> CreateAsync(NpgsqlConnection connection, CheckpointKeys keys, string landlord, Instant now, CancellationToken ct)
    {
        long position, seq;
        byte[] head;
        await using (var read = new NpgsqlCommand(
            "SELECT position, seq_id, hash FROM ledger.event_chain WHERE landlord = $1 ORDER BY position DESC LIMIT 1", connection))
        {
            read.Parameters.Add(new NpgsqlParameter { Value = landlord });
            await using var r = await read.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) return null;
            (position, seq, head) = (r.GetInt64(0), r.GetInt64(1), (byte[])r[2]);
        }
        var checkpoint = keys.Sign(landlord, position, seq, head, now);
        await using var insert = new NpgsqlCommand("""
            INSERT INTO ledger.chain_checkpoints (landlord, position, seq_id, head_hash, signed_at, key_id, signature, document)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING
            """, connection);
        foreach (var value in new object[] { landlord, position, seq, head, now.ToDateTimeOffset(), checkpoint.KeyId,
                     Convert.FromBase64String(checkpoint.Signature), checkpoint.ToJson() })
        {
            insert.Parameters.Add(new NpgsqlParameter { Value = value });
        }
        // Same head already checkpointed with this key: that one stands (the table is append-only).
        return await insert.ExecuteNonQueryAsync(ct) == 1 ? checkpoint : await LatestAsync(connection, landlord, ct);
    }

    public static async Task<Checkpoint?> LatestAsync(NpgsqlConnection connection, string landlord, CancellationToken ct)
    {
        await using var read = new NpgsqlCommand(
            "SELECT document FROM ledger.chain_checkpoints WHERE landlord = $1 ORDER BY position DESC, signed_at DESC LIMIT 1", connection);
        read.Parameters.Add(new NpgsqlParameter { Value = landlord });
        return await read.ExecuteScalarAsync(ct) is string json ? Checkpoint.Parse(json) : null;
    }

    /// <summary>When the landlord was last checkpointed (null: never).</summary>
    public static async Task<Instant?> LastSignedAtAsync(NpgsqlConnection connection, string landlord, CancellationToken ct)
    {
        await using var read = new NpgsqlCommand("SELECT max(signed_at) FROM ledger.chain_checkpoints WHERE landlord = $1", connection);
        read.Parameters.Add(new NpgsqlParameter { Value = landlord });
        return await read.ExecuteScalarAsync(ct) is DateTime t ? Instant.FromDateTimeUtc(DateTime.SpecifyKind(t, DateTimeKind.Utc)) : null;
    }

    /// <summary>Every stored checkpoint of a landlord, oldest first (verify holds the chain to each).</summary>
    public static async Task<List<Checkpoint>> AllAsync(NpgsqlConnection connection, string landlord, CancellationToken ct)
    {
        var list = new List<Checkpoint>();
        await using var read = new NpgsqlCommand(
            "SELECT document FROM ledger.chain_checkpoints WHERE landlord = $1 ORDER BY position, signed_at", connection);
        read.Parameters.Add(new NpgsqlParameter { Value = landlord });
        await using var r = await read.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(Checkpoint.Parse(r.GetString(0)));
        return list;
    }
}
