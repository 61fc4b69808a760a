using System.Security.Claims;
using Npgsql;
using Reconciliation.Api.Infrastructure;
using Reconciliation.Api.Posting;

namespace Reconciliation.Api.Imports;

/// <summary>
/// The scripted import (<c>recon import … --json</c>) and status (<c>recon status</c>): the same path as the page. The
/// import answers once matching is stored and one posting round was tried; what the ledger did not take yet is
/// <c>pending</c> and the worker keeps trying.
/// </summary>
public static class ImportEndpoints
{
    public static void MapImportApi(this WebApplication app)
    {
        app.MapPost("/api/imports", ImportAsync).RequireAuthorization(Policies.Import).DisableAntiforgery();
        app.MapGet("/api/imports/{id:long}", GetAsync).RequireAuthorization(Policies.Import);
        app.MapGet("/api/imports/{id:long}/entries", EntriesAsync).RequireAuthorization(Policies.Import);
        app.MapGet("/api/status", StatusAsync).RequireAuthorization(Policies.Import);
    }

    public static async Task<IResult> ImportAsync(HttpRequest request, ImportService imports, AuditLog audit, ClaimsPrincipal user, LedgerOptions ledger, CancellationToken ct)
    {
        if (!request.HasFormContentType) return Problem("files", "envoyez les fichiers en multipart/form-data");
        var form = await request.ReadFormAsync(ct);
        // One landlord per deployment of this host for now: another landlord is refused rather than booked on the wrong books.
        if (form["landlord"].ToString() is { Length: > 0 } landlord && landlord != ledger.LandlordId)
            return Problem("landlord", $"ce service rapproche le bailleur {ledger.LandlordId}, pas {landlord}");
        Upload upload;
        try
        {
            upload = await UploadParser.ParseAsync(form.Files.Select(f => (f.FileName, f.OpenReadStream())), ct);
        }
        catch (UploadException e)
        {
            return Problem(e.Field, e.Message);
        }
        var who = user.Identity?.Name ?? "?";
        var id = await imports.CreateAsync(upload, who, ct);
        await audit.WriteAsync(who, "import", $"import {id} : {form.Files.Count} fichier(s)", ct);
        await imports.RunAsync(id, upload, ct);
        var summary = await imports.SummaryAsync(id, ct);
        return TypedResults.Ok(Json(summary!));
    }

    public static async Task<IResult> GetAsync(long id, ImportService imports, CancellationToken ct) =>
        await imports.SummaryAsync(id, ct) is { } s ? TypedResults.Ok(Json(s)) : TypedResults.NotFound();

    public static async Task<IResult> StatusAsync(PostingQueue queue, NpgsqlDataSource db, CancellationToken ct)
    {
        var sizes = await queue.SizesAsync(ct);
        await using var cmd = db.CreateCommand("""
            select coalesce(sum(case when state = 'review' then 1 end), 0), coalesce(sum(case when state = 'suspense' then 1 end), 0),
                   coalesce(sum(case when state = 'suspense' then amount_cents end), 0),
                   (select count(*) from approvals where status = 'Pending')
            from entries
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        await r.ReadAsync(ct);
        return TypedResults.Ok(new
        {
            review = r.GetInt64(0),
            suspense = r.GetInt64(1),
            suspenseAmount = Primitives.Money.FormatCents(r.GetInt64(2)),
            approvals = r.GetInt64(3),
            pending = sizes.Pending,
            pendingAmount = Primitives.Money.FormatCents(sizes.PendingCents),
            posted = sizes.Done,
            alreadyInLedger = sizes.Present,
            failed = sizes.Failed,
        });
    }

    public static async Task<IResult> EntriesAsync(long id, NpgsqlDataSource db, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("""
            select e.entry_id, e.bank_reference, e.amount_cents, e.decision, e.state, e.result_json,
                   coalesce((select json_agg(json_build_object('id', p.id, 'kind', p.kind, 'paymentId', p.payment_id, 'tenantReference', p.tenant_reference,
                       'amount', p.amount_cents, 'status', p.status, 'note', case when p.status in ('Done', 'Present') then p.last_error end)) from postings p where p.entry_id = e.entry_id), '[]')::text
            from entries e where e.import_id = $1 order by e.entry_id
            """);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id });
        var list = new List<object>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            list.Add(new
            {
                entryId = r.GetString(0),
                bankReference = r.IsDBNull(1) ? null : r.GetString(1),
                amountCents = r.GetInt64(2),
                decision = r.GetString(3),
                state = r.GetString(4),
                result = System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(r.GetString(5)),
                postings = System.Text.Json.JsonSerializer.Deserialize<System.Text.Json.JsonElement>(r.GetString(6)),
            });
        }
        return TypedResults.Ok(list);
    }

    /// <summary>The JSON of §5: the six numeric fields first, then the rest.</summary>
    public static object Json(ImportSummary s) => new
    {
        id = s.Id,
        status = s.Status,
        entries = s.Entries,
        @new = s.New,
        auto = s.Auto,
        suggested = s.Suggested,
        unmatched = s.Unmatched,
        posted = s.Posted,
        alreadyInLedger = s.Present,
        pending = s.Pending,
        failed = s.Failed,
        amounts = new
        {
            auto = Primitives.Money.FormatCents(s.AutoCents),
            suggested = Primitives.Money.FormatCents(s.SuggestedCents),
            unmatched = Primitives.Money.FormatCents(s.UnmatchedCents),
        },
        warnings = s.Warnings,
        error = s.Error,
        rejects = new { received = s.Rejects.Received, posted = s.Rejects.Posted, review = s.Rejects.Review, pending = s.Rejects.Pending },
    };

    public static IResult Problem(string field, string detail) => TypedResults.Problem(
        detail: detail, statusCode: 400, title: "fichier refusé", extensions: new Dictionary<string, object?> { ["field"] = field });
}
