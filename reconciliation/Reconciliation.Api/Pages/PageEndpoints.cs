using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Primitives;
using Reconciliation.Api.Imports;
using Reconciliation.Api.Infrastructure;
using Reconciliation.Api.Posting;
using Reconciliation.Api.Review;

namespace Reconciliation.Api.Pages;

public sealed record AuditRow(DateTimeOffset At, string Who, string Action, string Detail);

/// <summary>A bank operation of the entry in the posting queue (suspense, clearing, fees, not rent) and how far it got.</summary>
public sealed record BankPostingRow(string Kind, string Status, long Cents, string? LastError);

public sealed record ApprovalRow(long Id, string Summary, long Cents, string RequestedBy, DateTimeOffset RequestedAt, string Status, string? DecidedBy);

/// <summary>The accountants' pages (French, server-rendered, no script); every form carries and checks an antiforgery token.</summary>
public static class PageEndpoints
{
    public static void MapPages(this WebApplication app)
    {
        var pages = app.MapGroup("").RequireAuthorization(Policies.Accountant);
        pages.MapGet("/", DashboardAsync);
        pages.MapAgedBalance();
        pages.MapQuittances();
        pages.MapRentRun();
        pages.MapGet("/imports", ImportsAsync);
        pages.MapPost("/imports", UploadAsync);
        pages.MapGet("/imports/{id:long}", async (long id, ImportService imports, CancellationToken ct) =>
            await imports.SummaryAsync(id, ct) is { } s ? (IResult)new RazorComponentResult<ImportPage>(new { S = s }) : TypedResults.NotFound());
        pages.MapGet("/review", ReviewListAsync);
        pages.MapGet("/review/entry", EntryAsync);
        pages.MapPost("/review/accept", (IFormCollection f, ReviewService r, ClaimsPrincipal u, HttpContext h, LedgerApi l, NpgsqlDataSource db, CancellationToken ct) =>
            Act(f, h, l, db, r, ct, async e => await r.DecideAsync(e.EntryId, e.Result.Units.Where(x => x.Decision != "auto").SelectMany(x => x.Allocations).ToList(), false, Who(u), ct) == "awaiting"
                ? "Envoyé pour approbation." : "Suggestion acceptée et comptabilisée."));
        pages.MapPost("/review/assign", (IFormCollection f, ReviewService r, ClaimsPrincipal u, HttpContext h, LedgerApi l, NpgsqlDataSource db, CancellationToken ct) =>
            Act(f, h, l, db, r, ct, async e => await r.DecideAsync(e.EntryId, Lines(f), true, Who(u), ct) == "awaiting"
                ? "Au-delà du seuil : envoyé pour approbation." : "Répartition comptabilisée."));
        pages.MapPost("/review/not-rent", (IFormCollection f, ReviewService r, ClaimsPrincipal u, HttpContext h, LedgerApi l, NpgsqlDataSource db, CancellationToken ct) =>
            Act(f, h, l, db, r, ct, async e =>
            {
                var (kind, reason) = NotRent(f);
                await r.SetAsideAsync(e.EntryId, "not_rent", reason, Who(u), ct, kind);
                return "Marquée hors loyer (" + reason + ") et transmise au grand livre.";
            }));
        pages.MapPost("/review/suspense", (IFormCollection f, ReviewService r, ClaimsPrincipal u, HttpContext h, LedgerApi l, NpgsqlDataSource db, CancellationToken ct) =>
            Act(f, h, l, db, r, ct, async e => { await r.SetAsideAsync(e.EntryId, "suspense", f["reason"].ToString(), Who(u), ct); return "Mise en attente sur le compte 471."; }));
        pages.MapPost("/review/undo", (IFormCollection f, ReviewService r, ClaimsPrincipal u, HttpContext h, LedgerApi l, NpgsqlDataSource db, CancellationToken ct) =>
            Act(f, h, l, db, r, ct, async e => { await r.UndoMatchAsync(e.EntryId, f["reason"].ToString(), Who(u), ct); return "Rapprochement annulé (contre-passation dans le grand livre)."; }));
        pages.MapPost("/review/undo-allocation", (IFormCollection f, ReviewService r, ClaimsPrincipal u, HttpContext h, LedgerApi l, NpgsqlDataSource db, CancellationToken ct) =>
            Act(f, h, l, db, r, ct, async e =>
            {
                if (!Money.TryParseCents(f["amount"].ToString(), out var cents)) throw new ReviewException("montant illisible");
                await r.UndoAllocationAsync(e.EntryId, f["paymentId"].ToString(), f["notice"].ToString(), cents, f["currency"].ToString(), f["reason"].ToString(), Who(u), ct);
                return "Affectation annulée ; les autres restent en place.";
            }));
        pages.MapGet("/tenants", async (string? @ref, LedgerApi ledger, CancellationToken ct) =>
            new RazorComponentResult<TenantPage>(new { Tenant = @ref ?? "", S = string.IsNullOrWhiteSpace(@ref) ? null : await ledger.StatementAsync(@ref, ct) }));
        pages.MapGet("/approvals", (ClaimsPrincipal u, NpgsqlDataSource db, ReviewOptions o, CancellationToken ct) => ApprovalsAsync(u, db, o, null, false, ct));
        pages.MapPost("/writeoffs", async (IFormCollection f, ReviewService r, ClaimsPrincipal u, NpgsqlDataSource db, ReviewOptions o, CancellationToken ct) =>
        {
            try
            {
                if (!Money.TryParseCents(f["amount"].ToString(), out var cents)) throw new ReviewException("montant illisible (exemple : 512.30)");
                var state = await r.RequestWriteOffAsync(f["tenant"].ToString().Trim(), f["notice"].ToString().Trim(), cents, f["reason"].ToString(), Who(u), ct);
                return await ApprovalsAsync(u, db, o, state == "awaiting" ? "Demande enregistrée : elle attend l'accord d'un approbateur." : "Passage en perte comptabilisé.", false, ct);
            }
            catch (ReviewException e) { return await ApprovalsAsync(u, db, o, e.Message, true, ct); }
        });
        app.MapPost("/approvals/approve", async (IFormCollection f, ReviewService r, ClaimsPrincipal u, NpgsqlDataSource db, ReviewOptions o, CancellationToken ct) =>
        {
            try
            {
                await r.ApproveAsync(long.Parse(f["id"].ToString(), CultureInfo.InvariantCulture), Who(u), ct);
                return await ApprovalsAsync(u, db, o, "Demande approuvée et comptabilisée.", false, ct);
            }
            catch (Exception e) when (e is ReviewException or FormatException) { return await ApprovalsAsync(u, db, o, e.Message, true, ct); }
        }).RequireAuthorization(Policies.Approver);
        pages.MapGet("/audit", async (NpgsqlDataSource db, CancellationToken ct) =>
            new RazorComponentResult<AuditPage>(new { Rows = await AuditAsync(db, null, ct) }));
    }

    private static string Who(ClaimsPrincipal u) => u.Identity?.Name ?? "?";

    /// <summary>The form's kind (BankFees, InternalTransfer, Caf, Other) and the reason, which defaults to the kind's French label.</summary>
    private static (string? Kind, string Reason) NotRent(IFormCollection f)
    {
        var kind = f["kind"].ToString();
        var reason = f["reason"].ToString().Trim();
        var known = BankPlan.NotRentKinds.FirstOrDefault(k => k.Kind == kind || (kind.Length == 0 && k.Label == reason));
        return (known.Kind, reason.Length > 0 ? reason : known.Label ?? "");
    }

    private static List<StoredAllocation> Lines(IFormCollection f)
    {
        var list = new List<StoredAllocation>();
        var tenants = f["tenant"]; var notices = f["notice"]; var amounts = f["amount"];
        for (var i = 0; i < tenants.Count; i++)
        {
            var tenant = tenants[i]?.Trim() ?? "";
            var amount = i < amounts.Count ? amounts[i]?.Trim() ?? "" : "";
            if (tenant.Length == 0 && amount.Length == 0) continue;
            if (!TenantReference.TryCreate(tenant, out _)) throw new ReviewException($"ligne {i + 1} : référence de locataire invalide");
            if (!Money.TryParseCents(amount.Replace(',', '.'), out var cents) || cents <= 0) throw new ReviewException($"ligne {i + 1} : montant invalide (exemple : 512.30)");
            var notice = i < notices.Count ? notices[i]?.Trim() : null;
            if (notice is { Length: > 0 } && !NoticeReference.TryCreate(notice, out _)) throw new ReviewException($"ligne {i + 1} : référence d'avis invalide");
            list.Add(new StoredAllocation(tenant, notice is { Length: > 0 } ? notice : null, cents));
        }
        return list;
    }

    private static async Task<IResult> Act(IFormCollection f, HttpContext http, LedgerApi ledger, NpgsqlDataSource db, ReviewService review, CancellationToken ct, Func<EntryRow, Task<string>> action)
    {
        var entry = await review.EntryAsync(f["id"].ToString(), ct);
        if (entry is null) return TypedResults.NotFound();
        try
        {
            var message = await action(entry);
            return await EntryPageAsync(entry.EntryId, null, message, false, review, ledger, db, ct);
        }
        catch (ReviewException e)
        {
            http.Response.StatusCode = e.Conflict ? 409 : 400;
            return await EntryPageAsync(entry.EntryId, null, e.Message, true, review, ledger, db, ct);
        }
    }

    public static Task<IResult> EntryAsync(string id, string? q, ReviewService review, LedgerApi ledger, NpgsqlDataSource db, CancellationToken ct) =>
        EntryPageAsync(id, q, null, false, review, ledger, db, ct);

    private static async Task<IResult> EntryPageAsync(string id, string? q, string? message, bool isError, ReviewService review, LedgerApi ledger, NpgsqlDataSource db, CancellationToken ct)
    {
        var e = await review.EntryAsync(id, ct);
        if (e is null) return TypedResults.NotFound();
        var payments = new List<LedgerPayment>();
        await using (var cmd = db.CreateCommand("select distinct payment_id from postings where entry_id = $1 and kind = 'payment' and status in ('Done', 'Present')"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            var ids = new List<string>();
            await using (var r = await cmd.ExecuteReaderAsync(ct)) while (await r.ReadAsync(ct)) ids.Add(r.GetString(0));
            foreach (var p in ids) if (await ledger.PaymentAsync(p, ct) is { } lp) payments.Add(lp);
        }
        var bank = new List<BankPostingRow>();
        await using (var cmd = db.CreateCommand("select kind, status, amount_cents, last_error from postings where entry_id = $1 and kind = any($2) order by seq"))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = id });
            cmd.Parameters.Add(new NpgsqlParameter { Value = BankPlan.Kinds.ToArray() });
            await using var r = await cmd.ExecuteReaderAsync(ct);
            while (await r.ReadAsync(ct)) bank.Add(new BankPostingRow(r.GetString(0), r.GetString(1), r.GetInt64(2), r.IsDBNull(3) ? null : r.GetString(3)));
        }
        var found = string.IsNullOrWhiteSpace(q) ? [] : await TenantSearch.FindAsync(q, ledger, db, ct);
        var history = await AuditAsync(db, e.BankReference ?? e.EntryId, ct);
        return new RazorComponentResult<EntryPage>(new { E = e, Query = q, Found = found, Payments = payments, Bank = bank, History = history, Message = message, IsError = isError });
    }

    private static async Task<List<AuditRow>> AuditAsync(NpgsqlDataSource db, string? about, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand(about is null
            ? "select at, who, action, detail from audit_log order by id desc limit 500"
            : "select at, who, action, detail from audit_log where detail like '%' || $1 || '%' order by id");
        if (about is not null) cmd.Parameters.Add(new NpgsqlParameter { Value = about });
        var rows = new List<AuditRow>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) rows.Add(new AuditRow(r.GetFieldValue<DateTimeOffset>(0), r.GetString(1), r.GetString(2), r.GetString(3)));
        return rows;
    }

    private static async Task<IResult> ApprovalsAsync(ClaimsPrincipal u, NpgsqlDataSource db, ReviewOptions o, string? message, bool isError, CancellationToken ct)
    {
        var rows = new List<ApprovalRow>();
        await using (var cmd = db.CreateCommand("select id, summary, amount_cents, requested_by, requested_at, status, decided_by from approvals order by id desc limit 200"))
        await using (var r = await cmd.ExecuteReaderAsync(ct))
        {
            while (await r.ReadAsync(ct))
                rows.Add(new ApprovalRow(r.GetInt64(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetFieldValue<DateTimeOffset>(4), r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6)));
        }
        return new RazorComponentResult<ApprovalsPage>(new { Items = rows, CanApprove = u.IsInRole(Roles.Approver), Threshold = o.ApprovalThresholdCents, Message = message, IsError = isError })
        { StatusCode = isError ? 400 : 200 };
    }

    public static async Task<IResult> ImportsAsync(ImportService imports, NpgsqlDataSource db, CancellationToken ct) =>
        new RazorComponentResult<ImportsPage>(new { Items = await RecentAsync(imports, db, ct) });

    private static async Task<List<ImportSummary>> RecentAsync(ImportService imports, NpgsqlDataSource db, CancellationToken ct)
    {
        var ids = new List<long>();
        await using (var cmd = db.CreateCommand("select id from imports order by id desc limit 30"))
        await using (var r = await cmd.ExecuteReaderAsync(ct)) while (await r.ReadAsync(ct)) ids.Add(r.GetInt64(0));
        var list = new List<ImportSummary>();
        foreach (var id in ids) if (await imports.SummaryAsync(id, ct) is { } s) list.Add(s);
        return list;
    }

    /// <summary>The page's upload: parsed at once (a bad file is refused with its line, nothing kept), matched in the background.</summary>
    public static async Task<IResult> UploadAsync(IFormCollection form, ImportService imports, AuditLog audit, ClaimsPrincipal user, NpgsqlDataSource db,
        IHostApplicationLifetime lifetime, CancellationToken ct)
    {
        Upload upload;
        try
        {
            upload = await UploadParser.ParseAsync(form.Files.Select(f => (f.FileName, f.OpenReadStream())), ct);
        }
        catch (UploadException e)
        {
            return new RazorComponentResult<ImportsPage>(new { Error = "Fichier refusé, rien n'a été importé. " + e.Message, Items = await RecentAsync(imports, db, ct) }) { StatusCode = 400 };
        }
        var id = await imports.CreateAsync(upload, Who(user), ct);
        await audit.WriteAsync(Who(user), "import", $"import {id} : {form.Files.Count} fichier(s)", ct);
        _ = Task.Run(() => imports.RunAsync(id, upload, lifetime.ApplicationStopping), CancellationToken.None);
        return Results.Redirect($"/imports/{id}");
    }

    public static async Task<IResult> ReviewListAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var rows = new List<EntryRow>();
        long total;
        await using (var count = db.CreateCommand("select count(*) from entries where state in ('review', 'suspense', 'awaiting')"))
            total = (long)(await count.ExecuteScalarAsync(ct))!;
        await using (var cmd = db.CreateCommand($"select {ReviewService.EntryColumns} from entries where state in ('review', 'suspense', 'awaiting') order by booking_date, entry_id limit 5000"))
        await using (var r = await cmd.ExecuteReaderAsync(ct)) while (await r.ReadAsync(ct)) rows.Add(ReviewService.Read(r));
        return new RazorComponentResult<ReviewListPage>(new { Rows = rows, Total = total, Rejects = await DirectDebitRejects.ReviewAsync(db, ct) });
    }

    public static async Task<IResult> DashboardAsync(NpgsqlDataSource db, CancellationToken ct)
    {
        var cash = new List<(DateOnly, string, long)>();
        await using (var cmd = db.CreateCommand("select received_on, channel, sum(amount_cents) from posted_payments group by 1, 2 order by 1, 2"))
        await using (var r = await cmd.ExecuteReaderAsync(ct)) while (await r.ReadAsync(ct)) cash.Add((r.GetFieldValue<DateOnly>(0), r.GetString(1), r.GetInt64(2)));
        var rates = new List<(long, int)>();
        await using (var cmd = db.CreateCommand("select id, case when new_entries = 0 then 0 else (100 * auto_count / new_entries) end from imports where status = 'Done' order by id desc limit 20"))
        await using (var r = await cmd.ExecuteReaderAsync(ct)) while (await r.ReadAsync(ct)) rates.Add((r.GetInt64(0), r.GetInt32(1)));
        rates.Reverse();
        var suspense = new List<(string, long)>();
        // What this service parked on 471 and did not clear, aged by the money's value date: the ledger's own measure
        // (GET bank/suspense lists the same keys with the same amounts and ageDays once the queue has sent them).
        await using (var cmd = db.CreateCommand("""
            select case when current_date - e.booking_date < 7 then 'moins de 7 jours' when current_date - e.booking_date <= 30 then '7 à 30 jours' else 'plus de 30 jours' end,
                   sum(p.amount_cents)
            from postings p join entries e on e.entry_id = p.entry_id
            where p.kind = 'suspense' and p.status <> 'Failed'
              and not exists (select 1 from postings c where c.entry_id = p.entry_id and c.kind = 'suspense-clear' and c.payment_id = p.payment_id)
            group by 1 order by 1
            """))
        await using (var r = await cmd.ExecuteReaderAsync(ct)) while (await r.ReadAsync(ct)) suspense.Add((r.GetString(0), r.GetInt64(1)));
        return new RazorComponentResult<DashboardPage>(new { Cash = cash, Rates = rates, Suspense = suspense });
    }
}
