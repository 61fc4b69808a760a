using System.Globalization;
using System.Text;

namespace Ledger.Api.Documents.Notices;

/// <summary>
/// The payload of an EPC069-12 "SEPA credit transfer" QR code (version 002): lines separated by LF, in this order —
/// "BCD", "002", character set "1" (UTF-8), "SCT", the BIC (optional since version 002 inside the EEA), the beneficiary's
/// name (at most 70 characters), the IBAN, "EUR" and the amount (0.01 to 999999999.99, at most two decimals, a dot),
/// the purpose (empty), the structured remittance (an ISO 11649 RF reference, at most 35 characters; the unstructured
/// remittance then stays empty), and no note to the payer. At most 331 bytes; the QR uses error correction level M.
/// </summary>
public static class EpcQrPayload
{
    public const int MaxBytes = 331;

    public static string Build(string? bic, string beneficiary, string iban, long amountCents, string rfReference)
    {
        if (amountCents is < 1 or > 999_999_999_99) throw new ArgumentOutOfRangeException(nameof(amountCents), "EPC QR amount must be 0.01 to 999999999.99");
        if (rfReference.Length > 35) throw new ArgumentException("the structured remittance is at most 35 characters", nameof(rfReference));
        // A name longer than 70 characters is cut rather than refused: the landlord's name is long at worst, never wrong.
        var name = beneficiary.Length > 70 ? beneficiary[..70] : beneficiary;
        var amount = string.Create(CultureInfo.InvariantCulture, $"EUR{amountCents / 100}.{amountCents % 100:00}");
        var payload = string.Join('\n', "BCD", "002", "1", "SCT", bic ?? "", name, iban, amount, "", rfReference);
        if (Encoding.UTF8.GetByteCount(payload) > MaxBytes) throw new ArgumentException("EPC QR payload over 331 bytes");
        return payload;
    }
}
