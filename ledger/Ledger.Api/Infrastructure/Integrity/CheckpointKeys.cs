using System.Security.Cryptography;
using System.Text;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Api.Infrastructure.Integrity;

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
