using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Payments.Tests.Support;
using PspSimulator;

namespace Payments.Tests.Flow;

/// <summary>
/// Inbox processor and outbox against the real ledger: any arrival order and any number of duplicates give the same ledger
/// as one in-order delivery; what cannot be booked is dead-lettered, visible and replayable.
/// </summary>
public sealed class InboxOutboxLedgerTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    private static List<SimNotification> Lifecycle(string payment, string attempt, string suffix) =>
    [
        Notifications.Item(payment, "AUTHORISATION", 10000, attempt),
        Notifications.Item("CAP" + suffix, "CAPTURE", 10000, attempt, original: payment),
        Notifications.Item("RFA" + suffix, "REFUND", 3000, attempt, original: payment),
        Notifications.Item("CBK" + suffix, "CHARGEBACK", 5000, attempt, original: payment, reason: "Fraud"),
        Notifications.Item("CBR" + suffix, "CHARGEBACK_REVERSED", 5000, attempt, original: payment),
        Notifications.Item("RFB" + suffix, "REFUND", 1000, attempt, original: payment),
        Notifications.Item("RFB" + suffix, "REFUND_FAILED", 1000, attempt, original: payment),
    ];

    private async Task<JsonElement> LedgerPaymentAsync(string psp)
    {
        using var response = await stack.LedgerOps.GetAsync($"payments/card:{psp}");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private Task<bool> DrainedAsync() => PaymentsStack.EventuallyAsync(async () =>
        await stack.CountAsync("select count(*) from webhook_inbox where status = 'Pending'") == 0
        && await stack.CountAsync("select count(*) from ledger_outbox where status = 'Pending'") == 0, TimeSpan.FromSeconds(60));

    [Fact]
    public async Task Webhooks_ShuffledAndDuplicatedOneToFiveTimes_GiveTheSameLedgerAsInOrder()
    {
        await Attempts.InsertAsync(stack.PaymentsDb, "ATinorder0001", "100011/01", "2026-11/000011", 10000);
        await Attempts.InsertAsync(stack.PaymentsDb, "ATshuffled001", "100012/01", "2026-11/000012", 10000);
        foreach (var n in Lifecycle("PAYINORDER000001", "ATinorder0001", "INORDER0000001"))
        {
            using var r = await stack.PostWebhookAsync(Notifications.Envelope(n, stack.HmacKey));
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        var shuffled = Lifecycle("PAYSHUFFLED00001", "ATshuffled001", "SHUFFLED000001")
            .SelectMany(n => Enumerable.Repeat(n, RandomNumberGenerator.GetInt32(1, 6))).ToArray();
        RandomNumberGenerator.Shuffle(shuffled.AsSpan());
        foreach (var n in shuffled)
        {
            using var r = await stack.PostWebhookAsync(Notifications.Envelope(n, stack.HmacKey));
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await DrainedAsync()).ShouldBeTrue();

        var inOrder = await LedgerPaymentAsync("PAYINORDER000001");
        var disorder = await LedgerPaymentAsync("PAYSHUFFLED00001");
        foreach (var field in new[] { "amount", "currency", "status", "reversed", "refunded", "unallocated" })
        {
            disorder.GetProperty(field).GetString().ShouldBe(inOrder.GetProperty(field).GetString(), field);
        }
        inOrder.GetProperty("amount").GetString().ShouldBe("100.00");
        // Refund 30.00 stays; the chargeback was reversed and the second refund failed: both cancelled.
        inOrder.GetProperty("reversed").GetString().ShouldBe("30.00");
        inOrder.GetProperty("status").GetString().ShouldBe("PartlyReversed");
        (await stack.CountAsync("select count(*) from ledger_outbox where status = 'DeadLetter'")).ShouldBe(0);
    }

    [Fact]
    public async Task Webhook_AuthorisationForUnknownAttempt_IsDeadLetteredVisibleAndReplayable()
    {
        using var r = await stack.PostWebhookAsync(Notifications.Envelope(Notifications.Item("UNKNOWNATTEMPT01", "AUTHORISATION", 5000, "ATnotours0001"), stack.HmacKey));
        r.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PaymentsStack.EventuallyAsync(async () =>
            await stack.CountAsync("select count(*) from webhook_inbox where psp_reference = 'UNKNOWNATTEMPT01' and status = 'DeadLetter'") == 1,
            TimeSpan.FromSeconds(20))).ShouldBeTrue();

        using var ops = new HttpClient { BaseAddress = stack.PaymentsUrl };
        ops.DefaultRequestHeaders.Add("X-Api-Key", stack.OpsKey);
        var list = JsonDocument.Parse(await ops.GetStringAsync("ops/dead-letters")).RootElement;
        var entry = list.EnumerateArray().Single(e => e.GetProperty("key").GetString()!.StartsWith("UNKNOWNATTEMPT01", StringComparison.Ordinal));
        entry.GetProperty("detail").GetString().ShouldBe("no payment attempt has this merchant reference");

        // The operator finds the attempt (here: created late), then replays: the payment reaches the ledger.
        await Attempts.InsertAsync(stack.PaymentsDb, "ATnotours0001", "100013/01", "2026-11/000013", 5000);
        using var replay = await ops.PostAsync($"ops/dead-letters/inbox/{entry.GetProperty("id").GetInt64()}/replay", null);
        replay.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await DrainedAsync()).ShouldBeTrue();
        (await LedgerPaymentAsync("UNKNOWNATTEMPT01")).GetProperty("amount").GetString().ShouldBe("50.00");
    }

    [Fact]
    public async Task DeadLetters_WithoutOperatorKey_Are401()
    {
        using var http = new HttpClient { BaseAddress = stack.PaymentsUrl };
        using var response = await http.GetAsync("ops/dead-letters");
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

/// <summary>The ledger is stopped while 200 webhooks arrive: all are accepted, and all 200 payments reach it exactly once after it restarts.</summary>
[Trait("Category", "Fault")]
public sealed class LedgerOutageTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    [Fact]
    public async Task Webhooks_200WhileLedgerStopped_AllInLedgerExactlyOnceAfterRestart()
    {
        var items = new List<SimNotification>();
        for (var i = 0; i < 200; i++)
        {
            var tenant = i % 20;
            var attempt = $"ATout{i:000000}";
            await Attempts.InsertAsync(stack.PaymentsDb, attempt, $"{100001 + tenant:000000}/01", $"2026-11/{tenant + 1:000000}", 100);
            items.Add(Notifications.Item($"OUTAGE{i:0000000000}", "AUTHORISATION", 100, attempt));
        }
        await stack.StopLedgerAsync();

        var statuses = new int[items.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, items.Count), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            using var r = await stack.PostWebhookAsync(Notifications.Envelope(items[i], stack.HmacKey));
            statuses[i] = (int)r.StatusCode;
        });
        statuses.ShouldAllBe(s => s == 200);
        (await PaymentsStack.EventuallyAsync(async () =>
            await stack.CountAsync("select count(*) from ledger_outbox where kind = 'RecordPayment'") == 200, TimeSpan.FromSeconds(30))).ShouldBeTrue();
        await Task.Delay(1500);
        (await stack.CountAsync("select count(*) from ledger_outbox where status = 'Sent'")).ShouldBe(0);

        await stack.StartLedgerAsync();
        (await PaymentsStack.EventuallyAsync(async () =>
            await stack.CountAsync("select count(*) from ledger_outbox where status = 'Sent'") == 200, TimeSpan.FromSeconds(90))).ShouldBeTrue();
        // Deliver everything once more: nothing changes anywhere.
        foreach (var n in items.Take(20))
        {
            using var r = await stack.PostWebhookAsync(Notifications.Envelope(n, stack.HmacKey));
            r.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
        (await stack.CountAsync("select count(*) from webhook_inbox")).ShouldBe(200);

        var missing = 0;
        foreach (var n in items)
        {
            using var r = await stack.LedgerOps.GetAsync($"payments/card:{n.PspReference}");
            if (r.StatusCode != HttpStatusCode.OK) missing++;
        }
        missing.ShouldBe(0);
        // Ten payments of 1.00 on the first tenant's notice, not more: exactly once.
        var notice = JsonDocument.Parse(await stack.LedgerOps.GetStringAsync("notices?noticeReference=2026-11/000001")).RootElement;
        notice.GetProperty("amountDue").GetString().ShouldBe("502.30");
    }
}
