using System.Globalization;
using System.Threading.RateLimiting;
using Primitives;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Payments.Api.Ledger;
using Payments.Api.Web;
using static Payments.Api.Web.Html;

namespace Payments.Api.Features.Pay;

/// <summary>
/// "Payer un avis": the tenant types both references (POST, never in the URL); the ledger answers; any mismatch gets the same
/// generic message. Rate-limited per client IP (the "lookup" policy) and per tenant reference (here, since it is in the form).
/// </summary>
public static class LookupNotice
{
    public sealed record Form(string? TenantReference, string? NoticeReference);

    public static void MapLookupNotice(this IEndpointRouteBuilder app)
    {
        app.MapGet("/", ShowForm);
        app.MapPost("/avis", HandleAsync).RequireRateLimiting(RateLimits.LookupPolicy);
    }

    public static IResult ShowForm(HttpContext http, IAntiforgery antiforgery, IOptions<LandlordOptions> landlord) =>
        Page("Payer un avis d'échéance", RenderForm(http, antiforgery, null, null) + OtherWaysToPay.Render(landlord.Value, null, null));

    public static async Task<IResult> HandleAsync(
        [FromForm] Form form, HttpContext http, IAntiforgery antiforgery, LedgerClient ledger, TenantLimiter tenants,
        IOptions<LandlordOptions> landlord, CancellationToken ct)
    {
        var key = TenantKey(form.TenantReference);
        if (tenants.LockedFor(key) is { } wait) return TenantLimiter.TooMany(http, wait);
        if (!TenantReference.TryCreate(TypedReferences.Tenant(form.TenantReference), out var tenant)
            || !NoticeReference.TryCreate(TypedReferences.Notice(form.NoticeReference), out var notice))
        {
            tenants.RecordFailure(key);
            return NotFoundPage(http, antiforgery, landlord.Value, form.TenantReference, form.NoticeReference);
        }
        return await ledger.LookupAsync(tenant!.Value, notice!.Value, ct) switch
        {
            // A paid notice says so plainly and offers no way to pay it again.
            LookupResult.Found found when IsPaid(found.Notice) => Page("Votre avis d'échéance", RenderNotice(found.Notice, http, antiforgery)),
            LookupResult.Found found => Page("Votre avis d'échéance", RenderNotice(found.Notice, http, antiforgery) + OtherWaysToPay.Render(landlord.Value, found.Notice.RfReference, found.Notice.NoticeReference)),
            LookupResult.NotFound => Failed(),
            // Only a found notice is free: while the ledger is down, a try still counts (the limit stays conservative).
            _ => Unavailable(),
        };

        IResult Unavailable()
        {
            tenants.RecordFailure(key);
            return Page("Service momentanément indisponible",
                "<p class=\"alerte\" role=\"alert\">Nous ne pouvons pas consulter votre avis pour le moment. Réessayez plus tard, ou payez par l'un des moyens ci-dessous.</p>"
                + OtherWaysToPay.Render(landlord.Value, null, null), 503);
        }

        IResult Failed()
        {
            tenants.RecordFailure(key);
            return NotFoundPage(http, antiforgery, landlord.Value, form.TenantReference, form.NoticeReference);
        }
    }

    /// <summary>The one answer to every mismatch, from the lookup and from "Payer par carte" alike.</summary>
    public static IResult NotFoundPage(HttpContext http, IAntiforgery antiforgery, LandlordOptions landlord, string? tenant, string? notice) =>
        Page("Payer un avis d'échéance",
            "<p class=\"alerte\" role=\"alert\">Nous n'avons pas trouvé d'avis correspondant à ces références. Vérifiez-les sur votre avis d'échéance.</p>"
            + RenderForm(http, antiforgery, tenant, notice) + OtherWaysToPay.Render(landlord, null, null), 404);

    /// <summary>The per-tenant counter's key: the reference as the ledger knows it when it parses, else the typed text folded.</summary>
    public static string TenantKey(string? typed) =>
        TenantReference.TryCreate(TypedReferences.Tenant(typed), out var tenant) ? tenant!.Value
            : new string((typed ?? "").Where(char.IsAsciiLetterOrDigit).ToArray()).ToUpperInvariant();

    private static string RenderForm(HttpContext http, IAntiforgery antiforgery, string? tenant, string? notice) => $"""
        <form method="post" action="/avis">
        {Antiforgery(antiforgery, http)}
        <label for="tenantReference">Référence locataire <span>(ex. 100001/01)</span></label>
        <input type="text" id="tenantReference" name="tenantReference" required autocomplete="off" value="{E(tenant)}">
        <label for="noticeReference">Numéro de l'avis d'échéance <span>(ex. 2026-11/000001)</span></label>
        <input type="text" id="noticeReference" name="noticeReference" required autocomplete="off" value="{E(notice)}">
        <button type="submit">Rechercher mon avis</button>
        </form>
        """;

    private static string RenderNotice(LedgerNotice n, HttpContext http, IAntiforgery antiforgery)
    {
        Money.TryParseCents(n.AmountDue, out var due);
        var pay = due > 0 && n.Status is "Unpaid" or "PartlyPaid"
            ? $"""
              <form method="post" action="/paiement/carte">
              {Antiforgery(antiforgery, http)}
              <input type="hidden" name="tenantReference" value="{E(n.TenantReference)}">
              <input type="hidden" name="noticeReference" value="{E(n.NoticeReference)}">
              <button type="submit">Payer par carte</button>
              </form>
              <p>Vous serez redirigé vers la page de paiement sécurisée de notre prestataire : nous ne voyons jamais votre numéro de carte.</p>
              """
            : IsPaid(n) ? "<p class=\"ok\" id=\"avis-paye\">Cet avis est payé : il n'y a plus rien à régler.</p>"
            : "<p class=\"ok\">Cet avis ne présente pas de montant à payer.</p>";
        return $"""
            <dl>
            <dt>Bailleur</dt><dd>{E(n.LandlordName)}</dd>
            <dt>Avis</dt><dd>{E(n.NoticeReference)}</dd>
            <dt>Période</dt><dd>{E(Period(n.Period))}</dd>
            <dt>Échéance</dt><dd>{E(FrenchDate(n.DueDate))}</dd>
            <dt>Montant de l'avis</dt><dd>{E(Euros(n.Total))}</dd>
            <dt>Reste à payer</dt><dd id="montant-du"><strong>{E(Euros(n.AmountDue))}</strong></dd>
            </dl>
            {pay}
            """;
    }

    public static bool IsPaid(LedgerNotice n) => n.Status is "Paid" or "Overpaid" || (Money.TryParseCents(n.AmountDue, out var due) && due <= 0 && n.Status != "Cancelled");

    /// <summary>"5 novembre 2026", as a tenant reads a date (1er for the first of the month).</summary>
    public static string FrenchDate(string isoDate) =>
        DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? (d.Day == 1 ? "1er " : d.Day.ToString(CultureInfo.InvariantCulture) + " ") + d.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR"))
            : isoDate;

    public static string Euros(string amount) => amount.Replace('.', ',') + " €";

    private static string Period(string period) =>
        DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)
            ? d.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("fr-FR")) : period;
}
