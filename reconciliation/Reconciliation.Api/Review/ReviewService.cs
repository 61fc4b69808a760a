using System.Globalization;
using System.Text.Json;
using Npgsql;
using Primitives;
using Reconciliation.Api.Imports;
using Reconciliation.Api.Infrastructure;
using Reconciliation.Api.Posting;

namespace Reconciliation.Api.Review;

public sealed class ReviewOptions
{
    /// <summary>Manual payments and write-offs above this wait for a second person with the Approver role.</summary>
    public long ApprovalThresholdCents { get; init; } = 100_000;
}

public sealed record EntryRow(
    string EntryId, long ImportId, DateOnly? Date, long Cents, string Currency, string? BankReference, string? Name, string? Iban,
    string Label, string Decision, StoredResult Result, string State, string? StateBy, DateTimeOffset? StateAt, string? StateReason, int Version);

/// <summary>A decision refused with a reason for the accountant (shown on the page, 400 for an API caller).</summary>
/// <summary>A decision refused with a reason for the accountant; <see cref="Conflict"/> when a colleague decided first (409).</summary>
public sealed class ReviewException(string message, bool conflict = false) : Exception(message)
{
    public bool Conflict { get; } = conflict;
}

/// <summary>
/// What an accountant decides on an entry: accept the suggestion, give it to other tenants or notices (split), not rent,
/// suspense (471) and its clearing, undo of a match or of one allocation, write-offs; each posted to the ledger through
/// the posting queue like an automatic match, each in the audit log, manual ones above the threshold after approval.
/// </summary>
public sealed class ReviewService(NpgsqlDataSource db, PostingQueue queue, AuditLog audit, ReviewOptions options, TimeProvider time)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public const string EntryColumns = """
        entry_id, import_id, booking_date, amount_cents, currency, bank_reference, counterparty_name, counterparty_iban, label, decision,
        result_json, state, state_by, state_at, state_reason, version
        """;

    public static EntryRow Read(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetInt64(1), r.IsDBNull(2) ? null : r.GetFieldValue<DateOnly>(2), r.GetInt64(3), r.GetString(4),
        r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), r.IsDBNull(7) ? null : r.GetString(7), r.GetString(8),
        r.GetString(9), JsonSerializer.Deserialize<StoredResult>(r.GetString(10), Json)!, r.GetString(11), r.IsDBNull(12) ? null : r.GetString(12),
        r.IsDBNull(13) ? null : r.GetFieldValue<DateTimeOffset>(13), r.IsDBNull(14) ? null : r.GetString(14), r.GetInt32(15));

    public async Task<EntryRow?> EntryAsync(string entryId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand($"select {EntryColumns} from entries where entry_id = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = entryId });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? Read(r) : null;
    }

    /// <summary>The money of the entry still to decide: its amount less what automatic units already posted.</summary>
    public static long Open(EntryRow e) => e.Cents - e.Result.Units.Where(u => u.Decision == "auto").Sum(u => u.Allocations.Sum(a => a.Cents));

    /// <summary>Posts the accountant's allocations (accepted suggestion when <paramref name="manual"/> is false).</summary>
    public async Task<string> DecideAsync(string entryId, IReadOnlyList<StoredAllocation> allocations, bool manual, string who, CancellationToken ct, bool approved = false)
    {
        var e = await EntryAsync(entryId, ct) ?? throw new ReviewException("écriture inconnue");
        if (e.State is not ("review" or "suspense") && !(approved && e.State == "awaiting")) throw Decided(e);
        if (allocations.Count == 0) throw new ReviewException("aucune affectation");
        if (allocations.Any(a => a.Cents <= 0 && Open(e) > 0)) throw new ReviewException("chaque montant doit être positif");
        var total = allocations.Sum(a => a.Cents);
        if (total != Open(e)) throw new ReviewException($"la somme des affectations ({Money.FormatCents(total)}) doit égaler le montant à rapprocher ({Money.FormatCents(Open(e))})");
        if (manual && !approved && Math.Abs(total) > options.ApprovalThresholdCents)
        {
            await RequestApprovalAsync("payment", $"paiement manuel de l'écriture {e.BankReference ?? e.EntryId}", Math.Abs(total),
                JsonSerializer.Serialize(new { entryId, allocations }, Json), who, ct);
            await SetStateAsync(entryId, "awaiting", who, "en attente d'approbation", ct);
            return "awaiting";
        }
        var unit = e.Result.Units.FirstOrDefault(u => u.Decision != "auto") ?? e.Result.Units[0];
        var version = e.Version + 1;
        var commands = PostingPlan.ForUnit(entryId, unit with { Index = 0 }, allocations, e.Currency, e.Date ?? Today(),
            e.BankReference, version, _ => null);
        // Cleared from suspense: the money leaves 471 in the same decision that records the tenants' payments.
        if (await ParkedKeyAsync(entryId, ct) is { } parked)
        {
            commands.Insert(0, BankPlan.Clear(entryId, parked, "Tenant", total, e.Currency, ClearingDate(e), unit.Channel, null,
                allocations.Select(a => a.Tenant).ToList(), manual ? "affectation manuelle" : "suggestion acceptée", who));
        }
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await PostingQueue.EnqueueAsync(conn, tx, commands, time.GetUtcNow(), ct);
        await ClaimAsync(conn, tx, e, "posted", who, manual ? "affectation manuelle" : "suggestion acceptée", ct);
        // Learning: a confirmed payer IBAN is evidence for this tenant at the next import.
        if (e.Iban is { Length: > 0 } iban && allocations.Select(a => a.Tenant).Distinct().Count() == 1)
        {
            await using var learn = new NpgsqlCommand("""
                insert into known_ibans (iban, tenant_reference, learned_at, learned_by) values ($1, $2, $3, $4) on conflict do nothing
                """, conn, tx);
            foreach (var v in new object[] { iban, allocations[0].Tenant, time.GetUtcNow(), who }) learn.Parameters.Add(new NpgsqlParameter { Value = v });
            await learn.ExecuteNonQueryAsync(ct);
        }
        await audit.WriteAsync(who, manual ? "affectation" : "acceptation",
            $"écriture {e.BankReference ?? e.EntryId} : " + string.Join(", ", allocations.Select(a => $"{a.Tenant} {a.Notice ?? "crédit"} {Money.FormatCents(a.Cents)}")), ct, conn, tx);
        await tx.CommitAsync(ct);
        await queue.DrainAsync(ct);
        return "posted";
    }

    /// <summary>
    /// The entry's new state, only if nobody changed it since it was read (its version and state as read): two accountants
    /// deciding the same entry at once both read version n; the second update waits for the first to commit, then finds
    /// version n + 1 and changes nothing, and its transaction (the queued postings, the audit line) is rolled back.
    /// </summary>
    private async Task ClaimAsync(NpgsqlConnection conn, NpgsqlTransaction tx, EntryRow e, string state, string who, string reason, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("""
            update entries set state = $2, state_by = $3, state_at = $4, state_reason = $5, version = $6
            where entry_id = $1 and version = $7 and state = $8
            """, conn, tx);
        foreach (var v in new object[] { e.EntryId, state, who, time.GetUtcNow(), reason, e.Version + 1, e.Version, e.State })
            cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        if (await cmd.ExecuteNonQueryAsync(ct) == 0) throw Decided(e);
    }

    /// <summary>A decision on an entry a colleague (or this accountant, in another tab) has decided since the page was shown.</summary>
    private static ReviewException Decided(EntryRow e) =>
        new("Un autre comptable a déjà traité cette écriture : votre décision n'a pas été enregistrée. Rechargez la page pour voir la sienne.", conflict: true);

    /// <summary>
    /// Suspense (471) or not rent (with its kind), queued for the ledger in the same transaction as the entry's new state: the
    /// page says it is done only once this returns. Not rent on a parked entry clears the suspense to that kind's account.
    /// </summary>
    public async Task SetAsideAsync(string entryId, string state, string reason, string who, CancellationToken ct, string? kind = null)
    {
        var e = await EntryAsync(entryId, ct) ?? throw new ReviewException("écriture inconnue");
        if (e.State is not ("review" or "suspense")) throw Decided(e);
        if (state == "suspense" && e.State == "suspense") throw new ReviewException("cette écriture est déjà en attente sur le compte 471");
        if (string.IsNullOrWhiteSpace(reason)) throw new ReviewException("indiquez le motif");
        if (state != "suspense" && !BankPlan.NotRentKinds.Any(k => k.Kind == kind)) throw new ReviewException("choisissez la nature de l'opération hors loyer");
        var open = Open(e);
        if (open == 0) throw new ReviewException("il ne reste rien à rapprocher sur cette écriture");
        var version = e.Version + 1;
        var key = BankPlan.Key(entryId, version);
        var on = e.Date ?? Today();
        var label = reason.Trim();
        var command = state == "suspense" ? BankPlan.Park(entryId, key, open, e.Currency, on, label, who)
            : await ParkedKeyAsync(entryId, ct) is { } parked ? BankPlan.Clear(entryId, parked, "NotRent", open, e.Currency, ClearingDate(e), "Transfer", kind, [], label, who)
            : kind == "BankFees" ? BankPlan.Fees(entryId, key, checked(-open), e.Currency, on, "Transfer", label, who)
            : BankPlan.NotRent(entryId, key, kind!, open, e.Currency, on, label, who);
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await PostingQueue.EnqueueAsync(conn, tx, [command], time.GetUtcNow(), ct);
        await ClaimAsync(conn, tx, e, state, who, label, ct);
        await audit.WriteAsync(who, state == "suspense" ? "attente 471" : "hors loyer",
            $"écriture {e.BankReference ?? e.EntryId} : {label} ({Pages.Fr.Amount(open)}, transmis au grand livre, {command.Kind} {key})", ct, conn, tx);
        await tx.CommitAsync(ct);
        await queue.DrainAsync(ct);
    }

    /// <summary>The ledger key of the entry's parking that no clearing followed yet, or null when it is not in suspense.</summary>
    private async Task<string?> ParkedKeyAsync(string entryId, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select p.payment_id from postings p where p.entry_id = $1 and p.kind = 'suspense'
              and not exists (select 1 from postings c where c.entry_id = p.entry_id and c.kind = 'suspense-clear' and c.payment_id = p.payment_id)
            order by p.seq desc limit 1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = entryId });
        return await cmd.ExecuteScalarAsync(ct) as string;
    }

    private DateOnly Today() => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    /// <summary>A clearing is dated the day it is decided, never before the money's own date.</summary>
    private DateOnly ClearingDate(EntryRow e) => e.Date is { } d && d > Today() ? d : Today();

    /// <summary>Undoes a whole match: every payment it posted is reversed in the ledger (never deleted); the entry is back in review.</summary>
    public async Task UndoMatchAsync(string entryId, string reason, string who, CancellationToken ct)
    {
        var e = await EntryAsync(entryId, ct) ?? throw new ReviewException("écriture inconnue");
        if (string.IsNullOrWhiteSpace(reason)) throw new ReviewException("indiquez pourquoi vous annulez");
        var payments = new List<(string PaymentId, string Tenant, long Cents)>();
        await using (var cmd = db.CreateCommand("select payment_id, tenant_reference, amount_cents from postings where entry_id = $1 and kind = 'payment' and status in ('Done', 'Pending') order by seq"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = entryId });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) payments.Add((r.GetString(0), r.GetString(1), r.GetInt64(2)));
        }
        if (payments.Count == 0) throw new ReviewException("rien n'a été comptabilisé pour cette écriture");
        var on = (e.Date ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var commands = payments.Select(p => new PostingCommand("undo:" + p.PaymentId, entryId, "reversal", p.PaymentId, p.Tenant, p.Cents,
            new { reversalId = "undo:" + p.PaymentId, kind = "Other", amount = Money.FormatCents(p.Cents), currency = e.Currency, on, reasonCode = "ANNULATION" })).ToList();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await PostingQueue.EnqueueAsync(conn, tx, commands, time.GetUtcNow(), ct);
        await using (var cmd = new NpgsqlCommand("update entries set state = 'review', state_by = $2, state_at = $3, state_reason = $4 where entry_id = $1", conn, tx))
        {
            foreach (var v in new object[] { entryId, who, time.GetUtcNow(), "rapprochement annulé : " + reason }) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await audit.WriteAsync(who, "annulation", $"écriture {e.BankReference ?? e.EntryId} : {reason}", ct, conn, tx);
        await tx.CommitAsync(ct);
        await queue.DrainAsync(ct);
    }

    /// <summary>Undoes one allocation of a posted payment (de-allocation in the ledger); the payment's other allocations stay.</summary>
    public async Task UndoAllocationAsync(string entryId, string paymentId, string notice, long cents, string currency, string reason, string who, CancellationToken ct)
    {
        var e = await EntryAsync(entryId, ct) ?? throw new ReviewException("écriture inconnue");
        if (string.IsNullOrWhiteSpace(reason)) throw new ReviewException("indiquez pourquoi vous annulez");
        string tenant;
        await using (var cmd = db.CreateCommand("select tenant_reference from postings where entry_id = $1 and payment_id = $2 and kind = 'payment'"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = entryId });
            cmd.Parameters.Add(new NpgsqlParameter { Value = paymentId });
            tenant = await cmd.ExecuteScalarAsync(ct) as string ?? throw new ReviewException("ce paiement n'appartient pas à cette écriture");
        }
        var stamp = time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var body = new { noticeReference = notice, amount = Money.FormatCents(cents), currency, by = who.Length > 40 ? who[..40] : who, reason = reason.Length > 140 ? reason[..140] : reason };
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await PostingQueue.EnqueueAsync(conn, tx, [new PostingCommand($"dealloc:{paymentId}:{notice}:{stamp}", entryId, "deallocation", paymentId, tenant, cents, body)], time.GetUtcNow(), ct);
        await audit.WriteAsync(who, "annulation d'affectation", $"écriture {e.BankReference ?? e.EntryId}, paiement {paymentId}, avis {notice}, {Money.FormatCents(cents)} : {reason}", ct, conn, tx);
        await tx.CommitAsync(ct);
        await queue.DrainAsync(ct);
    }

    public async Task<string> RequestWriteOffAsync(string tenant, string notice, long cents, string reason, string who, CancellationToken ct)
    {
        if (cents <= 0) throw new ReviewException("le montant doit être positif");
        if (string.IsNullOrWhiteSpace(reason)) throw new ReviewException("indiquez le motif");
        var payload = JsonSerializer.Serialize(new { tenant, notice, cents, reason }, Json);
        if (cents > options.ApprovalThresholdCents)
        {
            await RequestApprovalAsync("writeoff", $"passage en perte de l'avis {notice} ({tenant})", cents, payload, who, ct);
            return "awaiting";
        }
        await PostWriteOffAsync(payload, who, who, ct);
        return "posted";
    }

    private async Task PostWriteOffAsync(string payload, string requestedBy, string approvedBy, CancellationToken ct)
    {
        using var doc = JsonDocument.Parse(payload);
        var p = doc.RootElement;
        var notice = p.GetProperty("notice").GetString()!;
        var operationId = "wo-" + PostingPlan.BaseId(payload)[4..];
        var body = new
        {
            tenantReference = p.GetProperty("tenant").GetString(), kind = "WriteOff", operationId, amount = Money.FormatCents(p.GetProperty("cents").GetInt64()),
            currency = "EUR", on = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            approvedBy, reason = p.GetProperty("reason").GetString(), noticeReference = notice,
        };
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await PostingQueue.EnqueueAsync(conn, tx, [new PostingCommand("op:" + operationId, "writeoff:" + notice, "operation", operationId, body.tenantReference!, p.GetProperty("cents").GetInt64(), body)], time.GetUtcNow(), ct);
        await audit.WriteAsync(approvedBy, "passage en perte", $"avis {notice}, {body.amount}, demandé par {requestedBy}, approuvé par {approvedBy}", ct, conn, tx);
        await tx.CommitAsync(ct);
        await queue.DrainAsync(ct);
    }

    private async Task RequestApprovalAsync(string kind, string summary, long cents, string payload, string who, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            insert into approvals (kind, summary, amount_cents, payload, requested_by, requested_at, status) values ($1, $2, $3, $4, $5, $6, 'Pending')
            """);
        foreach (var v in new object[] { kind, summary, cents, payload, who, time.GetUtcNow() }) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        await cmd.ExecuteNonQueryAsync(ct);
        await audit.WriteAsync(who, "demande d'approbation", $"{summary} : {Money.FormatCents(cents)}", ct);
    }

    /// <summary>An approver approves someone else's request; their own is refused.</summary>
    public async Task ApproveAsync(long id, string approver, CancellationToken ct)
    {
        string kind, payload, requestedBy;
        await using (var cmd = db.CreateCommand("select kind, payload, requested_by from approvals where id = $1 and status = 'Pending'"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            if (!await r.ReadAsync(ct)) throw new ReviewException("demande inconnue ou déjà traitée");
            (kind, payload, requestedBy) = (r.GetString(0), r.GetString(1), r.GetString(2));
        }
        if (string.Equals(requestedBy, approver, StringComparison.Ordinal)) throw new ReviewException("vous ne pouvez pas approuver votre propre demande");
        await using (var cmd = db.CreateCommand("update approvals set status = 'Approved', decided_by = $2, decided_at = $3 where id = $1 and status = 'Pending'"))
        {
            foreach (var v in new object[] { id, approver, time.GetUtcNow() }) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
            if (await cmd.ExecuteNonQueryAsync(ct) == 0) throw new ReviewException("demande déjà traitée");
        }
        await audit.WriteAsync(approver, "approbation", $"demande {id} de {requestedBy}", ct);
        if (kind == "writeoff")
        {
            await PostWriteOffAsync(payload, requestedBy, approver, ct);
            return;
        }
        using var doc = JsonDocument.Parse(payload);
        var allocations = doc.RootElement.GetProperty("allocations").Deserialize<List<StoredAllocation>>(Json)!;
        await DecideAsync(doc.RootElement.GetProperty("entryId").GetString()!, allocations, true, requestedBy, ct, approved: true);
    }

    private async Task SetStateAsync(string entryId, string state, string who, string reason, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("update entries set state = $2, state_by = $3, state_at = $4, state_reason = $5 where entry_id = $1");
        foreach (var v in new object[] { entryId, state, who, time.GetUtcNow(), reason }) cmd.Parameters.Add(new NpgsqlParameter { Value = v });
        await cmd.ExecuteNonQueryAsync(ct);
    }
}
