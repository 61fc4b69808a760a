using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ledger.Domain.ValueObjects;

/// <summary>
/// Value objects travel as plain strings in events, documents and APIs ("100001/01", not {"value":"100001/01"}),
/// and are validated again when read back: a corrupted row fails loudly instead of producing an invalid value.
/// </summary>
public sealed class StringValueJsonConverter<T>(Func<string, T> create, Func<T, string> toText) : JsonConverter<T>
    where T : class
{
    public override T? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.Null ? null : create(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(toText(value));
}

public sealed class TenantReferenceJsonConverter : JsonConverter<TenantReference>
{
    private readonly StringValueJsonConverter<TenantReference> _inner = new(s => new TenantReference(s), v => v.Value);
    public override TenantReference? Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => _inner.Read(ref r, t, o);
    public override void Write(Utf8JsonWriter w, TenantReference v, JsonSerializerOptions o) => _inner.Write(w, v, o);
}

public sealed class NoticeReferenceJsonConverter : JsonConverter<NoticeReference>
{
    private readonly StringValueJsonConverter<NoticeReference> _inner = new(s => new NoticeReference(s), v => v.Value);
    public override NoticeReference? Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => _inner.Read(ref r, t, o);
    public override void Write(Utf8JsonWriter w, NoticeReference v, JsonSerializerOptions o) => _inner.Write(w, v, o);
}

public sealed class RfReferenceJsonConverter : JsonConverter<RfReference>
{
    private readonly StringValueJsonConverter<RfReference> _inner = new(s => new RfReference(s), v => v.Value);
    public override RfReference? Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => _inner.Read(ref r, t, o);
    public override void Write(Utf8JsonWriter w, RfReference v, JsonSerializerOptions o) => _inner.Write(w, v, o);
}

public sealed class PaymentIdJsonConverter : JsonConverter<PaymentId>
{
    private readonly StringValueJsonConverter<PaymentId> _inner = new(s => new PaymentId(s), v => v.Value);
    public override PaymentId? Read(ref Utf8JsonReader r, Type t, JsonSerializerOptions o) => _inner.Read(ref r, t, o);
    public override void Write(Utf8JsonWriter w, PaymentId v, JsonSerializerOptions o) => _inner.Write(w, v, o);
}

public sealed class CurrencyJsonConverter : JsonConverter<Currency>
{
    public override Currency Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        new(reader.GetString()!);

    public override void Write(Utf8JsonWriter writer, Currency value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Code);
}
