using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Npgsql;
using Primitives;
using Reconciliation.Api.Infrastructure;
using Reconciliation.Api.Observability;
using Reconciliation.Api.Posting;
using Reconciliation.Matching;
using Reconciliation.Statements;

namespace Reconciliation.Api.Imports;

public sealed record ImportSummary(
    long Id, string Status, int Entries, int New, int Auto, long AutoCents, int Suggested, long SuggestedCents, int Unmatched,
    long UnmatchedCents, int Total, int Processed, long Posted, long Present, long Pending, long Failed, IReadOnlyList<string> Warnings,
    string? Error, string Files, DateTimeOffset CreatedAt, string CreatedBy)
{
    /// <summary>The pain.002 rejects this import brought (none for a statement import).</summary>
    public RejectCounts Rejects { get; init; } = new(0, 0, 0, 0);
}

/// <summary>
/// The morning's import: new entries only (entry id, and bank reference + amount + date across formats), matched against
/// the ledger's open items, stored with their evidence, and each automatic match queued for posting in the same
/// transaction as the entry. Progress is written every batch so that the page can show it.
/// </summary>
public sealed class ImportService(NpgsqlDataSource db, LedgerApi ledger, PostingQueue queue, TimeProvider time, ILogger<ImportService> log,
    ReconciliationMetrics? metrics = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private const int Batch = 2000;

    /// <summary>
    /// The imports this process is running. One that is "Running" in the database but not here was cut off (the host was
    /// killed, or PostgreSQL went down so that even its failure could not be written): the next import marks it failed,
    /// so it is not shown "en cours" for ever. One host per landlord (see ImportEndpoints), so no other process runs imports.
    /// </summary>
    private readonly ConcurrentDictionary<long, byte> _running = new();

    public const string InterruptedError =
        "import interrompu (service ou base de données arrêtés) : réimportez les mêmes fichiers, les écritures déjà enregistrées ne seront pas reprises en double";

    public async Task<long> CreateAsync(Upload upload, string who, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var interrupted = new NpgsqlCommand("""
            update imports set status = 'Failed', error = $1, finished_at = $2 where status = 'Running' and not (id = any($3))
            """, conn, tx))
        {
            interrupted.Parameters.Add(new NpgsqlParameter { Value = InterruptedError });
            interrupted.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
            interrupted.Parameters.Add(new NpgsqlParameter { Value = _running.Keys.ToArray() });
            await interrupted.ExecuteNonQueryAsync(ct);
        }
        long id;
        await using (var cmd = new NpgsqlCommand("""
            insert into imports (created_at, created_by, files, formats, status, warnings, entries)
            values ($1, $2, $3, $4, 'Running', $5, $6) returning id
            """, conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = who });
            cmd.Parameters.Add(new NpgsqlParameter { Value = string.Join(", ", upload.Statements.Select(s => s.FileName).Concat(upload.Details.Select(d => d.FileName)).Concat(upload.Reports.Select(r => r.FileName)).Distinct()) });
            cmd.Parameters.Add(new NpgsqlParameter { Value = string.Join(", ", upload.Statements.Select(s => s.Format).Concat(upload.Details.Select(d => d.Format)).Concat(upload.Reports.Select(_ => "pain002")).Distinct()) });
            cmd.Parameters.Add(new NpgsqlParameter { Value = string.Join("\n", upload.Warnings) });
            cmd.Parameters.Add(new NpgsqlParameter { Value = upload.Statements.Sum(s => s.Entries.Count) });
            id = (long)(await cmd.ExecuteScalarAsync(ct))!;
        }
        foreach (var d in upload.Details)
        {
            await using var cmd = new NpgsqlCommand("""
                insert into detail_files (sha256, format, file_name, content, import_id) values ($1, $2, $3, $4, $5) on conflict (sha256) do nothing
                """, conn, tx);
            cmd.Parameters.Add(new NpgsqlParameter { Value = d.Sha256 });
            cmd.Parameters.Add(new NpgsqlParameter { Value = d.Format });
            cmd.Parameters.Add(new NpgsqlParameter { Value = d.FileName });
            cmd.Parameters.Add(new NpgsqlParameter { Value = d.Content });
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        // pain.002 rejects are staged with the import and queued for the ledger in the same transaction: all or nothing.
        await DirectDebitRejects.StageAsync(conn, tx, id, upload.Reports, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
        _running[id] = 0;
        return id;
    }

    /// <summary>Matches and stores; a failure marks the import failed with its reason (entries already stored stay valid).</summary>
    public async Task RunAsync(long id, Upload upload, CancellationToken ct)
    {
        var started = time.GetTimestamp();
        var phases = new ImportPhases(time);
        try
        {
            await MatchAndStoreAsync(id, upload, phases, ct);
            await phases.TimeAsync("drain", () => queue.DrainAsync(ct));
            metrics?.Imported("done", time.GetElapsedTime(started));
            foreach (var (phase, elapsed, _) in phases.All) metrics?.Phase(phase, elapsed);
            log.LogInformation("import {Id} phases: {Phases}", id, phases.ToString());
        }
        catch (Exception e) when (e is NpgsqlException or HttpRequestException or InvalidOperationException or TimeoutException
                                  or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException)
        {
            log.LogWarning("import {Id} failed: {Kind}", id, e.GetType().Name);
            metrics?.Imported("failed", time.GetElapsedTime(started));
            await using var cmd = db.CreateCommand("update imports set status = 'Failed', error = $2, finished_at = $3 where id = $1");
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            cmd.Parameters.Add(new NpgsqlParameter { Value = e is HttpRequestException or Polly.Timeout.TimeoutRejectedException or Polly.CircuitBreaker.BrokenCircuitException
                ? "le grand livre ne répond pas : les écritures n'ont pas été rapprochées, réimportez le fichier plus tard" : "erreur interne" });
            cmd.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
            await cmd.ExecuteNonQueryAsync(CancellationToken.None);
        }
        finally
        {
            _running.TryRemove(id, out _);
        }
    }

    private async Task MatchAndStoreAsync(long id, Upload upload, ImportPhases phases, CancellationToken ct)
    {
        var all = upload.Statements.SelectMany(s => s.Entries).ToList();
        var fresh = await phases.TimeAsync("new-entries", () => NewEntriesAsync(all, ct), all.Count);
        await SetAsync("update imports set total = $2, new_entries = $2 where id = $1", id, fresh.Count, ct);
        var details = await phases.TimeAsync("details", () => DetailsAsync(ct));
        var known = await phases.TimeAsync("known-payments", () => KnownPaymentsAsync(ct));
        var book = await phases.TimeAsync("open-items", () => BookAsync(details, known, ct));
        // Matching time: the engine's index and its decisions, without storage or the ledger's answers.
        var indexStarted = time.GetTimestamp();
        var engine = new MatchingEngine(book);
        phases.Add("index", time.GetElapsedTime(indexStarted));
        var detailByRef = details.GroupBy(d => d.Entry.BankReference ?? d.Entry.Id, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.First().Entry, StringComparer.Ordinal);
        int auto = 0, suggested = 0, unmatched = 0;
        long autoCents = 0, suggestedCents = 0, unmatchedCents = 0;
        for (var start = 0; start < fresh.Count; start += Batch)
        {
            var rows = new List<(StatementEntry Entry, StoredResult Result, string State)>();
            var commands = new List<PostingCommand>();
            foreach (var entry in fresh.Skip(start).Take(Batch))
            {
                var entryStarted = time.GetTimestamp();
                var match = engine.MatchEntry(entry);
                phases.Add("match", time.GetElapsedTime(entryStarted));
                var stored = await WithCardsInLedgerAsync(StoredResult.From(entry, match, detailByRef), phases, ct);
                var date = entry.BookingDate ?? entry.ValueDate ?? LocalDate.FromDateTime(time.GetUtcNow().UtcDateTime);
                var planned = new List<PostingCommand>();
                // "Book fees as fees": what the PSP kept out of the payout, on 627 against card clearing (467), once per payout entry.
                if (StoredResult.PayoutFees(entry, match, detailByRef) is > 0 and var fees)
                {
                    planned.Add(BankPlan.Fees(entry.Id, BankPlan.Key(entry.Id, 0), fees, entry.Amount.Currency.Code, date.ToDateOnly(), "Card",
                        "commissions du prestataire de paiement, versement " + (entry.BankReference ?? entry.Id), "reconciliation"));
                }
                // The credit itself: 512 against the clearing account the payout's or the slip's payments are booked on.
                if (StoredResult.RemittanceFrom(entry, match) is { } from)
                {
                    planned.Add(BankPlan.Remittance(entry.Id, BankPlan.Key(entry.Id, 0), entry.Amount.Cents, entry.Amount.Currency.Code, date.ToDateOnly(), from,
                        (from == "Card" ? "versement " : "remise de chèques ") + (entry.BankReference ?? entry.Id), "reconciliation"));
                }
                foreach (var unit in stored.Units.Where(u => u.Decision == "auto"))
                {
                    planned.AddRange(PostingPlan.ForUnit(entry.Id, unit, unit.Allocations, entry.Amount.Currency.Code, date.ToDateOnly(),
                        entry.BankReference, 0, a => FindOriginal(known, a, unit)));
                }
                foreach (var p in planned.Where(p => p.Kind == "payment"))
                {
                    var body = (PaymentBody)p.Body;
                    known.Add(new KnownPayment(p.PaymentId, p.TenantReference, body.Allocations.FirstOrDefault()?.Notice, p.Cents, (string)body.Record["channel"]!,
                        ((Dictionary<string, string>)body.Record["externalReferences"]!).GetValueOrDefault("endToEndId"),
                        ((Dictionary<string, string>)body.Record["externalReferences"]!).GetValueOrDefault("chequeNumber")));
                }
                commands.AddRange(planned);
                var state = stored.Units.All(u => u.Decision == "auto") ? "posted" : "review";
                rows.Add((entry, stored, state));
                var cents = Math.Abs(entry.Amount.Cents);
                switch (stored.Decision)
                {
                    case "auto": auto++; autoCents += cents; break;
                    case "suggested": suggested++; suggestedCents += cents; break;
                    default: unmatched++; unmatchedCents += cents; break;
                }
            }
            await phases.TimeAsync("store", () => StoreBatchAsync(id, rows, commands, ct), rows.Count);
            await using var progress = db.CreateCommand("""
                update imports set processed = $2, auto_count = $3, auto_cents = $4, suggested_count = $5, suggested_cents = $6,
                    unmatched_count = $7, unmatched_cents = $8 where id = $1
                """);
            foreach (var v in new object[] { id, Math.Min(start + Batch, fresh.Count), auto, autoCents, suggested, suggestedCents, unmatched, unmatchedCents })
                progress.Parameters.Add(new NpgsqlParameter { Value = v });
            await progress.ExecuteNonQueryAsync(ct);
        }
        metrics?.Matched(phases.Of("index", "match"), auto, suggested, unmatched);
        await using var done = db.CreateCommand("update imports set status = 'Done', finished_at = $2 where id = $1");
        done.Parameters.Add(new NpgsqlParameter { Value = id });
        done.Parameters.Add(new NpgsqlParameter { Value = time.GetUtcNow() });
        await done.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// A card payment of a payout that the webhook path already booked is matched by the ledger itself: its notice is no
    /// longer open, so the engine could only suggest it. Checked by PSP reference (card:PSP), whatever the merchant
    /// reference says (the payments host sends its attempt id AT…, the generator the notice reference).
    /// </summary>
    private async Task<StoredResult> WithCardsInLedgerAsync(StoredResult result, ImportPhases phases, CancellationToken ct)
    {
        if (!result.Units.Any(u => u.Channel == nameof(PaymentChannel.Card) && u.Decision != "auto" && u.Cents > 0 && u.Reference is { Length: > 0 })) return result;
        var units = new List<StoredUnit>();
        foreach (var u in result.Units)
        {
            if (u.Channel == nameof(PaymentChannel.Card) && u.Decision != "auto" && u.Cents > 0 && u.Reference is { Length: > 0 }
                && await phases.TimeAsync("card-checks", () => ledger.PaymentAsync(PaymentId.For(PaymentChannel.Card, u.Reference).Value, ct)) is { } p
                && Money.TryParseCents(p.Amount, out var cents) && cents == u.Cents)
            {
                var allocations = p.Allocations.Select(a => new StoredAllocation(p.TenantReference, a.NoticeReference, Money.TryParseCents(a.Amount, out var c) ? c : 0)).ToList();
                var credit = cents - allocations.Sum(a => a.Cents);
                if (credit > 0) allocations.Add(new StoredAllocation(p.TenantReference, null, credit));
                units.Add(u with { Decision = "auto", Confidence = 100, Allocations = allocations,
                    Evidence = [.. u.Evidence, $"paiement carte {u.Reference} déjà enregistré dans le grand livre (notification du prestataire)"] });
            }
            else
            {
                units.Add(u);
            }
        }
        var decision = units.Any(u => u.Decision == "unmatched") ? (units.Any(u => u.Allocations.Count > 0) ? "suggested" : "unmatched")
            : units.Any(u => u.Decision == "suggested") ? "suggested" : "auto";
        return result with { Decision = decision, Units = units };
    }

    private static KnownPayment? FindOriginal(List<KnownPayment> known, StoredAllocation a, StoredUnit unit)
    {
        var candidates = known.Where(k => k.Tenant == a.Tenant && (a.Notice is null || k.Notice == a.Notice) && k.Cents >= -a.Cents).ToList();
        return candidates.LastOrDefault(k => unit.EndToEndId is not null && k.EndToEndId == unit.EndToEndId)
            ?? candidates.LastOrDefault(k => unit.ChequeNumber is not null && k.ChequeNumber?.TrimStart('0') == unit.ChequeNumber.TrimStart('0'))
            ?? candidates.LastOrDefault();
    }

    public static string? DedupeKey(StatementEntry e) =>
        e.BankReference is { Length: > 0 } r
            ? $"{r}|{e.Amount.Cents.ToString(CultureInfo.InvariantCulture)}|{(e.BookingDate ?? e.ValueDate)?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}"
            : null;

    /// <summary>Entries neither stored already (by id, or by bank reference + amount + date) nor repeated in this upload.</summary>
    private async Task<List<StatementEntry>> NewEntriesAsync(List<StatementEntry> all, CancellationToken ct)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("select entry_id, dedupe_key from entries where entry_id = any($1) or dedupe_key = any($2)"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = all.Select(e => e.Id).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = all.Select(DedupeKey).Where(k => k is not null).ToArray() });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct))
            {
                ids.Add(r.GetString(0));
                if (!r.IsDBNull(1)) keys.Add(r.GetString(1));
            }
        }
        var fresh = new List<StatementEntry>();
        foreach (var e in all)
        {
            if (!ids.Add(e.Id)) continue;
            if (DedupeKey(e) is { } k && !keys.Add(k)) continue;
            fresh.Add(e);
        }
        return fresh;
    }

    private async Task<List<StatementEntryDetail>> DetailsAsync(CancellationToken ct)
    {
        var list = new List<StatementEntryDetail>();
        await using var cmd = db.CreateCommand("select format, content from detail_files order by import_id, sha256");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var format = r.GetString(0);
            using var stream = new MemoryStream((byte[])r[1]);
            var parsed = StatementParser.Parse(stream);
            list.AddRange(parsed.Statements.SelectMany(s => s.Entries).Select(e => new StatementEntryDetail(UploadParser.DetailKinds[format], e)));
        }
        return list;
    }

    private async Task<List<KnownPayment>> KnownPaymentsAsync(CancellationToken ct)
    {
        var list = new List<KnownPayment>();
        await using var cmd = db.CreateCommand("select payment_id, tenant_reference, notice_reference, amount_cents, channel, end_to_end_id, cheque_number from posted_payments");
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new KnownPayment(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2), r.GetInt64(3), r.GetString(4),
                r.IsDBNull(5) ? null : r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)));
        }
        return list;
    }

    /// <summary>The ledger's open items (its API, our key), the IBANs accountants confirmed, the payments we posted.</summary>
    public async Task<MatchingBook> BookAsync(List<StatementEntryDetail> details, List<KnownPayment> known, CancellationToken ct)
    {
        var items = await ledger.OpenItemsAsync(ct);
        var ibans = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        await using (var cmd = db.CreateCommand("select tenant_reference, iban from known_ibans order by iban"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
            {
                if (!ibans.TryGetValue(r.GetString(0), out var l)) ibans[r.GetString(0)] = l = [];
                l.Add(r.GetString(1));
            }
        }
        var tenants = items.GroupBy(i => i.TenantReference, StringComparer.Ordinal)
            .Select(g => new Tenant(new TenantReference(g.Key), g.First().TenantName, ibans.GetValueOrDefault(g.Key) ?? []))
            .ToList();
        var notices = items.Select(i => new OpenNotice(new TenantReference(i.TenantReference), new NoticeReference(i.NoticeReference),
            RfReference.IsValid(i.RfReference) ? new RfReference(i.RfReference) : null, i.Period,
            NodaTime.Text.LocalDatePattern.Iso.Parse(i.DueDate).Value, Money.Parse(i.AmountDue, new Currency(i.Currency)))).ToList();
        // Tenants with nothing due still pay (in advance, or a return reopens a notice): known IBANs keep them in the book.
        foreach (var t in ibans.Keys.Where(k => tenants.All(x => x.Reference.Value != k)).ToList())
            tenants.Add(new Tenant(new TenantReference(t), "", ibans[t]));
        var prior = known.Select(k => new PriorPayment(k.EndToEndId, null, new TenantReference(k.Tenant),
            k.Notice is null ? null : new NoticeReference(k.Notice), Money.Eur(k.Cents), default)).ToList();
        return new MatchingBook(tenants, notices, details, prior);
    }

    private async Task StoreBatchAsync(long id, List<(StatementEntry Entry, StoredResult Result, string State)> rows, List<PostingCommand> commands, CancellationToken ct)
    {
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        await using (var cmd = new NpgsqlCommand("""
            insert into entries (entry_id, import_id, dedupe_key, booking_date, amount_cents, currency, bank_reference, counterparty_name,
                counterparty_iban, label, entry_json, decision, result_json, state)
            select e, $1, k, d, a, c, b, n, i, l, '{}', dec, r, s
            from unnest($2::text[], $3::text[], $4::date[], $5::bigint[], $6::text[], $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
                as u(e, k, d, a, c, b, n, i, l, dec, r, s)
            on conflict do nothing
            """, conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Entry.Id).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => DedupeKey(r.Entry)).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => (r.Entry.BookingDate ?? r.Entry.ValueDate)?.ToDateOnly()).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Entry.Amount.Cents).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Entry.Amount.Currency.Code).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Entry.BankReference).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Entry.CounterpartyName).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Entry.CounterpartyIban).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => Label(r.Entry)).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.Result.Decision).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => JsonSerializer.Serialize(r.Result, Json)).ToArray() });
            cmd.Parameters.Add(new NpgsqlParameter { Value = rows.Select(r => r.State).ToArray() });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await PostingQueue.EnqueueAsync(conn, tx, commands, time.GetUtcNow(), ct);
        await tx.CommitAsync(ct);
    }

    private static string Label(StatementEntry e)
    {
        var text = string.Join(" ", new[] { e.CounterpartyName }.Concat(e.Remittance).Where(s => !string.IsNullOrWhiteSpace(s)));
        return text.Length > 300 ? text[..300] : text;
    }

    private async Task SetAsync(string sql, long id, int value, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(sql);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        cmd.Parameters.Add(new NpgsqlParameter { Value = value });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    public async Task<ImportSummary?> SummaryAsync(long id, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select i.id, i.status, i.entries, i.new_entries, i.auto_count, i.auto_cents, i.suggested_count, i.suggested_cents, i.unmatched_count,
                   i.unmatched_cents, i.total, i.processed,
                   (select count(*) from postings p join entries e on e.entry_id = p.entry_id where e.import_id = i.id and p.status = 'Done'),
                   (select count(*) from postings p join entries e on e.entry_id = p.entry_id where e.import_id = i.id and p.status = 'Present'),
                   (select count(*) from postings p join entries e on e.entry_id = p.entry_id where e.import_id = i.id and p.status = 'Pending'),
                   (select count(*) from postings p join entries e on e.entry_id = p.entry_id where e.import_id = i.id and p.status = 'Failed'),
                   i.warnings, i.error, i.files, i.created_at, i.created_by
            from imports i where i.id = $1
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        if (!await r.ReadAsync(ct)) return null;
        var summary = new ImportSummary(r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetInt32(3), r.GetInt32(4), r.GetInt64(5), r.GetInt32(6), r.GetInt64(7),
            r.GetInt32(8), r.GetInt64(9), r.GetInt32(10), r.GetInt32(11), r.GetInt64(12), r.GetInt64(13), r.GetInt64(14), r.GetInt64(15),
            r.GetString(16).Split('\n', StringSplitOptions.RemoveEmptyEntries), r.IsDBNull(17) ? null : r.GetString(17), r.GetString(18),
            r.GetFieldValue<DateTimeOffset>(19), r.GetString(20));
        await r.CloseAsync();
        return summary with { Rejects = await DirectDebitRejects.CountsAsync(db, id, ct) };
    }
}
