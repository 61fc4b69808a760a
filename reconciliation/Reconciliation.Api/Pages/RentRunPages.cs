using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Primitives;
using Reconciliation.Api.Infrastructure;

namespace Reconciliation.Api.Pages;

/// <summary>
/// "Avis d'échéance" for the accountants (issue 12 §1, rent run): pick the period (next month by default, from the injected
/// clock, in Paris time), launch the ledger's batch with the service's key (notices:write), follow its progress on a page that
/// reloads itself, download the zip, or one notice's PDF by its reference. The documents are the ledger's, passed through.
/// </summary>
public static class RentRunPages
{
    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static void MapRentRun(this RouteGroupBuilder pages)
    {
        pages.MapGet("/notices", (TimeProvider time) => Page(NextPeriod(time.GetUtcNow()), null, false, 200));
        pages.MapPost("/notices/batches", StartAsync);
        pages.MapGet("/notices/batches/{batchId}", ProgressAsync);
        pages.MapGet("/notices/batches/{batchId}/zip", ZipAsync);
        pages.MapGet("/notices/pdf", PdfAsync);
    }

    /// <summary>The month after today's in Paris: in late November the accountant prepares December's notices.</summary>
    public static string NextPeriod(DateTimeOffset now)
    {
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Paris).DateTime);
        return today.AddMonths(1).ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    /// <summary>"2026-11" as the month input sends it; null for anything else (2026-13, 26-11, blanks).</summary>
    public static string? Period(string? typed) =>
        typed?.Trim() is { Length: 7 } p && DateOnly.TryParseExact(p + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? p : null;

    /// <summary>"novembre 2026".</summary>
    public static string Month(string period) =>
        DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR")) : period;

    public static async Task<IResult> StartAsync(IFormCollection form, LedgerApi ledger, AuditLog audit, System.Security.Claims.ClaimsPrincipal user, CancellationToken ct)
    {
        var typed = form["period"].ToString();
        if (Period(typed) is not { } period) return Page(typed, "Période : indiquez un mois au format AAAA-MM (par exemple 2026-11).", true, 400);
        var started = await ledger.StartNoticeBatchAsync(period, ct);
        if (started is StartBatchResult.Started s)
        {
            await audit.WriteAsync(user.Identity?.Name ?? "?", AuditActions.RentRunStarted, $"tirage {s.Batch.BatchId} : {s.Batch.Total} avis", ct);
            return Results.Redirect("/notices/batches/" + Uri.EscapeDataString(s.Batch.BatchId));
        }
        return started switch
        {
            StartBatchResult.NoNotices => Page(period, $"Période : le grand livre n'a aucun avis d'échéance pour {Month(period)}.", true, 404),
            StartBatchResult.Refused => Page(period, "Période : le grand livre refuse ce tirage (un autre vient peut-être d'être lancé) ; réessayez.", true, 409),
            _ => Page(period, Unavailable, true, 503),
        };
    }

    public static async Task<IResult> ProgressAsync(string batchId, LedgerApi ledger, TimeProvider time, CancellationToken ct)
    {
        try
        {
            return await ledger.NoticeBatchAsync(batchId, ct) is { } batch
                ? new RazorComponentResult<RentRunBatchPage>(new { Batch = batch })
                : Page(NextPeriod(time.GetUtcNow()), "Ce tirage n'existe pas dans le grand livre.", true, 404);
        }
        catch (Exception e) when (LedgerApi.IsTransient(e, ct))
        {
            return Page(NextPeriod(time.GetUtcNow()), Unavailable, true, 503);
        }
    }

    public static Task<IResult> ZipAsync(string batchId, LedgerApi ledger, HttpContext http, TimeProvider time, CancellationToken ct) =>
        PassThroughAsync(() => ledger.NoticeBatchZipAsync(batchId, ct), "application/zip", "avis-" + Safe(batchId) + ".zip",
            "Ce tirage n'existe pas dans le grand livre.", NextPeriod(time.GetUtcNow()), http, ct);

    public static async Task<IResult> PdfAsync(string? noticeReference, LedgerApi ledger, HttpContext http, TimeProvider time, CancellationToken ct)
    {
        var period = NextPeriod(time.GetUtcNow());
        if (!NoticeReference.TryCreate(noticeReference?.Trim() ?? "", out var notice))
            return Page(period, "Référence de l'avis : indiquez-la comme sur l'avis (par exemple 2026-11/000001).", true, 400, noticeReference);
        return await PassThroughAsync(() => ledger.NoticePdfAsync(notice!.Value, ct), "application/pdf", "avis-" + Safe(notice!.Value) + ".pdf",
            $"Référence de l'avis : le grand livre n'a pas d'avis {notice.Value}.", period, http, ct);
    }

    /// <summary>The ledger's document streamed as it comes; 404 → the French message; 409 (batch not finished) → its page.</summary>
    private static async Task<IResult> PassThroughAsync(
        Func<Task<HttpResponseMessage>> call, string contentType, string fileName, string notFound, string period, HttpContext http, CancellationToken ct)
    {
        HttpResponseMessage response;
        try { response = await call(); }
        catch (Exception e) when (LedgerApi.IsTransient(e, ct)) { return Page(period, Unavailable, true, 503); }
        http.Response.RegisterForDispose(response);
        if (response.IsSuccessStatusCode) return TypedResults.Stream(await response.Content.ReadAsStreamAsync(ct), contentType, fileName);
        return (int)response.StatusCode switch
        {
            404 => Page(period, notFound, true, 404),
            409 => Page(period, "Ce tirage n'est pas terminé : attendez la fin de la production des avis.", true, 409),
            _ => Page(period, Unavailable, true, 503),
        };
    }

    private const string Unavailable = "Le grand livre ne répond pas pour le moment : réessayez dans quelques minutes.";

    /// <summary>Only ASCII letters, digits and '-' in a file name (a reference's '/' and a batch's '.' become '-').</summary>
    private static string Safe(string s) => new(s.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray());

    private static IResult Page(string period, string? message, bool isError, int status, string? notice = null) =>
        new RazorComponentResult<RentRunPage>(new { Period = period, Message = message, IsError = isError, Notice = notice }) { StatusCode = status };
}
