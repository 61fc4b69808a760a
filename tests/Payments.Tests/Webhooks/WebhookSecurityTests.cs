using System.Net;
using Payments.Tests.Support;

namespace Payments.Tests.Webhooks;

public sealed class StackWithoutLedger : PaymentsStack
{
    protected override bool WithLedger => false;
}

/// <summary>Forged, misaddressed or unauthenticated notifications get 401 and leave no trace; rotation keeps the old key valid.</summary>
public sealed class WebhookSecurityTests(StackWithoutLedger stack) : IClassFixture<StackWithoutLedger>
{
    private Task<long> StoredAsync(string psp) => stack.CountAsync($"select count(*) from webhook_inbox where psp_reference = '{psp}'");

    [Fact]
    public async Task Webhook_ForgedSignature_Is401AndNotStored()
    {
        var n = Notifications.Item("FORGED0000000001", "AUTHORISATION", 51230);
        using var response = await stack.PostWebhookAsync(Notifications.Envelope(n, stack.HmacKey, signatureOverride: Convert.ToBase64String(new byte[32])));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await StoredAsync("FORGED0000000001")).ShouldBe(0);
    }

    [Fact]
    public async Task Webhook_WrongMerchantAccount_Is401AndNotStored()
    {
        var n = Notifications.Item("WRONGMERCHANT001", "AUTHORISATION", 51230);
        using var response = await stack.PostWebhookAsync(Notifications.Envelope(n, stack.HmacKey, merchantAccount: "SomeoneElse"));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await StoredAsync("WRONGMERCHANT001")).ShouldBe(0);
    }

    [Fact]
    public async Task Webhook_WrongBasicAuth_Is401AndNotStored()
    {
        var n = Notifications.Item("WRONGBASICAUTH01", "AUTHORISATION", 51230);
        var body = Notifications.Envelope(n, stack.HmacKey);
        using var wrongPassword = await stack.PostWebhookAsync(body, password: "not-the-password");
        using var noAuth = await stack.PostWebhookAsync(body, user: null);
        wrongPassword.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        noAuth.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await StoredAsync("WRONGBASICAUTH01")).ShouldBe(0);
    }

    [Fact]
    public async Task Webhook_LiveFlagOnTestAccount_Is401AndNotStored()
    {
        var n = Notifications.Item("LIVEFLAGWRONG001", "AUTHORISATION", 51230);
        using var response = await stack.PostWebhookAsync(Notifications.Envelope(n, stack.HmacKey, live: "true"));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await StoredAsync("LIVEFLAGWRONG001")).ShouldBe(0);
    }

    [Fact]
    public async Task Webhook_SignedWithPreviousKeyDuringRotation_IsAccepted()
    {
        var n = Notifications.Item("ROTATIONPREVKEY1", "CAPTURE", 51230, original: "SOMEPAYMENT00001");
        using var response = await stack.PostWebhookAsync(Notifications.Envelope(n, stack.PreviousHmacKey));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await StoredAsync("ROTATIONPREVKEY1")).ShouldBe(1);
    }

    [Fact]
    public async Task Webhook_DeliveredThreeTimes_IsStoredOnce()
    {
        var n = Notifications.Item("DUPLICATE0000001", "CAPTURE", 51230, original: "SOMEPAYMENT00002");
        var body = Notifications.Envelope(n, stack.HmacKey);
        for (var i = 0; i < 3; i++)
        {
            using var response = await stack.PostWebhookAsync(body);
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await StoredAsync("DUPLICATE0000001")).ShouldBe(1);
    }

    [Fact]
    public async Task Webhook_CardDetailsInAdditionalDataAndReason_AreNotStored()
    {
        var n = Notifications.Item("CARDDETAILS00001", "AUTHORISATION", 51230, reason: "874574:1111:03/2030", extra: new()
        {
            ["cardSummary"] = "1111", ["cardBin"] = "411111", ["expiryDate"] = "03/2030", ["cardHolderName"] = "Camille Martin",
        });
        using var response = await stack.PostWebhookAsync(Notifications.Envelope(n, stack.HmacKey));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await stack.CountAsync("select count(*) from webhook_inbox where psp_reference = 'CARDDETAILS00001' and reason is null")).ShouldBe(1);
        (await stack.CountAsync("""
            select count(*) from webhook_inbox where concat_ws('|', psp_reference, original_reference, merchant_reference, event_code, currency,
                event_date, payment_method, reason, last_error) similar to '%(1111|411111|03/2030|Camille)%'
            """)).ShouldBe(0);
    }

    [Fact]
    public async Task Webhook_BodyOverLimit_IsRefusedAndNotStored()
    {
        var n = Notifications.Item("OVERSIZEDBODY001", "CAPTURE", 1, original: "SOMEPAYMENT00003", reason: new string('x', 70_000));
        using var response = await stack.PostWebhookAsync(Notifications.Envelope(n, stack.HmacKey));
        ((int)response.StatusCode).ShouldBeOneOf(401, 413);
        (await StoredAsync("OVERSIZEDBODY001")).ShouldBe(0);
    }

    [Fact]
    public async Task Webhook_NotJson_Is401()
    {
        using var response = await stack.PostWebhookAsync("this is not json");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}
