using System.Text.Json;
using Ledger.Domain.Accounts;
using NodaTime.Text;
using Primitives;

namespace Simulation.Tests;

/// <summary>
/// The JSON bodies that the payments outbox and the reconciliation posting queue send to the ledger's API, read into the
/// ledger's commands the way its endpoints do (payment <c>POST …/payments</c>, reversal <c>POST …/payments/{id}/reversals</c>).
/// </summary>
public static class LedgerCommands
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static JsonElement Parse(object body) =>
        body is string text ? JsonDocument.Parse(text).RootElement.Clone() : JsonSerializer.SerializeToElement(body, Json);

    public static (string Tenant, RecordPayment Command) Payment(JsonElement b)
    {
        var currency = new Currency(b.GetProperty("currency").GetString()!);
        var refs = b.TryGetProperty("externalReferences", out var r) && r.ValueKind == JsonValueKind.Object
            ? r.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
        var notice = b.TryGetProperty("noticeReference", out var n) && n.ValueKind == JsonValueKind.String ? new NoticeReference(n.GetString()!) : null;
        var command = new RecordPayment(new PaymentId(b.GetProperty("paymentId").GetString()!),
            Enum.Parse<PaymentChannel>(b.GetProperty("channel").GetString()!), Money.Parse(b.GetProperty("amount").GetString()!, currency),
            Date(b, "receivedOn"), refs, notice);
        return (b.GetProperty("tenantReference").GetString()!, command);
    }

    public static ReversePayment Reversal(string paymentId, JsonElement b) => new(new PaymentId(paymentId),
        b.GetProperty("reversalId").GetString()!, Enum.Parse<ReversalKind>(b.GetProperty("kind").GetString()!),
        Money.Parse(b.GetProperty("amount").GetString()!, new Currency(b.GetProperty("currency").GetString()!)),
        Date(b, "on"), b.GetProperty("reasonCode").GetString()!);

    private static NodaTime.LocalDate Date(JsonElement b, string name) => LocalDatePattern.Iso.Parse(b.GetProperty(name).GetString()!).Value;
}
