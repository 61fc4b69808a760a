using Primitives;
using Npgsql;
using Payments.Api.Observability;

namespace Payments.Api.Features.Webhooks;

/// <summary>
/// Turns verified inbox items into outbox commands (<see cref="WebhookToLedger"/>) and attempt statuses, in one transaction per
/// batch, whatever order the items arrived in. Items that cannot be understood go to the dead-letter state for an operator.
/// </summary>
public sealed class InboxProcessor(NpgsqlDataSource db, TimeProvider time, ProcessingOptions options, string landlordId, ILogger<InboxProcessor> logger,
    PaymentsMetrics? metrics = null)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ProcessBatchAsync(stoppingToken) > 0) { }
            }
            catch (Exception e) when (e is NpgsqlException or TimeoutException)
            {
                logger.LogWarning("Inbox processing paused: {Error}", e.GetType().Name);
            }
            await Task.Delay(options.PollInterval, time, stoppingToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    public async Task<int> ProcessBatchAsync(CancellationToken ct)
    {
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var items = new List<InboxItem>();
        await using (var select = new NpgsqlCommand("""
            select id, psp_reference, original_reference, merchant_reference, event_code, success, amount_value, currency, event_date, reason
            from webhook_inbox where status = 'Pending' order by id limit 100 for update skip locked
            """, connection, tx))
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                items.Add(new InboxItem(reader.GetInt64(0), reader.GetString(1), Opt(reader, 2), Opt(reader, 3), reader.GetString(4),
                    reader.GetBoolean(5), reader.IsDBNull(6) ? null : reader.GetInt64(6), Opt(reader, 7), Opt(reader, 8), Opt(reader, 9)));
            }
        }
        foreach (var item in items)
        {
            string status;
            string? error = null;
            try
            {
                var attempt = await FindAttemptAsync(item.MerchantReference, connection, tx, ct);
                var outcome = WebhookToLedger.Decide(item, attempt, landlordId, time.GetUtcNow());
                if (outcome.AttemptStatus is { } attemptStatus)
                {
                    await SetAttemptAsync(item, attemptStatus, connection, tx, ct);
                }
                foreach (var command in outcome.Commands) await EnqueueAsync(command, connection, tx, ct);
                status = outcome.ItemStatus;
                error = outcome.Flag;
            }
            catch (Exception e) when (e is DomainValidationException or FormatException or InvalidOperationException)
            {
                status = "DeadLetter";
                error = e.Message;
            }
            await using var update = new NpgsqlCommand("""
                update webhook_inbox set status = $2, attempts = attempts + 1, last_error = $3, processed_at = $4 where id = $1
                """, connection, tx);
            update.Parameters.Add(new() { Value = item.Id });
            update.Parameters.Add(new() { Value = status });
            update.Parameters.Add(new() { Value = (object?)error ?? DBNull.Value });
            update.Parameters.Add(new() { Value = time.GetUtcNow() });
            await update.ExecuteNonQueryAsync(ct);
            if (status is "DeadLetter" or "Review")
            {
                logger.LogWarning("Inbox item {Id} ({EventCode}) {Status}: {Error}", item.Id, item.EventCode, status, error);
                metrics?.DeadLettered(status == "Review" ? "review" : "inbox");
            }
        }
        await tx.CommitAsync(ct);
        return items.Count;
    }

    private async Task EnqueueAsync(OutboxCommand command, NpgsqlConnection c, NpgsqlTransaction tx, CancellationToken ct)
    {
        await using var insert = new NpgsqlCommand("""
            insert into ledger_outbox (idempotency_key, kind, payment_id, path, body, next_attempt_at, created_at)
            values ($1, $2, $3, $4, $5, $6, $6) on conflict (idempotency_key) do nothing
            """, c, tx);
        insert.Parameters.Add(new() { Value = command.IdempotencyKey });
        insert.Parameters.Add(new() { Value = command.Kind });
        insert.Parameters.Add(new() { Value = command.PaymentId });
        insert.Parameters.Add(new() { Value = command.Path });
        insert.Parameters.Add(new() { Value = command.Body });
        insert.Parameters.Add(new() { Value = time.GetUtcNow() });
        await insert.ExecuteNonQueryAsync(ct);
    }

    private static async Task<AttemptRef?> FindAttemptAsync(string? reference, NpgsqlConnection c, NpgsqlTransaction tx, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(reference)) return null;
        await using var select = new NpgsqlCommand(
            "select tenant_reference, notice_reference, currency, amount_cents from payment_attempts where attempt_id = $1", c, tx);
        select.Parameters.Add(new() { Value = reference });
        await using var reader = await select.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? new AttemptRef(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3)) : null;
    }

    private async Task SetAttemptAsync(InboxItem item, string status, NpgsqlConnection c, NpgsqlTransaction tx, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(item.MerchantReference)) return;
        var authorised = status is "Authorised" or "Review";
        // Authorised (or under review) is final: a late refusal or expiry of the same attempt never regresses it. The
        // amount kept is the PSP's, the only one the return page may state.
        await using var update = new NpgsqlCommand("""
            update payment_attempts set status = $2, psp_reference = coalesce($3, psp_reference), updated_at = $4,
                authorised_cents = coalesce($5, authorised_cents), authorised_currency = coalesce($6, authorised_currency)
            where attempt_id = $1 and status not in ('Authorised', 'Review')
            """, c, tx);
        update.Parameters.Add(new() { Value = item.MerchantReference });
        update.Parameters.Add(new() { Value = status });
        update.Parameters.Add(new() { Value = authorised ? item.PspReference : (object)DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        update.Parameters.Add(new() { Value = time.GetUtcNow() });
        update.Parameters.Add(new() { Value = authorised && item.AmountValue is { } v ? v : (object)DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        update.Parameters.Add(new() { Value = authorised && item.Currency is { } cur ? cur : (object)DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        await update.ExecuteNonQueryAsync(ct);
    }

    private static string? Opt(NpgsqlDataReader reader, int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
}

public sealed class ProcessingOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>Backoff cap of the outbox while the ledger is down (the ledger is retried at least this often).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many 404s a reversal waits for its payment before an operator has to look.</summary>
    public int MaxNotYetAttempts { get; set; } = 20;
}
