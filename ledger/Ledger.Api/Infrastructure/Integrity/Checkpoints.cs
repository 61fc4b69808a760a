using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using NodaTime;
using NodaTime.Text;
using Npgsql;

namespace Ledger.Api.Infrastructure.Integrity;

/// <summary>
/// A signed statement "landlord L's chain had head H at position P (event sequence S)", exported for safekeeping outside the
/// ledger's database. What is signed is <see cref="Payload"/>, not the JSON, so field order or spacing never matters.
/// </summary>
public sealed record Checkpoint(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("landlord")] string Landlord,
    [property: JsonPropertyName("position")] long Position,
    [property: JsonPropertyName("seqId")] long SeqId,
    [property: JsonPropertyName("headHash")] string HeadHash,
    [property: JsonPropertyName("signedAt")] string SignedAt,
    [property: JsonPropertyName("keyId")] string KeyId,
    [property: JsonPropertyName("algorithm")] string Algorithm,
    [property: JsonPropertyName("signature")] string Signature)
{
    public const string CurrentFormat = "rent-ledger-checkpoint/v1";
    public const string EcdsaP256 = "ECDSA-P256-SHA256";

    public static string Payload(string landlord, long position, long seqId, string headHash, string signedAt, string keyId) =>
        string.Join('\n', CurrentFormat, landlord, position.ToString(CultureInfo.InvariantCulture),
            seqId.ToString(CultureInfo.InvariantCulture), headHash, signedAt, keyId);

    public string ToJson() => JsonSerializer.Serialize(this);

    public static Checkpoint Parse(string json) =>
        JsonSerializer.Deserialize<Checkpoint>(json) ?? throw new FormatException("not a checkpoint");
}

/// <summary>
/// The checkpoint keys from configuration: <c>Ledger:Checkpoints:SigningKey</c> (ECDSA P-256 private key, PKCS#8 PEM or
/// base64 DER) with <c>Ledger:Checkpoints:KeyId</c>, and <c>Ledger:Checkpoints:VerificationKeys:N:KeyId/PublicKey</c>
/// (SubjectPublicKeyInfo PEM or base64 DER): the public keys of earlier signing keys, so old checkpoints verify after a
/// rotation. ECDSA rather than Ed25519 because .NET has it built in and we add no package.
/// </summary>
public sealed class CheckpointKeys : IDisposable
{
    private readonly ECDsa? _signing;
    private readonly Dictionary<string, ECDsa> _verification = new(StringComparer.Ordinal);

    public CheckpointKeys(IConfiguration config)
    {
        var section = config.GetSection("Ledger:Checkpoints");
        if (section["SigningKey"] is { Length: > 0 } signing)
        {
            KeyId = section["KeyId"] is { Length: > 0 } id ? id
                : throw new InvalidOperationException("Ledger:Checkpoints:KeyId is required with Ledger:Checkpoints:SigningKey");
            _signing = ECDsa.Create();
            if (signing.Contains("-----BEGIN", StringComparison.Ordinal)) _signing.ImportFromPem(signing);
            else _signing.ImportPkcs8PrivateKey(Convert.FromBase64String(signing), out _);
            RequireP256(_signing, "Ledger:Checkpoints:SigningKey");
            var pub = ECDsa.Create();
            pub.ImportSubjectPublicKeyInfo(_signing.ExportSubjectPublicKeyInfo(), out _);
            _verification[KeyId] = pub;
        }
        foreach (var key in section.GetSection("VerificationKeys").GetChildren())
        {
            var keyId = key["KeyId"];
            var publicKey = key["PublicKey"];
            if (string.IsNullOrWhiteSpace(keyId) || string.IsNullOrWhiteSpace(publicKey))
                throw new InvalidOperationException($"Ledger:Checkpoints:VerificationKeys:{key.Key} needs KeyId and PublicKey");
            var ecdsa = ECDsa.Create();
            if (publicKey.Contains("-----BEGIN", StringComparison.Ordinal)) ecdsa.ImportFromPem(publicKey);
            else ecdsa.ImportSubjectPublicKeyInfo(Convert.FromBase64String(publicKey), out _);
            RequireP256(ecdsa, $"Ledger:Checkpoints:VerificationKeys:{key.Key}");
            _verification.TryAdd(keyId, ecdsa);
        }
    }

    public string? KeyId { get; }

    public bool CanSign => _signing is not null;

    private static void RequireP256(ECDsa key, string where)
    {
        if (key.KeySize != 256) throw new InvalidOperationException($"{where}: an ECDSA P-256 key is expected");
    }

    public Checkpoint Sign(string landlord, long position, long seqId, byte[] head, Instant now)
    {
        if (_signing is null || KeyId is null) throw new InvalidOperationException("no checkpoint signing key is configured");
        var headHex = Convert.ToHexStringLower(head);
        var signedAt = InstantPattern.ExtendedIso.Format(now);
        var payload = Encoding.UTF8.GetBytes(Checkpoint.Payload(landlord, position, seqId, headHex, signedAt, KeyId));
        var signature = _signing.SignData(payload, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        return new Checkpoint(Checkpoint.CurrentFormat, landlord, position, seqId, headHex, signedAt, KeyId, Checkpoint.EcdsaP256,
            Convert.ToBase64String(signature));
    }

    /// <summary>Null when the signature holds with the key it names; otherwise why not.</summary>
    public string? CheckSignature(Checkpoint c)
    {
        if (c.Format != Checkpoint.CurrentFormat || c.Algorithm != Checkpoint.EcdsaP256) return $"unknown checkpoint format {c.Format}/{c.Algorithm}";
        if (!_verification.TryGetValue(c.KeyId, out var key)) return $"no verification key {c.KeyId} is configured (Ledger:Checkpoints:VerificationKeys)";
        byte[] signature;
        try { signature = Convert.FromBase64String(c.Signature); }
        catch (FormatException) { return "the signature is not base64"; }
        var payload = Encoding.UTF8.GetBytes(Checkpoint.Payload(c.Landlord, c.Position, c.SeqId, c.HeadHash, c.SignedAt, c.KeyId));
        return key.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation)
            ? null : $"the signature does not match (key {c.KeyId}): the checkpoint was altered or signed by another key";
    }

    public void Dispose()
    {
        _signing?.Dispose();
        foreach (var k in _verification.Values) k.Dispose();
    }
}

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
