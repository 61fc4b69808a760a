using Npgsql;
using Payments.Api.Ledger;
using static Payments.Api.Web.Html;

namespace Payments.Api.Features.Pay;

/// <summary>
/// Where Adyen sends the tenant back. It never marks anything paid: it only shows what the webhook told us (the attempt's
/// status), and refreshes itself (no script) until the AUTHORISATION has arrived.
/// </summary>
public static class ReturnPage
{
    public static void MapReturnPage(this IEndpointRouteBuilder app) => app.MapGet("/paiement/retour", HandleAsync);

    public static async Task<IResult> HandleAsync(string? @ref, NpgsqlDataSource db, LedgerClient ledger, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(@ref) || @ref.Length > 40) return Page("Paiement introuvable", "<p class=\"alerte\">Ce paiement est introuvable.</p>", 404);
        await using var select = db.CreateCommand("select status, notice_reference, authorised_cents, authorised_currency from payment_attempts where attempt_id = $1");
        select.Parameters.Add(new() { Value = @ref });
        string status, notice;
        long? confirmedCents;
        string? confirmedCurrency;
        await using (var reader = await select.ExecuteReaderAsync(ct))
        {
            if (!await reader.ReadAsync(ct)) return Page("Paiement introuvable", "<p class=\"alerte\">Ce paiement est introuvable.</p>", 404);
            (status, notice) = (reader.GetString(0), reader.GetString(1));
            confirmedCents = reader.IsDBNull(2) ? null : reader.GetInt64(2);
            confirmedCurrency = reader.IsDBNull(3) ? null : reader.GetString(3);
        }
        switch (status)
        {
            // Only the amount the PSP confirmed, in euros, is ever stated as paid; anything else waits for an operator.
            case "Authorised" when confirmedCents is { } cents && confirmedCurrency == "EUR":
                var amount = LookupNotice.Euros(global::Primitives.Money.FormatCents(cents));
                var ledgerNotice = await ledger.GetNoticeStatusAsync(notice, ct);
                var settled = ledgerNotice?.Status is "Paid" or "Overpaid"
                    ? "<p>Votre avis est soldé.</p>"
                    : "<p>Il apparaîtra sur votre compte locataire dans quelques instants.</p>";
                return Page("Paiement confirmé", $"<p class=\"ok\" role=\"status\" id=\"statut\">Votre paiement de {E(amount)} pour l'avis {E(notice)} est confirmé.</p>{settled}");
            case "Authorised" or "Review":
                return Page("Paiement en cours de vérification",
                    $"<p class=\"info\" role=\"status\" id=\"statut\">Notre prestataire a enregistré un paiement pour l'avis {E(notice)}, mais il ne correspond pas au montant de l'avis. Notre service le vérifie et reviendra vers vous. Ne payez pas une seconde fois.</p>");
            case "Refused" or "Cancelled" or "Expired" or "Superseded":
                return Page("Paiement non abouti", $"<p class=\"alerte\" role=\"status\" id=\"statut\">Votre paiement pour l'avis {E(notice)} n'a pas abouti. Aucun montant n'a été prélevé.</p><p><a href=\"/\">Réessayer</a></p>");
            default:
                return Page("Paiement en cours de confirmation",
                    $"<p class=\"info\" role=\"status\" id=\"statut\">Paiement en cours de confirmation : nous attendons la confirmation de notre prestataire pour votre paiement de l'avis {E(notice)}. Cette page se met à jour automatiquement.</p>",
                    refreshSeconds: 2);
        }
    }
}
