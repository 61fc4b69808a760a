using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Payments.Api.Adyen;

/// <summary>
/// HMAC-SHA256 of a standard notification item (adyen.md §1a): eight fields joined by ':' with no escaping, missing fields
/// as empty strings, the amount in minor units, <c>success</c> as received; the key is hex-decoded.
/// </summary>
public static class NotificationHmac
{
    public static string DataToSign(NotificationItem item) => string.Join(':',
        item.PspReference, item.OriginalReference ?? "", item.MerchantAccountCode, item.MerchantReference ?? "",
        item.AmountValue?.ToString(CultureInfo.InvariantCulture) ?? "", item.Currency ?? "", item.EventCode, item.Success);

    public static string Sign(NotificationItem item, string hexKey) =>
        Convert.ToBase64String(HMACSHA256.HashData(Convert.FromHexString(hexKey), Encoding.UTF8.GetBytes(DataToSign(item))));

    /// <summary>True when the signature matches one of the keys (current or previous); constant time per key.</summary>
    public static bool IsValid(NotificationItem item, string? signature, IEnumerable<string> hexKeys)
    {
        if (string.IsNullOrEmpty(signature)) return false;
        var received = new byte[32];
        if (!Convert.TryFromBase64String(signature, received, out var written) || written != 32) return false;
        var data = Encoding.UTF8.GetBytes(DataToSign(item));
        var valid = false;
        foreach (var key in hexKeys)
        {
            var expected = HMACSHA256.HashData(Convert.FromHexString(key), data);
            // No early exit: every key is tried so the time does not tell which one matched.
            valid |= CryptographicOperations.FixedTimeEquals(expected, received);
        }
        return valid;
    }
}
