using System.Globalization;
using System.Text.Json;
using Primitives;

namespace Payments.Api.Features.Webhooks;

/// <summary>A verified inbox item as the processor reads it back (the ten kept fields and its row id).</summary>
public sealed record InboxItem(
    long Id, string PspReference, string? OriginalReference, string? MerchantReference, string EventCode, bool Success,
    long? AmountValue, string? Currency, string? EventDate, string? Reason);

/// <summary>The attempt an AUTHORISATION refers to (by merchantReference): whose notice it pays.</summary>
public sealed record AttemptRef(string TenantReference, string NoticeReference, string Currency, long AmountCents);

/// <summary>A ledger command waiting in the outbox: where it goes, its body, and the key that makes a resend harmless.</summary>
public sealed record OutboxCommand(string IdempotencyKey, string Kind, string PaymentId, string Path, string Body);

/// <summary>
/// What one inbox item means: a new status for its attempt (if any), the ledger commands to send, and, when an operator
/// must look (an authorisation that does not match its attempt), why.
/// </summary>
public sealed record WebhookOutcome(string ItemStatus, string? AttemptStatus, IReadOnlyList<OutboxCommand> Commands)
{
    public string? Flag { get; init; }
}

/// <summary>
/// The meaning of each event code for the ledger (../shared/adyen-data/event-codes.json), as a pure function. Every command id
/// derives from Adyen's references (payment <c>card:PSP</c>; reversals <c>refund:PSP</c>, <c>chargeback:PAYMENT</c>…), so a
/// duplicate collapses in the outbox and in the ledger, and any arrival order converges: a reversal that overtakes its payment
/// waits in the outbox until the ledger knows the payment.
/// </summary>
public static class WebhookToLedger
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Throws <see cref="InvalidOperationException"/> for an item that cannot be booked (it is dead-lettered).</summary>
    public static WebhookOutcome Decide(InboxItem item, AttemptRef? attempt, string landlordId, DateTimeOffset now)
    {
        // Modifications name the payment in originalReference; a few dispute codes only carry pspReference.
        var paymentPsp = item.OriginalReference is { Length: > 0 } original ? original : item.PspReference;
        var paymentId = PaymentId.For(PaymentChannel.Card, paymentPsp).Value;
        var on = OnDate(item.EventDate, now);
        var payments = $"landlords/{landlordId}/payments/{Uri.EscapeDataString(paymentId)}";

        OutboxCommand Reverse(string reversalId, string kind, string reasonCode) => new(reversalId, "Reverse", paymentId, $"{payments}/reversals",
            JsonSerializer.Serialize(new
            {
                reversalId,
                kind,
                amount = Money.FormatCents(item.AmountValue ?? throw new InvalidOperationException($"{item.EventCode} without amount")),
                currency = item.Currency ?? "EUR",
                on,
                reasonCode = reasonCode.Length > 60 ? reasonCode[..60] : reasonCode,
            }, Json));

        OutboxCommand Cancel(string reversalId) => new($"cancel:{reversalId}", "CancelReversal", paymentId,
            $"{payments}/reversals/{Uri.EscapeDataString(reversalId)}/cancellation", JsonSerializer.Serialize(new { on }, Json));

        WebhookOutcome Done(params OutboxCommand[] commands) => new("Processed", null, commands);

        return (item.EventCode, item.Success) switch
        {
            ("AUTHORISATION", true) => Authorisation(item, attempt, paymentId, on, landlordId),
            ("AUTHORISATION", false) => new("Processed", "Refused", []),
            ("OFFER_CLOSED" or "EXPIRE", _) => new("Processed", "Expired", []),
            ("CANCELLATION", true) => new("Processed", "Cancelled", [Reverse($"cancellation:{paymentPsp}", "Other", "CANCELLATION")]),
            ("CAPTURE", false) or ("CAPTURE_FAILED", _) => Done(Reverse($"capture-failed:{paymentPsp}", "Other", "CAPTURE_FAILED")),
            ("REFUND", true) => Done(Reverse($"refund:{item.PspReference}", "Refund", "REFUND")),
            // The refund did not reach the tenant: the money is the landlord's again.
            ("REFUND_FAILED" or "REFUNDED_REVERSED", _) => Done(Cancel($"refund:{item.PspReference}")),
            ("CHARGEBACK", true) => Done(Reverse($"chargeback:{paymentPsp}", "Chargeback", item.Reason ?? "CHARGEBACK")),
            ("SECOND_CHARGEBACK", true) => Done(Reverse($"second-chargeback:{paymentPsp}", "Chargeback", item.Reason ?? "SECOND_CHARGEBACK")),
            ("CHARGEBACK_REVERSED", true) => Done(Cancel($"chargeback:{paymentPsp}")),
            // CAPTURE true (auto-capture: the AUTHORISATION already booked it), NOTIFICATION_OF_CHARGEBACK, RFI, REPORT_AVAILABLE…
            _ => new("Ignored", null, []),
        };
    }

    /// <summary>
    /// The ledger books what the PSP authorised, never what we asked for. An authorisation whose amount or currency differs
    /// from its attempt is booked the same way but flagged for an operator ("Review"), and the attempt is not "Authorised":
    /// the return page then does not tell the tenant that the notice's amount was confirmed.
    /// </summary>
    private static WebhookOutcome Authorisation(InboxItem item, AttemptRef? attempt, string paymentId, string on, string landlordId)
    {
        var command = RecordPayment(item, attempt, paymentId, on, landlordId);
        var currency = item.Currency ?? attempt!.Currency;
        if (item.AmountValue == attempt!.AmountCents && currency == attempt.Currency && currency == "EUR")
        {
            return new("Processed", "Authorised", [command]);
        }
        return new("Review", "Review", [command])
        {
            Flag = $"authorised {Money.FormatCents(item.AmountValue ?? 0)} {currency} for an attempt of {Money.FormatCents(attempt.AmountCents)} {attempt.Currency}: booked as authorised, to review",
        };
    }

    private static OutboxCommand RecordPayment(InboxItem item, AttemptRef? attempt, string paymentId, string on, string landlordId)
    {
        if (attempt is null) throw new InvalidOperationException("no payment attempt has this merchant reference");
        var body = new
        {
            paymentId,
            tenantReference = attempt.TenantReference,
            channel = "Card",
            amount = Money.FormatCents(item.AmountValue ?? throw new InvalidOperationException("AUTHORISATION without amount")),
            currency = item.Currency ?? attempt.Currency,
            receivedOn = on,
            noticeReference = attempt.NoticeReference,
            externalReferences = new Dictionary<string, string>
            {
                ["pspReference"] = item.PspReference,
                ["merchantReference"] = item.MerchantReference ?? "",
            },
        };
        return new(paymentId, "RecordPayment", paymentId, $"landlords/{landlordId}/payments", JsonSerializer.Serialize(body, Json));
    }

    /// <summary>
    /// Whether a card payment the ledger refused as "same id, other content" (409) is already booked: the reconciliation
    /// service books a settlement report's card line under the same id (card:PSP), with the report's references and date, so
    /// when the report is matched before the webhook is sent, the ledger holds this very money. The PSP reference is unique,
    /// so the same id for the same tenant, amount and currency is the same payment; any other difference stays a dead letter.
    /// </summary>
    public static bool BookedAlready(string paymentId, string recordPaymentBody, Ledger.LedgerPayment? booked)
    {
        if (booked is null || !paymentId.StartsWith("card:", StringComparison.Ordinal) || booked.PaymentId != paymentId) return false;
        using var body = JsonDocument.Parse(recordPaymentBody);
        var sent = body.RootElement;
        return sent.GetProperty("tenantReference").GetString() == booked.TenantReference
               && Money.TryParseCents(sent.GetProperty("amount").GetString(), out var cents)
               && Money.TryParseCents(booked.Amount, out var bookedCents) && cents == bookedCents
               && sent.GetProperty("currency").GetString() == booked.Currency;
    }

    /// <summary>The booking date is the date of the event in the offset Adyen sent (Paris time for a French account).</summary>
    private static string OnDate(string? eventDate, DateTimeOffset now) =>
        (DateTimeOffset.TryParse(eventDate, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : now)
            .ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
