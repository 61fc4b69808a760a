using Npgsql;
using Payments.Api.Ledger;
using Payments.Api.Web;
using Payments.Api.Web.Pages;

namespace Payments.Api.Features.Pay;

public enum ReturnState { Pending, Confirmed, Review, Refused, NotCompleted }

/// <summary>
/// Where Adyen sends the tenant back. It never marks anything paid: it only shows what the webhook told us (the attempt's
/// status). While the AUTHORISATION has not arrived it waits for it on the server, for a bounded time, instead of a timed
/// refresh (which moves screen-reader users and fails WCAG 2.2.1); then it says what happens next: the payment appears within
/// the hour, and the tenant must not pay twice. A refused card says "refusé" at once, and "Réessayer" keeps the references.
/// </summary>
public static class ReturnPage
{
    /// <summary>How long one visit waits for the webhook before answering "en cours".</summary>
    public static readonly TimeSpan PendingWait = TimeSpan.FromSeconds(5);

    private sealed record Attempt(string Status, string Tenant, string Notice, long? ConfirmedCents, string? ConfirmedCurrency)
    {
        public bool Pending => Status is not ("Authorised" or "Review" or "Refused" or "Cancelled" or "Expired" or "Superseded");
    }

    public static void MapReturnPage(this IEndpointRouteBuilder app) => app.MapGet("/paiement/retour", HandleAsync).RequireRateLimiting(RateLimits.LookupPolicy);

    public static async Task<IResult> HandleAsync(string? @ref, NpgsqlDataSource db, LedgerClient ledger, NoticeLinks links, TimeProvider time, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(@ref) || @ref.Length > 40 || await ReadAsync(db, @ref, ct) is not { } attempt) return NotFound();
        var until = time.GetUtcNow() + PendingWait;
        while (attempt.Pending && time.GetUtcNow() < until)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), time, ct);
            attempt = await ReadAsync(db, @ref, ct) ?? attempt;
        }
        var notice = attempt.Notice;
        var retry = links.UrlFor(attempt.Tenant, notice);
        switch (attempt.Status)
        {
            // Only the amount the PSP confirmed, in euros, is ever stated as paid; anything else waits for an operator.
            case "Authorised" when attempt.ConfirmedCents is { } cents && attempt.ConfirmedCurrency == "EUR":
                var ledgerNotice = await ledger.GetNoticeStatusAsync(notice, ct);
                return Page(new
                {
                    State = ReturnState.Confirmed, Notice = notice, Amount = LookupNotice.Euros(global::Primitives.Money.FormatCents(cents)),
                    Settled = ledgerNotice?.Status is "Paid" or "Overpaid",
                });
            case "Authorised" or "Review":
                return Page(new { State = ReturnState.Review, Notice = notice });
            case "Refused":
                return Page(new { State = ReturnState.Refused, Notice = notice, RetryUrl = retry });
            case "Cancelled" or "Expired" or "Superseded":
                return Page(new { State = ReturnState.NotCompleted, Notice = notice, RetryUrl = retry });
            default:
                return Page(new { State = ReturnState.Pending, Notice = notice, RefreshUrl = $"/paiement/retour?ref={Uri.EscapeDataString(@ref)}" });
        }
    }

    private static IResult Page(object parameters) => TenantPages.Render<ReturnStatusPage>(parameters);

    private static IResult NotFound() => TenantPages.Message("Paiement introuvable", "Ce paiement est introuvable.", 404);

    private static async Task<Attempt?> ReadAsync(NpgsqlDataSource db, string id, CancellationToken ct)
    {
        await using var select = db.CreateCommand(
            "select status, tenant_reference, notice_reference, authorised_cents, authorised_currency from payment_attempts where attempt_id = $1");
        select.Parameters.Add(new() { Value = id });
        await using var reader = await select.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return null;
        return new Attempt(reader.GetString(0), reader.GetString(1), reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetInt64(3), reader.IsDBNull(4) ? null : reader.GetString(4));
    }
}
