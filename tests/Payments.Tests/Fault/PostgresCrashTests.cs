using System.Collections.Concurrent;
using System.Net;
using Fault.Shared;
using Npgsql;
using Payments.Tests.Support;
using PspSimulator;

namespace Payments.Tests.Fault;

/// <summary>
/// Issue 11, PostgreSQL crashes under the card path: the cluster of the ledger and the payments host is stopped with
/// <c>pg_ctl stop -m immediate</c> (twice) in the middle of 500 signed webhook deliveries and checkout starts, then
/// restarted; and the services' backends are terminated again and again while 300 more webhooks are committed. Afterwards
/// every notification is applied exactly once and the ledger's invariants hold (<see cref="LedgerInvariants"/>). Seeded:
/// the seed is in every failure message; bounded: each test has its own deadline.
/// </summary>
[Trait("Category", "Fault")]
public sealed class PostgresCrashTests(CrashablePaymentsStack stack) : IClassFixture<CrashablePaymentsStack>
{
    private const int CrashSeed = 1_100_501;
    private const int TerminateSeed = 1_100_502;
    private const int Tenants = 20;

    [Fact]
    public async Task Webhooks500AndCheckouts_PostgresStoppedImmediateTwice_EachAppliedOnceAndLedgerConsistent()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var ct = deadline.Token;
        var rng = new Random(CrashSeed);
        var items = await ArrangeAsync("CRASH", 500, ct);
        int[] crashAfter = [rng.Next(60, 160), rng.Next(260, 360)];
        int[] downMs = [rng.Next(500, 2500), rng.Next(500, 2500)];
        var duplicates = items.Where(_ => rng.NextDouble() < 0.1).ToList();
        var why = $"seed {CrashSeed}: crashes after {crashAfter[0]} and {crashAfter[1]} accepted deliveries, down {downMs[0]} and {downMs[1]} ms";

        var accepted = 0;
        var checkouts = new ConcurrentBag<(string Notice, HttpStatusCode Status, Uri? Location)>();
        var deliveries = DeliverAllAsync(items, duplicates, () => Interlocked.Increment(ref accepted), ct);
        var shopping = CheckoutsAsync(new Random(CrashSeed + 1), deliveries, checkouts, ct);
        for (var i = 0; i < crashAfter.Length; i++)
        {
            while (Volatile.Read(ref accepted) < crashAfter[i] && !deliveries.IsCompleted) await Task.Delay(20, ct);
            await stack.Server.StopImmediateAsync(ct);
            await Task.Delay(downMs[i], ct);
            await stack.Server.RestartAsync(ct);
        }
        var results = await deliveries;
        await shopping;

        (await DrainedAsync(ct)).ShouldBeTrue($"the inbox and outbox never drained ({why}; {await PendingAsync(ct)})");
        await AssertAppliedOnceAsync("CRASH", items, results, why, ct);
        // A checkout that sent the tenant to the PSP had stored its attempt and session first: it survived the crash.
        var redirected = checkouts.Where(c => c.Status == HttpStatusCode.SeeOther && c.Location is { IsAbsoluteUri: true } l && l.Authority == stack.SimulatorUrl.Authority).ToList();
        foreach (var c in redirected)
        {
            (await CountAsync("select count(*) from payment_attempts where redirect_url = $1", c.Location!.ToString(), ct)).ShouldBe(1, $"{c.Notice}: {why}");
        }
        (await CountAsync("select count(*) from payment_attempts where status in ('Created', 'Redirected') group by notice_reference order by 1 desc limit 1", null, ct))
            .ShouldBeLessThanOrEqualTo(1, why);
        redirected.Count.ShouldBeGreaterThan(0, why);
        Console.WriteLine($"seed {CrashSeed}: checkout starts answered " + string.Join(", ", checkouts.GroupBy(c => (int)c.Status).OrderBy(g => g.Key).Select(g => $"{g.Key} × {g.Count()}"))
            + $"; {redirected.Count} sent to the PSP, each with its stored attempt");
        // After the restart the card path works again for every notice that was tried during the crashes.
        foreach (var notice in checkouts.Select(c => c.Notice).Distinct(StringComparer.Ordinal))
        {
            using var tenant = new TenantClient(stack);
            using var again = await tenant.StartCheckoutAsync(TenantOf(notice), notice).WaitAsync(ct);
            again.StatusCode.ShouldBe(HttpStatusCode.SeeOther, $"{notice} after the restart: {why}");
        }
    }

    [Fact]
    public async Task Webhooks300_ServiceBackendsTerminatedRepeatedly_EachAppliedOnceAndLedgerConsistent()
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(170));
        var ct = deadline.Token;
        var rng = new Random(TerminateSeed);
        var items = await ArrangeAsync("KILL", 300, ct);
        var duplicates = items.Where(_ => rng.NextDouble() < 0.1).ToList();
        var deliveries = DeliverAllAsync(items, duplicates, () => 0, ct);
        int rounds = 0, terminated = 0;
        while (!deliveries.IsCompleted)
        {
            await Task.Delay(rng.Next(30, 150), ct);
            terminated += await stack.TerminateServiceBackendsAsync(ct);
            rounds++;
        }
        var results = await deliveries;
        var flowing = terminated;
        // While the outbox drains, its commits and the ledger's are cut too, but less often: one outbox batch holds its
        // transaction across up to 50 ledger calls, and cut every 30-150 ms it never commits (tried: no progress in 60 s);
        // cut every 0.5-1.5 s it drained in just over 60 s once when the machine was loaded.
        var draining = DrainedAsync(ct, TimeSpan.FromSeconds(90));
        while (!draining.IsCompleted)
        {
            await Task.Delay(rng.Next(1000, 3000), ct);
            terminated += await stack.TerminateServiceBackendsAsync(ct);
        }
        var why = $"seed {TerminateSeed}: {flowing} backends terminated in {rounds} rounds while the webhooks flowed, {terminated - flowing} more while the outbox drained";
        (await draining).ShouldBeTrue($"the inbox and outbox never drained ({why}; {await PendingAsync(ct)})");
        terminated.ShouldBeGreaterThan(0, why);
        await AssertAppliedOnceAsync("KILL", items, results, why, ct);
    }

    /// <summary>One attempt per notification, on the demo landlord's October notices, and its signed AUTHORISATION of 1.00 €.</summary>
    private async Task<List<SimNotification>> ArrangeAsync(string prefix, int count, CancellationToken ct)
    {
        var items = new List<SimNotification>();
        for (var i = 0; i < count; i++)
        {
            var attempt = $"AT{prefix}{i:000000}";
            // On the October notices: an authorised attempt on a November notice would turn the checkout starts of that
            // notice into "just paid" redirects, and the checkouts would never reach the PSP.
            await Attempts.InsertAsync(stack.PaymentsDb, attempt, $"{100001 + (i % Tenants):000000}/01", $"2026-10/{(i % Tenants) + 1:000000}", 100).WaitAsync(ct);
            items.Add(Notifications.Item($"{prefix}{i:0000000000}", "AUTHORISATION", 100, attempt));
        }
        return items;
    }

    private static string Notice(int tenant) => $"2026-11/{tenant + 1:000000}";

    private static string TenantOf(string notice) => $"{100000 + int.Parse(notice[8..], System.Globalization.CultureInfo.InvariantCulture):000000}/01";

    /// <summary>Every notification until it is accepted, eight at a time; the duplicates once more after that, as Adyen may.</summary>
    private async Task<IReadOnlyList<Delivery>> DeliverAllAsync(List<SimNotification> items, List<SimNotification> duplicates, Func<int> onAccepted, CancellationToken ct)
    {
        await Task.Yield();
        using var sender = new AdyenLikeSender(stack);
        var results = new ConcurrentBag<Delivery>();
        await Parallel.ForEachAsync(items.Concat(duplicates), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = ct }, async (n, token) =>
        {
            results.Add(await sender.DeliverAsync(n, token));
            onAccepted();
        });
        return [.. results];
    }

    /// <summary>Tenants starting card payments on random notices while the deliveries run; every answer is recorded.</summary>
    private async Task CheckoutsAsync(Random rng, Task until, ConcurrentBag<(string, HttpStatusCode, Uri?)> answers, CancellationToken ct)
    {
        await Task.Yield();
        while (!until.IsCompleted)
        {
            var notice = Notice(rng.Next(Tenants));
            using var tenant = new TenantClient(stack);
            try
            {
                using var r = await tenant.StartCheckoutAsync(TenantOf(notice), notice).WaitAsync(TimeSpan.FromSeconds(10), ct);
                answers.Add((notice, r.StatusCode, r.Headers.Location));
            }
            catch (Exception e) when (e is HttpRequestException or TimeoutException or InvalidOperationException)
            {
                // No answer, or the form page itself failed while PostgreSQL was down: nothing was promised to this tenant.
            }
            await Task.Delay(rng.Next(20, 120), ct);
        }
    }

    private async Task AssertAppliedOnceAsync(string prefix, List<SimNotification> items, IReadOnlyList<Delivery> results, string why, CancellationToken ct)
    {
        var firstRefused = results.Where(d => !d.FirstAccepted).Select(d => d.PspReference).Distinct(StringComparer.Ordinal).Count();
        why += $"; {results.Count} deliveries, {firstRefused} notifications not accepted at first and delivered again, up to {results.Max(d => d.Sends)} sends";
        (await CountAsync($"select count(*) from webhook_inbox where psp_reference like '{prefix}%'", null, ct)).ShouldBe(items.Count, why);
        (await CountAsync($"select count(*) from webhook_inbox where psp_reference like '{prefix}%' and status <> 'Processed'", null, ct)).ShouldBe(0, why);
        (await CountAsync($"select count(*) from ledger_outbox where payment_id like 'card:{prefix}%' and status = 'Sent'", null, ct)).ShouldBe(items.Count, why);

        var check = await LedgerInvariants.CheckAsync(stack.LedgerOwnerConnection, PaymentsStack.Landlord, ct);
        check.Problems.ShouldBeEmpty($"{why}: {string.Join("; ", check.Problems.Take(5))}");
        var notOnce = items.Where(n => check.PaymentsReceived.GetValueOrDefault($"card:{n.PspReference}") != 1).Select(n => n.PspReference).ToList();
        notOnce.ShouldBeEmpty($"{why}: not in the ledger exactly once: {string.Join(", ", notOnce.Take(10))}");
        Console.WriteLine($"{why}; ledger: {check.Streams} streams, {check.Events} events, {check.JournalEntries} journal entries, {check.Debits} = {check.Credits} cents, {check.Tombstones} Marten tombstones");
    }

    private async Task<string> PendingAsync(CancellationToken ct)
    {
        return $"pending: {await CountAsync("select count(*) from webhook_inbox where status = 'Pending'", null, ct)} in the inbox, "
            + $"{await CountAsync("select count(*) from ledger_outbox where status = 'Pending'", null, ct)} in the outbox";
    }

    /// <summary>Until the inbox and the outbox have nothing pending, for at most 60 s or as told (the test's deadline leaves time to report).</summary>
    private Task<bool> DrainedAsync(CancellationToken ct, TimeSpan? within = null) => EventuallyAsync(async () =>
        await CountAsync("select count(*) from webhook_inbox where status = 'Pending'", null, ct) == 0
        && await CountAsync("select count(*) from ledger_outbox where status = 'Pending'", null, ct) == 0, within ?? TimeSpan.FromSeconds(60), ct);

    /// <summary>The test's own queries also meet broken pooled connections after a crash: they retry until the deadline.</summary>
    private async Task<long> CountAsync(string sql, string? parameter, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await using var command = stack.PaymentsDb.CreateCommand(sql);
                if (parameter is not null) command.Parameters.Add(new() { Value = parameter });
                return Convert.ToInt64(await command.ExecuteScalarAsync(ct) ?? 0L, System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (NpgsqlException) when (!ct.IsCancellationRequested)
            {
                await Task.Delay(200, ct);
            }
        }
    }

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan within, CancellationToken ct)
    {
        var until = Environment.TickCount64 + (long)within.TotalMilliseconds;
        while (Environment.TickCount64 < until)
        {
            if (await condition()) return true;
            await Task.Delay(200, ct);
        }
        return await condition();
    }
}
