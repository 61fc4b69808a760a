using System.Globalization;
using System.Text.Json;

namespace Payments.Api.Adyen;

/// <summary>
/// The fields of a standard notification item that we keep. Everything else in <c>additionalData</c> (cardSummary, cardBin,
/// expiryDate, holder name…) is dropped at parse time so that it never reaches a type, a log or the database.
/// </summary>
public sealed record NotificationItem(
    string PspReference, string? OriginalReference, string MerchantAccountCode, string? MerchantReference,
    long? AmountValue, string? Currency, string EventCode, string Success, string? EventDate, string? PaymentMethod, string? Reason)
{
    public bool IsSuccess => Success == "true";
}

/// <summary>An item as parsed from the wire, with its signature kept aside until it is checked.</summary>
public sealed record SignedNotification(NotificationItem Item, string? HmacSignature);

/// <summary>Adyen's envelope <c>{"live":"false","notificationItems":[{"NotificationRequestItem":{…}}]}</c>, parsed tolerantly.</summary>
public static class NotificationEnvelope
{
    public sealed record Parsed(string Live, IReadOnlyList<SignedNotification> Items);

    /// <summary>Null when the body is not a notification envelope at all (the endpoint answers 401 and stores nothing).</summary>
    public static Parsed? TryParse(ReadOnlySpan<byte> body)
    {
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 16 });
            using var doc = JsonDocument.ParseValue(ref reader);
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var live = Text(Property(root, "live")) ?? "";
            if (Property(root, "notificationItems") is not { ValueKind: JsonValueKind.Array } array) return null;
            var items = new List<SignedNotification>();
            foreach (var wrapper in array.EnumerateArray())
            {
                if (Property(wrapper, "NotificationRequestItem") is not { ValueKind: JsonValueKind.Object } item) return null;
                if (ParseItem(item) is not { } parsed) return null;
                items.Add(parsed);
            }
            return items.Count == 0 ? null : new Parsed(live, items);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static SignedNotification? ParseItem(JsonElement item)
    {
        var psp = Text(Property(item, "pspReference"));
        var eventCode = Text(Property(item, "eventCode"));
        var success = Text(Property(item, "success"));
        if (psp is null || eventCode is null || success is null) return null;
        long? value = null;
        string? currency = null;
        if (Property(item, "amount") is { ValueKind: JsonValueKind.Object } amount)
        {
            var v = Property(amount, "value");
            if (v is { ValueKind: JsonValueKind.Number } n && n.TryGetInt64(out var l)) value = l;
            else if (v is { ValueKind: JsonValueKind.String } s && long.TryParse(s.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out var p)) value = p;
            currency = Text(Property(amount, "currency"));
        }
        string? signature = null;
        if (Property(item, "additionalData") is { ValueKind: JsonValueKind.Object } additional)
        {
            signature = Text(Property(additional, "hmacSignature"));
        }
        var kept = new NotificationItem(
            psp, Text(Property(item, "originalReference")), Text(Property(item, "merchantAccountCode")) ?? "",
            Text(Property(item, "merchantReference")), value, currency, eventCode, success,
            Text(Property(item, "eventDate")), Text(Property(item, "paymentMethod")), Text(Property(item, "reason")));
        return new SignedNotification(kept, signature);
    }

    // Wrapper names vary in casing across Adyen's own samples (adyen.md pitfall 3): match case-insensitively.
    private static JsonElement? Property(JsonElement element, string name)
    {
        if (element.ValueKind != JsonValueKind.Object) return null;
        if (element.TryGetProperty(name, out var exact)) return exact;
        foreach (var p in element.EnumerateObject())
        {
            if (string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)) return p.Value;
        }
        return null;
    }

    // "success" is a string on the wire but some payloads send a JSON boolean: keep the lower-case text either way.
    private static string? Text(JsonElement? element) => element switch
    {
        { ValueKind: JsonValueKind.String } s => s.GetString(),
        { ValueKind: JsonValueKind.True } => "true",
        { ValueKind: JsonValueKind.False } => "false",
        { ValueKind: JsonValueKind.Number } n => n.GetRawText(),
        _ => null,
    };
}
