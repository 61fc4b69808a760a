using Npgsql;
using Payments.Api.Ledger;
using Payments.Api.Observability;

namespace Payments.Api.Features.Webhooks;

/// <summary>
/// Drains the outbox to the ledger. Each row is sent with its idempotency key until the ledger answers 200/201; while the
/// ledger is down the row waits with an exponential backoff (capped), so nothing is lost and everything drains when it comes
/// back. A 400/409 (poison) or a reversal whose payment never appears goes to <c>DeadLetter</c> for an operator to replay.
/// </summary>
public sealed class OutboxDispatcher(NpgsqlDataSource db, IServiceProvider services, TimeProvider time, ProcessingOptions options, ILogger<OutboxDispatcher> logger,
    PaymentsMetrics? metrics = null)
    : BackgroundService
{
    private sealed record Row(long Id, string Key, string Kind, string PaymentId, string Path, string Body, int Attempts);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DispatchBatchAsync(stoppingToken) > 0) { }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Outbox paused: {Error}", e.GetType().Name);
            }
            await Task.Delay(options.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    /// <summary>Sends the due rows once; returns how many were settled (sent or dead-lettered).</summary>
    public async Task<int> DispatchBatchAsync(CancellationToken ct)
    {
        var ledger = services.GetRequiredService<LedgerClient>();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var rows = new List<Row>();
        await using (var select = new NpgsqlCommand("""
            select id, idempotency_key, kind, payment_id, path, body, attempts from ledger_outbox
            where status = 'Pending' and next_attempt_at <= $1 order by id limit 50 for update skip locked
            """, connection, tx))
        {
            select.Parameters.Add(new() { Value = time.GetUtcNow() });
            await using var reader = await select.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                rows.Add(new Row(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                    reader.GetString(5), reader.GetInt32(6)));
            }
        }
        var settled = 0;
        var ledgerDown = false;
        foreach (var row in rows)
        {
            // Once the ledger looks down, the rest of the batch waits instead of each paying for a timeout.
            var result = ledgerDown ? new LedgerSendResult(LedgerSendOutcome.Transient, null, "skipped: ledger down")
                : await ledger.SendAsync(row.Path, row.Body, row.Key, ct);
            // 409 on a card payment: the settlement report may have booked the same money first (same card:PSP id, its own
            // references and date). The same tenant and amount in the ledger is this payment: done, not a dead letter.
            if (result is { Outcome: LedgerSendOutcome.Poison, Status: 409 } && row.Kind == "RecordPayment"
                && WebhookToLedger.BookedAlready(row.PaymentId, row.Body, await ledger.GetPaymentAsync(row.PaymentId, ct)))
            {
                result = new LedgerSendResult(LedgerSendOutcome.Done, 409, null);
            }
            ledgerDown |= result.Outcome == LedgerSendOutcome.Transient;
            var attempts = checked(row.Attempts + 1);
            var (status, next) = result.Outcome switch
            {
                LedgerSendOutcome.Done => ("Sent", time.GetUtcNow()),
                LedgerSendOutcome.Poison => ("DeadLetter", time.GetUtcNow()),
                LedgerSendOutcome.NotYet when attempts >= options.MaxNotYetAttempts => ("DeadLetter", time.GetUtcNow()),
                _ => ("Pending", time.GetUtcNow() + Backoff(attempts)),
            };
            if (status != "Pending") settled++;
            if (status == "DeadLetter")
            {
                logger.LogWarning("Outbox {Key} dead-lettered after status {Status}", row.Key, result.Status);
                metrics?.DeadLettered("outbox");
            }
            await using var update = new NpgsqlCommand("""
                update ledger_outbox set status = $2, attempts = $3, next_attempt_at = $4, last_error = $5,
                    sent_at = case when $2 = 'Sent' then $6 else sent_at end
                where id = $1
                """, connection, tx);
            update.Parameters.Add(new() { Value = row.Id });
            update.Parameters.Add(new() { Value = status });
            update.Parameters.Add(new() { Value = attempts });
            update.Parameters.Add(new() { Value = next });
            update.Parameters.Add(new() { Value = result.Outcome == LedgerSendOutcome.Done ? DBNull.Value : $"{result.Status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "-"} {result.Detail}" });
            update.Parameters.Add(new() { Value = time.GetUtcNow() });
            await update.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return settled;
    }

    private TimeSpan Backoff(int attempts)
    {
        var seconds = Math.Min(options.MaxBackoff.TotalSeconds, 0.25 * Math.Pow(2, Math.Min(attempts, 16)));
        return TimeSpan.FromSeconds(seconds);
    }
}
