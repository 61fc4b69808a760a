using System.Text.Json;
using Payments.Api.Adyen;
using Payments.Api.Features.Webhooks;
using Payments.Tests.Support;

namespace Payments.Tests.Webhooks;

/// <summary>The meaning of each event code for the ledger, and the tolerant parsing of Adyen's own samples.</summary>
public sealed class EventCodeMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 7, 0, 0, TimeSpan.Zero);
    private static readonly AttemptRef Attempt = new("100001/01", "2026-11/000001", "EUR", 51230);

    private static InboxItem Item(string code, bool success = true, string psp = "MODIFICATION0001", string? original = "PAYMENT000000001", long? value = 51230) =>
        new(1, psp, original, "ATabc", code, success, value, "EUR", "2026-11-05T23:30:00+01:00", "reason");

    [Fact]
    public void Decide_SuccessfulAuthorisation_RecordsTheCardPaymentOnTheAttemptsNotice()
    {
        var outcome = WebhookToLedger.Decide(Item("AUTHORISATION", psp: "PAYMENT000000001", original: null), Attempt, "demo-habitat", Now);
        outcome.AttemptStatus.ShouldBe("Authorised");
        var command = outcome.Commands.ShouldHaveSingleItem();
        command.IdempotencyKey.ShouldBe("card:PAYMENT000000001");
        command.Path.ShouldBe("landlords/demo-habitat/payments");
        var body = JsonDocument.Parse(command.Body).RootElement;
        body.GetProperty("amount").GetString().ShouldBe("512.30");
        body.GetProperty("noticeReference").GetString().ShouldBe("2026-11/000001");
        // The date of the event in Adyen's offset, not UTC's (23:30 in Paris is still the 5th).
        body.GetProperty("receivedOn").GetString().ShouldBe("2026-11-05");
    }

    [Fact]
    public void Decide_AuthorisationWithoutAttempt_Throws()
    {
        Should.Throw<InvalidOperationException>(() => WebhookToLedger.Decide(Item("AUTHORISATION", original: null), null, "demo-habitat", Now));
    }

    [Theory]
    [InlineData("CAPTURE", true, "Ignored", 0)]
    [InlineData("CAPTURE", false, "Processed", 1)]
    [InlineData("CAPTURE_FAILED", true, "Processed", 1)]
    [InlineData("REFUND", false, "Ignored", 0)]
    [InlineData("NOTIFICATION_OF_CHARGEBACK", true, "Ignored", 0)]
    [InlineData("REPORT_AVAILABLE", true, "Ignored", 0)]
    [InlineData("AUTHORISATION", false, "Processed", 0)]
    public void Decide_EventCodes_GiveTheExpectedNumberOfCommands(string code, bool success, string status, int commands)
    {
        var outcome = WebhookToLedger.Decide(Item(code, success), Attempt, "demo-habitat", Now);
        outcome.ItemStatus.ShouldBe(status);
        outcome.Commands.Count.ShouldBe(commands);
    }

    [Fact]
    public void Decide_ChargebackAndItsReversal_AddressTheSameReversalOfThePayment()
    {
        var chargeback = WebhookToLedger.Decide(Item("CHARGEBACK", psp: "DISPUTE000000001"), Attempt, "demo-habitat", Now).Commands.ShouldHaveSingleItem();
        var reversed = WebhookToLedger.Decide(Item("CHARGEBACK_REVERSED", psp: "DISPUTE000000002"), Attempt, "demo-habitat", Now).Commands.ShouldHaveSingleItem();
        chargeback.IdempotencyKey.ShouldBe("chargeback:PAYMENT000000001");
        chargeback.Path.ShouldBe("landlords/demo-habitat/payments/card%3APAYMENT000000001/reversals");
        reversed.Path.ShouldBe("landlords/demo-habitat/payments/card%3APAYMENT000000001/reversals/chargeback%3APAYMENT000000001/cancellation");
    }

    [Fact]
    public void Decide_RefundThenRefundFailed_CancelsThatRefund()
    {
        var refund = WebhookToLedger.Decide(Item("REFUND", psp: "REFUND0000000001"), Attempt, "demo-habitat", Now).Commands.ShouldHaveSingleItem();
        var failed = WebhookToLedger.Decide(Item("REFUND_FAILED", psp: "REFUND0000000001"), Attempt, "demo-habitat", Now).Commands.ShouldHaveSingleItem();
        JsonDocument.Parse(refund.Body).RootElement.GetProperty("kind").GetString().ShouldBe("Refund");
        failed.Path.ShouldEndWith("/reversals/refund%3AREFUND0000000001/cancellation");
    }

    [Fact]
    public void Parse_AdyenSamples_AreReadTolerantlyAndKeepNoCardData()
    {
        var dir = Path.Combine(TestPaths.SharedDir(), "adyen-data", "notifications");
        var envelopes = Directory.GetFiles(dir, "*.envelope*.json").Concat(Directory.GetFiles(Path.Combine(dir, "openapi-examples"), "*.json")).ToList();
        envelopes.Count.ShouldBeGreaterThan(20);
        foreach (var file in envelopes)
        {
            var parsed = NotificationEnvelope.TryParse(File.ReadAllBytes(file));
            parsed.ShouldNotBeNull(file);
            parsed.Items.ShouldAllBe(i => i.Item.Success == "true" || i.Item.Success == "false");
        }
        var zeroAuth = NotificationEnvelope.TryParse(File.ReadAllBytes(Path.Combine(dir, "dotnet-authorisation-zero-auth.envelope.parse-only.json")))!;
        zeroAuth.Items.ShouldHaveSingleItem().Item.Success.ShouldBe("true");
        // The kept fields, and nothing else, exist on the parsed type.
        typeof(NotificationItem).GetProperties().Select(p => p.Name).Order().ShouldBe(
        [
            "AmountValue", "Currency", "EventCode", "EventDate", "IsSuccess", "MerchantAccountCode", "MerchantReference", "OriginalReference",
            "PaymentMethod", "PspReference", "Reason", "Success",
        ]);
    }
}
