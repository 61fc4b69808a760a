using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

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
