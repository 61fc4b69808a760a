using System.Globalization;
using Primitives;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Payments.Api.Ledger;
using Payments.Api.Web;
using Payments.Api.Web.Pages;

namespace Payments.Api.Features.Pay;

/// <summary>
/// "Payer un avis": the tenant types both references (POST, never in the URL); the ledger answers; any mismatch gets the same
/// generic message. Rate-limited per client IP (the "lookup" policy) and per tenant reference (here, since it is in the form).
/// A found notice is a 303 to <c>GET /avis?t=…</c> (a signed, short-lived token, see <see cref="NoticeLinks"/>).
/// </summary>
public static class LookupNotice
{
    public sealed record Form(string? TenantReference, string? NoticeReference);

    public static void MapLookupNotice(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ShowForm);
        app.MapPost("/avis", HandleAsync).RequireRateLimiting(RateLimits.LookupPolicy);
        app.MapGet("/avis", ShowNoticeAsync).RequireRateLimiting(RateLimits.LookupPolicy);
    }

    public static IResult ShowForm(HttpContext http, IAntiforgery antiforgery) =>
        TenantPages.Render<LookupPage>(new { Tokens = antiforgery.GetAndStoreTokens(http) });

    public static async Task<IResult> HandleAsync(
        [FromForm] Form form, HttpContext http, IAntiforgery antiforgery, LedgerClient ledger, TenantLimiter tenants,
        NoticeLinks links, CancellationToken ct)
    {
        var key = TenantKey(form.TenantReference);
        if (tenants.LockedFor(key) is { } wait) return TenantLimiter.TooMany(http, wait);
        if (!TenantReference.TryCreate(TypedReferences.Tenant(form.TenantReference), out var tenant)
            || !NoticeReference.TryCreate(TypedReferences.Notice(form.NoticeReference), out var notice))
        {
            tenants.RecordFailure(key);
            return NotFoundPage(http, antiforgery, form.TenantReference, form.NoticeReference);
        }
        switch (await ledger.LookupAsync(tenant!.Value, notice!.Value, ct))
        {
            case LookupResult.Found found:
                return new SeeOther(links.UrlFor(found.Notice.TenantReference, found.Notice.NoticeReference));
            case LookupResult.NotFound:
                tenants.RecordFailure(key);
                return NotFoundPage(http, antiforgery, form.TenantReference, form.NoticeReference);
            default:
                // Only a found notice is free: while the ledger is down, a try still counts (the limit stays conservative).
                tenants.RecordFailure(key);
                return Unavailable();
        }
    }

    /// <summary>The notice page, from the token the POST redirected to. An expired or edited token gets the form again.</summary>
    public static async Task<IResult> ShowNoticeAsync(string? t, HttpContext http, IAntiforgery antiforgery, LedgerClient ledger, NoticeLinks links, CancellationToken ct)
    {
        if (links.Read(t) is not { } refs
            || !TenantReference.TryCreate(refs.Tenant, out var tenant) || !NoticeReference.TryCreate(refs.Notice, out var notice))
        {
            return ExpiredPage(http, antiforgery);
        }
        return await ledger.LookupAsync(tenant!.Value, notice!.Value, ct) switch
        {
            LookupResult.Found found => TenantPages.Render<NoticePage>(new
            {
                found.Notice, Tokens = antiforgery.GetAndStoreTokens(http), PdfUrl = NoticeLinks.PdfUrlFor(t!),
            }),
            LookupResult.NotFound => NotFoundPage(http, antiforgery, null, null),
            _ => Unavailable(),
        };
    }

    /// <summary>The form again with "Ce lien a expiré": the answer to an absent, expired or edited token, on every token route.</summary>
    public static IResult ExpiredPage(HttpContext http, IAntiforgery antiforgery) =>
        TenantPages.Render<LookupPage>(new { Tokens = antiforgery.GetAndStoreTokens(http), Expired = true });

    private static IResult Unavailable() => TenantPages.Message("Service momentanément indisponible",
        "Nous ne pouvons pas consulter votre avis pour le moment. Réessayez plus tard, ou payez par l'un des moyens ci-dessous.", 503, otherWays: true);

    /// <summary>The one answer to every mismatch, from the lookup and from "Payer par carte" alike.</summary>
    public static IResult NotFoundPage(HttpContext http, IAntiforgery antiforgery, string? tenant, string? notice) =>
        TenantPages.Render<LookupPage>(new
        {
            Tokens = antiforgery.GetAndStoreTokens(http), Tenant = tenant, Notice = notice, NotFound = true,
        }, 404);

    /// <summary>The per-tenant counter's key: the reference as the ledger knows it when it parses, else the typed text folded.</summary>
    public static string TenantKey(string? typed) =>
        TenantReference.TryCreate(TypedReferences.Tenant(typed), out var tenant) ? tenant!.Value
            : new string((typed ?? "").Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();

    public static bool IsPaid(LedgerNotice n) => n.Status is "Paid" or "Overpaid" || (Money.TryParseCents(n.AmountDue, out var due) && due <= 0 && n.Status != "Cancelled");

    public static bool IsPayable(LedgerNotice n) => Money.TryParseCents(n.AmountDue, out var due) && due > 0 && n.Status is "Unpaid" or "PartlyPaid";

    /// <summary>"5 novembre 2026", as a tenant reads a date (1er for the first of the month).</summary>
    public static string FrenchDate(string isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? (d.Day == 1 ? "1er " : d.Day.ToString(CultureInfo.InvariantCulture) + " ") + d.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"))
            : isoDate;

    public static string Euros(string amount) => amount.Replace('.', ',') + " €";

    public static string Period(string period) =>
        DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR")) : period;
}

/// <summary>303 See Other: after a POST the browser GETs the target, so back/forward never re-posts the form.</summary>
public sealed class SeeOther(string url) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext)
    {
        httpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        httpContext.Response.Headers.Location = url;
        return Task.CompletedTask;
    }
}
