using Payments.Api.Web;
using static Payments.Api.Web.Html;

namespace Payments.Api.Features.Pay;

/// <summary>
/// The other ways to pay, from landlord configuration. Shown under every lookup and, prominently, in degraded mode. With a
/// notice the transfer block gives the exact reference to write (its RF creditor reference).
/// </summary>
public static class OtherWaysToPay
{
    /// <summary>The IBAN in groups of four, as printed on paper: readable, and it wraps on a 320 px screen.</summary>
    public static string Grouped(string iban)
    {
        var compact = new string(iban.Where(c => !char.IsWhiteSpace(c)).ToArray());
        return string.Join(' ', compact.Chunk(4).Select(c => new string(c)));
    }

    public static string Render(LandlordOptions landlord, string? rfReference, string? noticeReference)
    {
        var reference = rfReference is null
            ? "<p>Indiquez en référence le numéro RF imprimé sur votre avis d'échéance.</p>"
            : $"<p>Référence à indiquer, exactement : <code>{E(rfReference)}</code></p>";
        var cheque = noticeReference is null ? "votre référence locataire et le numéro de l'avis" : $"le numéro de l'avis <code>{E(noticeReference)}</code> et votre référence locataire";
        return $"""
            <section aria-labelledby="autres">
            <h2 id="autres">Autres moyens de paiement</h2>
            <h3>Virement</h3>
            <dl><dt>Titulaire</dt><dd>{E(landlord.AccountHolder)}</dd><dt>IBAN</dt><dd><code class="iban">{E(Grouped(landlord.Iban))}</code></dd><dt>BIC</dt><dd><code>{E(landlord.Bic)}</code></dd></dl>
            {reference}
            <p class="alerte"><strong>Attention :</strong> notre IBAN ne change jamais par courriel. Si vous recevez un message
            vous demandant de payer sur un autre compte, ne payez pas et appelez votre agence{(landlord.Phone.Length > 0 ? $" au {E(landlord.Phone)}" : "")}.</p>
            <h3>Chèque</h3>
            <p>À l'ordre de <strong>{E(landlord.ChequePayee)}</strong>, à envoyer à : {E(landlord.ChequeAddress)}.
            Au dos du chèque, écrivez {cheque}.</p>
            <h3>TIP SEPA</h3><p>{E(landlord.TipSepaText)}</p>
            <h3>Espèces à La Poste (Eficash)</h3><p>{E(landlord.EficashText)}</p>
            <h3>Prélèvement automatique</h3><p>{E(landlord.DirectDebitText)}</p>
            </section>
            """;
    }
}
