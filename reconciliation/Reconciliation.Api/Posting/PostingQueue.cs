using System.Globalization;
using System.Text.Json;
using Npgsql;
using Primitives;
using Reconciliation.Api.Infrastructure;

namespace Reconciliation.Api.Posting;

/// <summary>A command waiting for the ledger. <c>Id</c> is its own idempotency key, so enqueuing it twice is harmless.</summary>
public sealed record PostingCommand(string Id, string EntryId, string Kind, string PaymentId, string TenantReference, long Cents, object Body);

public sealed record DesiredAllocation(string Notice, long Cents);

/// <summary>The body of a payment posting: the ledger's RecordPayment request and where the money must end up.</summary>
public sealed record PaymentBody(Dictionary<string, object?> Record, IReadOnlyList<DesiredAllocation> Allocations);

public sealed record QueueSizes(long Pending, long PendingCents, long Done, long Present, long Failed);

/// <summary>
/// The posting queue (table <c>postings</c>): every ledger command is first written here, in the same transaction as the
/// decision that causes it, then sent by <see cref="PostingWorker"/> until the ledger accepts it. The ledger being down
/// loses nothing: the command waits, with a growing delay, and the summary counts it as pending.
/// </summary>
public sealed partial class PostingQueue(NpgsqlDataSource db, LedgerApi ledger, TimeProvider time, ILogger<PostingQueue> log)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly SemaphoreSlim _drain = new(1, 1);

    public static async Task EnqueueAsync(NpgsqlConnection conn, NpgsqlTransaction tx, IEnumerable<PostingCommand> commands, DateTimeOffset now, CancellationToken ct)
    {
        var list = commands.ToList();
        if (list.Count == 0) return;
        await using var cmd = new NpgsqlCommand("""
            insert into postings (id, entry_id, kind, payment_id, tenant_reference, body, amount_cents, next_attempt_at, created_at)
            select * , $8, $8 from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[])
            on conflict (id) do nothing
            """, conn, tx);
        cmd.Parameters.Add(new NpgsqlParameter { Value = list.Select(c => c.Id).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = list.Select(c => c.EntryId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = list.Select(c => c.Kind).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = list.Select(c => c.PaymentId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = list.Select(c => c.TenantReference).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = list.Select(c => JsonSerializer.Serialize(c.Body, Json)).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = list.Select(c => c.Cents).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = now });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<QueueSizes> SizesAsync(CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select coalesce(sum(case when status = 'Pending' then 1 end), 0), coalesce(sum(case when status = 'Pending' then amount_cents end), 0),
                   coalesce(sum(case when status = 'Done' then 1 end), 0), coalesce(sum(case when status = 'Present' then 1 end), 0),
                   coalesce(sum(case when status = 'Failed' then 1 end), 0)
            from postings
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return new QueueSizes(r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4));
    }

    /// <summary>
    /// Sends every due command once, oldest first. A tenant with a single due payment in the round goes into a bulk call
    /// (<see cref="SendBulkAsync"/>, up to <see cref="BulkSize"/> payments a call): the import's common case. The others,
    /// four tenants at a time, each tenant's commands one after the other in the order they were decided: two payments of one
    /// tenant sent together each let the ledger settle the other's notice first, and then neither could be moved where its
    /// decision said (issue 7's generated month, tenant 484332/01).
    /// </summary>
    public async Task DrainAsync(CancellationToken ct)
    {
        await _drain.WaitAsync(ct);
        try
        {
            while (true)
            {
                var due = await DueAsync(RoundSize, ct);
                if (due.Count == 0) return;
                var byTenant = due.GroupBy(r => r.Tenant, StringComparer.Ordinal).ToList();
                var bulk = byTenant.Where(g => g.Count() == 1 && Bulkable(g.First())).Select(g => g.First()).ToList();
                await SendBulkAsync(bulk, ct);
                await Parallel.ForEachAsync(byTenant.Where(g => !(g.Count() == 1 && Bulkable(g.First()))),
                    new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
                    async (rows, token) =>
                    {
                        foreach (var row in rows) await SendOneAsync(row, token);
                    });
                if (due.Count < RoundSize) return;
            }
        }
        finally
        {
            _drain.Release();
        }
    }

    private sealed record Row(string Id, string Kind, string PaymentId, string EntryId, string Tenant, string Body, int Attempts);

    private async Task<List<Row>> DueAsync(int limit, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select id, kind, payment_id, entry_id, tenant_reference, body, attempts from postings
            where status = 'Pending' and next_attempt_at <= $1 order by seq limit $2
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = limit });
        var rows = new List<Row>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add(new Row(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), r.GetString(4), r.GetString(5), r.GetInt32(6)));
        return rows;
    }

    private async Task SendOneAsync(Row row, CancellationToken ct)
    {
        SendResult result;
        var status = "Done";
        try
        {
            (result, status) = row.Kind switch
            {
                "payment" => await PaymentAsync(row, ct),
                "reversal" => (await ledger.SendAsync($"payments/{Uri.EscapeDataString(row.PaymentId)}/reversals", row.Body,
                    JsonDocument.Parse(row.Body).RootElement.GetProperty("reversalId").GetString(), ct), "Done"),
                "deallocation" => (await DeallocateAsync(row, ct), "Done"),
                "operation" => (await ledger.SendAsync("accounts/operations", row.Body, null, ct), "Done"),
                // A pain.002 reject: the ledger marks the debit request rejected; what it refuses goes to review there.
                Imports.DirectDebitRejects.Kind => (await Imports.DirectDebitRejects.SendAsync(ledger, db, row.Body, ct), "Done"),
                // Suspense, its clearing, fees, not rent: the landlord's bank operations, keyed by the entry's ledger key.
                _ when BankPlan.Kinds.Contains(row.Kind) => (await ledger.SendAsync(BankPlan.Path(row.Kind, row.PaymentId), row.Body, row.PaymentId, ct), "Done"),
                _ => (new SendResult(SendOutcome.Poison, null, "unknown kind", null), "Done"),
            };
        }
        catch (Exception e) when (LedgerApi.IsTransient(e, ct) || e is HttpRequestException)
        {
            result = new SendResult(SendOutcome.Transient, null, e.GetType().Name, null);
        }
        await FinishAsync(row, result, status, ct);
    }

    /// <summary>Writes how a send ended: done (with its note), or pending again after a growing delay, or failed.</summary>
    private async Task FinishAsync(Row row, SendResult result, string status, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        // A reversal may overtake its payment (404): retried like a transient failure, dead-lettered after a day of tries.
        var outcome = result.Outcome == SendOutcome.Poison && result.Status == 404 && row.Attempts < 30 ? SendOutcome.Transient : result.Outcome;
        if (outcome == SendOutcome.Done)
        {
            await MarkDoneAsync([(row, status, result.Detail)], ct);
            return;
        }
        var delay = TimeSpan.FromSeconds(Math.Min(60, Math.Pow(2, Math.Min(row.Attempts, 6))));
        await using (var cmd = db.CreateCommand("""
            update postings set status = $2, attempts = attempts + 1, next_attempt_at = $3, last_error = $4 where id = $1
            """))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = row.Id });
            cmd.Parameters.Add(new NpgsqlParameter { Value = outcome == SendOutcome.Poison ? "Failed" : "Pending" });
            cmd.Parameters.Add(new NpgsqlParameter { Value = now + delay });
            cmd.Parameters.Add(new NpgsqlParameter { Value = $"{result.Status?.ToString(CultureInfo.InvariantCulture) ?? "-"} {result.Detail}" });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        if (outcome == SendOutcome.Poison) log.LogWarning("posting {Id} refused by the ledger ({Status})", row.Id, result.Status);
    }

    /// <summary>
    /// Records the payment (its id is the idempotency key), then moves its money to the notices the decision named, reading
    /// the payment back first: a retry after a lost answer finds the moves already made and sends nothing more. A card
    /// payment the webhook path already recorded is left as it is ("Present").
    /// </summary>
    private async Task<(SendResult, string)> PaymentAsync(Row row, CancellationToken ct)
    {
        var body = JsonSerializer.Deserialize<PaymentBody>(row.Body, Json)!;
        if (row.PaymentId.StartsWith("card:", StringComparison.Ordinal) && await ledger.PaymentAsync(row.PaymentId, ct) is not null)
        {
            return (new SendResult(SendOutcome.Done, 200, null, null), "Present");
        }
        var sent = await ledger.SendAsync("payments", JsonSerializer.Serialize(body.Record, Json), row.PaymentId, ct);
        // 409 on a card payment: the webhook path booked it between the check above and this send (same card:PSP id, the
        // webhook's references and date). The same tenant and amount is this money: present, not a failed posting.
        if (sent is { Outcome: SendOutcome.Poison, Status: 409 } && row.PaymentId.StartsWith("card:", StringComparison.Ordinal)
            && await ledger.PaymentAsync(row.PaymentId, ct) is { } booked && booked.TenantReference == row.Tenant
            && Cents(booked.Amount) == Cents(((JsonElement)body.Record["amount"]!).GetString()!))
        {
            return (new SendResult(SendOutcome.Done, 200, null, null), "Present");
        }
        if (sent.Outcome != SendOutcome.Done) return (sent, "Done");
        // The ledger answers the payment as recorded (201 or 200 on a repeat): its allocations, without a second request.
        var payment = sent.Body is { ValueKind: JsonValueKind.Object } answered ? answered.Deserialize<LedgerPayment>(Json) : null;
        payment ??= await ledger.PaymentAsync(row.PaymentId, ct);
        if (payment is null) return (new SendResult(SendOutcome.Transient, 404, "payment not readable yet", null), "Done");
        return await MoveAsync(row, body, sent, payment, ct);
    }

    /// <summary>Moves a recorded payment's money to the notices its decision named, from credit or from other notices.</summary>
    private async Task<(SendResult, string)> MoveAsync(Row row, PaymentBody body, SendResult sent, LedgerPayment payment, CancellationToken ct)
    {
        var actual = payment.Allocations.ToDictionary(a => a.NoticeReference, a => Cents(a.Amount), StringComparer.Ordinal);
        var credit = Cents(payment.Unallocated);
        foreach (var want in body.Allocations)
        {
            var missing = want.Cents - actual.GetValueOrDefault(want.Notice);
            while (missing > 0)
            {
                var fromCredit = Math.Min(missing, credit);
                string? from = null;
                var amount = fromCredit;
                if (fromCredit <= 0)
                {
                    var excess = actual.FirstOrDefault(a => a.Key != want.Notice && a.Value > body.Allocations.Where(d => d.Notice == a.Key).Sum(d => d.Cents));
                    if (excess.Key is null) break;
                    from = excess.Key;
                    amount = Math.Min(missing, excess.Value - body.Allocations.Where(d => d.Notice == excess.Key).Sum(d => d.Cents));
                }
                var move = await ledger.SendAsync($"payments/{Uri.EscapeDataString(row.PaymentId)}/allocations",
                    JsonSerializer.Serialize(new { noticeReference = want.Notice, amount = Money.FormatCents(amount), currency = payment.Currency, fromNoticeReference = from }, Json),
                    null, ct);
                // 409: the notice is already paid by money this decision did not know of (a payment recorded since, by
                // another channel or an accountant). The payment itself is in the ledger, which kept the rest on the oldest
                // open notice or as credit: the posting is done, with a note, rather than a payment left as failed.
                if (move is { Outcome: SendOutcome.Poison, Status: 409 })
                {
                    return (sent with { Detail = PlacedOtherwise(want.Notice, amount) }, "Done");
                }
                if (move.Outcome != SendOutcome.Done) return (move, "Done");
                if (from is null) credit -= amount; else actual[from] -= amount;
                actual[want.Notice] = actual.GetValueOrDefault(want.Notice) + amount;
                missing -= amount;
            }
        }
        return (sent, "Done");
    }

    public static string PlacedOtherwise(string notice, long cents) =>
        $"affectation de {Pages.Fr.Amount(cents)} sur l'avis {notice} refusée par le grand livre (avis déjà réglé) : la somme reste au crédit du locataire ou sur son plus ancien avis ouvert";

    private async Task<SendResult> DeallocateAsync(Row row, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(row.Body);
        var notice = doc.RootElement.GetProperty("noticeReference").GetString()!;
        var cents = Cents(doc.RootElement.GetProperty("amount").GetString()!);
        var payment = await ledger.PaymentAsync(row.PaymentId, ct);
        if (payment is null) return new SendResult(SendOutcome.Poison, 404, "no such payment", null);
        var allocated = payment.Allocations.Where(a => a.NoticeReference == notice).Sum(a => Cents(a.Amount));
        if (allocated < cents) return new SendResult(SendOutcome.Done, 200, "déjà désaffecté dans le grand livre", null);
        return await ledger.SendAsync($"payments/{Uri.EscapeDataString(row.PaymentId)}/deallocations", row.Body, null, ct);
    }

    /// <summary>
    /// Marks sent commands done, in one statement: a done command keeps a note only when the ledger placed its money otherwise
    /// than decided (see PaymentAsync); a payment the queue recorded is remembered in <c>posted_payments</c>.
    /// </summary>
    private async Task MarkDoneAsync(IReadOnlyList<(Row Row, string Status, string? Note)> done, CancellationToken ct)
    {
        if (done.Count == 0) return;
        await using (var cmd = db.CreateCommand("""
            update postings p set status = u.status, attempts = p.attempts + 1, sent_at = $4, last_error = u.note
            from unnest($1::text[], $2::text[], $3::text[]) as u(id, status, note) where p.id = u.id
            """))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = done.Select(d => d.Row.Id).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = done.Select(d => d.Status).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = done.Select(d => d.Note).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await RememberAsync(done.Where(d => d.Row.Kind == "payment" && d.Status == "Done").Select(d => d.Row).ToList(), ct);
    }

    private async Task RememberAsync(IReadOnlyList<Row> rows, CancellationToken ct)
    {
        if (rows.Count == 0) return;
        var bodies = rows.Select(r => JsonSerializer.Deserialize<PaymentBody>(r.Body, Json)!).ToList();
        string? Text(PaymentBody b, string key) => b.Record.GetValueOrDefault(key) is JsonElement { ValueKind: JsonValueKind.String } v ? v.GetString() : null;
        string? Ref(PaymentBody b, string key) => b.Record.GetValueOrDefault("externalReferences") is JsonElement { ValueKind: JsonValueKind.Object } refs
            && refs.TryGetProperty(key, out var v) ? v.GetString() : null;
        await using var cmd = db.CreateCommand("""
            insert into posted_payments (payment_id, entry_id, tenant_reference, notice_reference, amount_cents, channel, end_to_end_id, bank_reference, cheque_number, received_on)
            select * from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::date[])
            on conflict (payment_id) do nothing
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.PaymentId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.EntryId).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Tenant).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = bodies.Select(b => b.Allocations.FirstOrDefault()?.Notice).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = bodies.Select(b => Cents(Text(b, "amount")!)).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = bodies.Select(b => Text(b, "channel")!).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = bodies.Select(b => Ref(b, "endToEndId")).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = bodies.Select(b => Ref(b, "bankReference")).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = bodies.Select(b => Ref(b, "chequeNumber")).ToArray() });
        cmd.Parameters.Add(new NpgsqlParameter { Value = bodies.Select(b => DateOnly.Parse(Text(b, "receivedOn")!, CultureInfo.InvariantCulture)).ToArray() });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static long Cents(string amount) =>
        Money.TryParseCents(amount, out var c) ? c : throw new FormatException("the ledger answered an amount that is not decimal");
}

/// <summary>Sends what is due every few seconds, so that a ledger outage ends by itself.</summary>
public sealed class PostingWorker(PostingQueue queue, IConfiguration config, ILogger<PostingWorker> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = config.GetValue("Reconciliation:PostingInterval", TimeSpan.FromSeconds(2));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await queue.DrainAsync(stoppingToken);
            }
            catch (Exception e) when (e is NpgsqlException or HttpRequestException or InvalidOperationException)
            {
                log.LogWarning("posting round failed: {Kind}", e.GetType().Name);
            }
            await Task.Delay(interval, stoppingToken);
        }
    }
}
