using Primitives;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Npgsql;
using Payments.Api.Adyen;
using Payments.Api.Ledger;
using Payments.Api.Storage;
using Payments.Api.Web;
using Payments.Api.Web.Pages;

namespace Payments.Api.Features.Pay;

/// <summary>
/// "Payer par carte": the amount comes from the ledger (never from the form); the attempt and its idempotency key are stored
/// before Adyen is called, so a retry (ours, the resilience pipeline's, or the tenant's second click) reuses the same key and
/// Adyen creates one session. At most one open attempt per notice. The tenant is sent (303) only to an allowlisted host.
/// </summary>
public static class StartCheckout
{
    public sealed record Form(string? TenantReference, string? NoticeReference);

    public static void MapStartCheckout(this IEndpointRouteBuilder app) =>
        app.MapPost("/paiement/carte", HandleAsync).RequireRateLimiting(RateLimits.LookupPolicy);

    public static async Task<IResult> HandleAsync(
        [FromForm] Form form, HttpContext http, LedgerClient ledger, CheckoutClient adyen, NpgsqlDataSource db, TimeProvider time,
        IOptions<AdyenOptions> adyenOptions, PublicAddress publicAddress, TenantLimiter tenants,
        IAntiforgery antiforgery, CancellationToken ct)
    {
        // The same per-tenant limit and the same generic answer as the lookup: this form must not be a second oracle.
        var key = LookupNotice.TenantKey(form.TenantReference);
        if (tenants.LockedFor(key) is { } wait) return TenantLimiter.TooMany(http, wait);
        var lookup = TenantReference.TryCreate(TypedReferences.Tenant(form.TenantReference), out var tenant)
                     && NoticeReference.TryCreate(TypedReferences.Notice(form.NoticeReference), out var noticeRef)
            ? await ledger.LookupAsync(tenant!.Value, noticeRef!.Value, ct)
            : new LookupResult.NotFound();
        if (lookup is LookupResult.NotFound)
        {
            tenants.RecordFailure(key);
            return LookupNotice.NotFoundPage(http, antiforgery, form.TenantReference, form.NoticeReference);
        }
        var found = lookup as LookupResult.Found;
        var now = time.GetUtcNow();
        // Just paid, and the ledger may not have booked it yet: show that payment rather than charge the tenant twice.
        if (found is not null && await PaymentAttempts.RecentlyAuthorisedAsync(db, found.Notice.NoticeReference, now, ct) is { } authorised)
        {
            return SeeOther($"/paiement/retour?ref={authorised}");
        }
        if (found is not { Notice: var notice } || !Money.TryParseCents(notice.AmountDue, out var due) || due <= 0)
        {
            return TenantPages.Message("Paiement impossible", "Cet avis ne peut pas être payé en ligne pour le moment.", 409, otherWays: true);
        }

        var attempt = await PaymentAttempts.OpenAsync(db, notice, due, now, ct);
        if (attempt.Status == "Redirected" && attempt.RedirectUrl is not null && IsAllowed(new Uri(attempt.RedirectUrl), adyenOptions.Value))
        {
            return SeeOther(attempt.RedirectUrl);
        }

        var returnUrl = publicAddress.Combine($"paiement/retour?ref={attempt.Id}");
        var result = await adyen.CreateAsync(new CheckoutRequest(attempt.Id, attempt.AmountCents, notice.Currency, returnUrl, attempt.IdempotencyKey, attempt.ExpiresAt), ct);
        if (result is CheckoutResult.Created created && IsAllowed(created.RedirectUrl, adyenOptions.Value))
        {
            await using var update = db.CreateCommand(
                "update payment_attempts set status = 'Redirected', session_id = $2, redirect_url = $3, updated_at = $4 where attempt_id = $1 and status = 'Created'");
            update.Parameters.Add(new() { Value = attempt.Id });
            update.Parameters.Add(new() { Value = created.SessionId });
            update.Parameters.Add(new() { Value = created.RedirectUrl.ToString() });
            update.Parameters.Add(new() { Value = now });
            await update.ExecuteNonQueryAsync(ct);
            return SeeOther(created.RedirectUrl.ToString());
        }
        // Adyen failed, timed out, the circuit is open, or it sent us somewhere we do not trust: degraded mode.
        // The amount, the references and a retry stay on screen.
        return TenantPages.Render<DegradedPage>(new { Notice = notice, Tokens = antiforgery.GetAndStoreTokens(http) }, 503);
    }

    public static bool IsAllowed(Uri url, AdyenOptions options) =>
        (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback))
        && options.AllowedRedirectHosts.Any(h => string.Equals(h, url.Host, StringComparison.OrdinalIgnoreCase)
                                                 || string.Equals(h, url.Authority, StringComparison.OrdinalIgnoreCase));

    private static IResult SeeOther(string url) => new SeeOther(url);
}
