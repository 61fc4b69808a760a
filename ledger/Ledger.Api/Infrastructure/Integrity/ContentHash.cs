using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ledger.Api.Infrastructure.Integrity;

/// <summary>What the content hash of one event covers: everything of its row but the database's own bookkeeping.</summary>
/// <remarks>
/// The timestamp is left out: Marten and PostgreSQL set it at commit, so the writer cannot know it beforehand; the money
/// facts' own dates (received on, due date…) are in <see cref="DataJson"/> and covered. The .NET type name is left out too
/// (a rename of a class is not a change of a fact); <see cref="EventType"/>, Marten's stable alias, is covered.
/// </remarks>
public sealed record EventContent(
    string Landlord, string StreamKey, long Version, string EventType, Guid EventId, string DataJson,
    string? CorrelationId, string? CausationId, string? UserName);

/// <summary>
/// The content hash of an event: SHA-256 over a canonical, length-prefixed encoding of <see cref="EventContent"/>, the
/// event data as canonical JSON (keys sorted, whitespace removed, numbers and escapes normalised), so that the JSON the
/// writer serialises and the jsonb that <c>verify</c> reads back hash alike.
/// Personal fields (<see cref="PersonalFields"/>) enter the hash only through their own salted hash, so that masking one on
/// request (blanking the value) leaves the content hash recomputable: see SECURITY.md, "Tamper evidence".
/// </summary>
public static class ContentHash
{
    /// <summary>Bumped if the encoding ever changes; part of every hash, so two encodings never collide.</summary>
    private const string Domain = "rent-ledger/event/v1";

    /// <summary>The value a masked personal field holds (what the erasure procedure writes); its field hash comes from the chain row.</summary>
    public const string MaskedValue = "***";

    /// <summary>The personal fields of each event type (Marten alias → JSON property names): only the tenant's name today.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> PersonalFields = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["account_opened"] = ["tenantName"],
    };

    private static readonly JsonWriterOptions WriterOptions = new() { Indented = false, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>
    /// The content hash and the field hashes of the event's personal fields (property → hash). <paramref name="knownFieldHashes"/>
    /// (from the chain row, when verifying) stands in for a field whose value was masked.
    /// </summary>
    public static (byte[] Hash, Dictionary<string, byte[]> FieldHashes) Compute(EventContent e, IReadOnlyDictionary<string, byte[]>? knownFieldHashes = null)
    {
        var fieldHashes = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        var personal = PersonalFields.GetValueOrDefault(e.EventType) ?? [];
        var data = CanonicalJson(e.DataJson, name =>
        {
            if (Array.IndexOf(personal, name.Property) < 0) return null;
            byte[] hash;
            if (name.Value is MaskedValue && knownFieldHashes?.GetValueOrDefault(name.Property) is { } known)
            {
                hash = known;
            }
            else
            {
                hash = FieldHash(e, name.Property, name.Value);
            }
            fieldHashes[name.Property] = hash;
            return "sha256:" + Convert.ToHexStringLower(hash);
        });

        using var buffer = new MemoryStream(256 + data.Length);
        Field(buffer, Domain);
        Field(buffer, e.Landlord);
        Field(buffer, e.StreamKey);
        Field(buffer, e.Version.ToString(CultureInfo.InvariantCulture));
        Field(buffer, e.EventType);
        Field(buffer, e.EventId.ToString("D"));
        Field(buffer, data);
        Field(buffer, e.CorrelationId);
        Field(buffer, e.CausationId);
        Field(buffer, e.UserName);
        return (SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)), fieldHashes);
    }

    /// <summary>
    /// A personal field's hash, salted with the event's identity so that equal names on two accounts hash apart. It does not
    /// stop someone who already guesses the name from confirming it (SECURITY.md says so).
    /// </summary>
    private static byte[] FieldHash(EventContent e, string property, string? value)
    {
        using var buffer = new MemoryStream();
        Field(buffer, Domain + "/field");
        Field(buffer, e.Landlord);
        Field(buffer, e.EventId.ToString("D"));
        Field(buffer, property);
        Field(buffer, value);
        return SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length));
    }

    /// <summary>4-byte big-endian length then UTF-8 bytes; null is length 0xFFFFFFFF (distinct from the empty string).</summary>
    private static void Field(Stream to, string? value)
    {
        Span<byte> length = stackalloc byte[4];
        if (value is null)
        {
            BinaryPrimitives.WriteUInt32BigEndian(length, uint.MaxValue);
            to.Write(length);
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)bytes.Length);
        to.Write(length);
        to.Write(bytes);
    }

    private static void Field(Stream to, byte[] value)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(length, (uint)value.Length);
        to.Write(length);
        to.Write(value);
    }

    /// <summary>A top-level string property, offered to the personal-field hook.</summary>
    public readonly record struct TopLevelString(string Property, string? Value);

    /// <summary>
    /// Canonical JSON: object keys sorted by ordinal UTF-16 order, no whitespace, strings re-escaped by one encoder, integers
    /// as themselves and other numbers as normalised decimals (jsonb keeps a numeric's value and scale, not its spelling).
    /// <paramref name="replaceTopLevel"/> may replace a top-level string value (personal fields).
    /// </summary>
    public static byte[] CanonicalJson(string json, Func<TopLevelString, string?>? replaceTopLevel = null)
    {
        using var doc = JsonDocument.Parse(json);
        using var output = new MemoryStream(json.Length);
        using (var writer = new Utf8JsonWriter(output, WriterOptions))
        {
            Write(writer, doc.RootElement, replaceTopLevel, depth: 0);
        }
        return output.ToArray();
    }

    private static void Write(Utf8JsonWriter w, JsonElement e, Func<TopLevelString, string?>? replaceTopLevel, int depth)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Object:
                w.WriteStartObject();
                foreach (var p in e.EnumerateObject().OrderBy(p => p.Name, StringComparer.Ordinal))
                {
                    w.WritePropertyName(p.Name);
                    if (depth == 0 && replaceTopLevel is not null && p.Value.ValueKind is JsonValueKind.String or JsonValueKind.Null
                        && replaceTopLevel(new TopLevelString(p.Name, p.Value.GetString())) is { } replaced)
                    {
                        w.WriteStringValue(replaced);
                        continue;
                    }
                    Write(w, p.Value, replaceTopLevel, depth + 1);
                }
                w.WriteEndObject();
                break;
            case JsonValueKind.Array:
                w.WriteStartArray();
                foreach (var item in e.EnumerateArray()) Write(w, item, replaceTopLevel, depth + 1);
                w.WriteEndArray();
                break;
            case JsonValueKind.String:
                w.WriteStringValue(e.GetString());
                break;
            case JsonValueKind.Number:
                if (e.TryGetInt64(out var l)) w.WriteNumberValue(l);
                else if (e.TryGetDecimal(out var d)) w.WriteRawValue(d.ToString(CultureInfo.InvariantCulture));
                else w.WriteRawValue(e.GetRawText());
                break;
            case JsonValueKind.True: w.WriteBooleanValue(true); break;
            case JsonValueKind.False: w.WriteBooleanValue(false); break;
            default: w.WriteNullValue(); break;
        }
    }
}
