using System.Text.Json;
using PspSimulator;

namespace Payments.Tests.Support;

/// <summary>Signed standard notifications for tests, signed by the simulator's own (independent) implementation.</summary>
public static class Notifications
{
    public static SimNotification Item(string psp, string eventCode, long value, string merchantReference = "AT-test", string? original = null, bool success = true,
        string? reason = null, Dictionary<string, string>? extra = null) =>
        new(psp, original, merchantReference, value, "EUR", eventCode, success, new DateTimeOffset(2026, 11, 4, 10, 0, 0, TimeSpan.FromHours(1)), "visa", reason,
            extra ?? []);

    public static string Envelope(SimNotification n, string hexKey, string merchantAccount = PaymentsStack.MerchantAccount, string live = "false",
        string? signatureOverride = null)
    {
        var additional = new Dictionary<string, string>(n.ExtraAdditionalData) { ["hmacSignature"] = signatureOverride ?? WebhookSender.Sign(n, merchantAccount, hexKey) };
        var item = new Dictionary<string, object?>
        {
            ["additionalData"] = additional,
            ["amount"] = new { value = n.AmountValue, currency = n.Currency },
            ["eventCode"] = n.EventCode,
            ["eventDate"] = n.EventDate.ToString("yyyy-MM-dd'T'HH:mm:sszzz", System.Globalization.CultureInfo.InvariantCulture),
            ["merchantAccountCode"] = merchantAccount,
            ["merchantReference"] = n.MerchantReference,
            ["originalReference"] = n.OriginalReference,
            ["paymentMethod"] = n.PaymentMethod,
            ["pspReference"] = n.PspReference,
            ["reason"] = n.Reason,
            ["success"] = n.Success ? "true" : "false",
        };
        return JsonSerializer.Serialize(new { live, notificationItems = new[] { new { NotificationRequestItem = item } } });
    }
}
