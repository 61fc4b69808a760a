using System.Text.Json;
using System.Text.Json.Serialization;

namespace Primitives;

/// <summary>
/// Value objects travel as plain strings in events, documents and APIs ("100001/01", not {"value":"100001/01"}),
/// and are validated again when read back: a corrupted row fails loudly instead of producing an invalid value.
/// </summary>
public abstract class StringValueJsonConverter<T>(Func<string, T> create, Func<T, string> toText) : JsonConverter<T>
    where T : class
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : create(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(toText(value));
}

public sealed class TenantReferenceJsonConverter() : StringValueJsonConverter<TenantReference>(s => new TenantReference(s), v => v.Value);

public sealed class NoticeReferenceJsonConverter() : StringValueJsonConverter<NoticeReference>(s => new NoticeReference(s), v => v.Value);

public sealed class RfReferenceJsonConverter() : StringValueJsonConverter<RfReference>(s => new RfReference(s), v => v.Value);

public sealed class PaymentIdJsonConverter() : StringValueJsonConverter<PaymentId>(s => new PaymentId(s), v => v.Value);

public sealed class CurrencyJsonConverter : JsonConverter<Currency>
{
    public override Currency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, Currency value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Code);
}
