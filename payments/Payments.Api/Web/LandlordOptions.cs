namespace Payments.Api.Web;

/// <summary>The <c>Landlord</c> section: how else a tenant can pay, as the landlord prints it on the notice.</summary>
public sealed class LandlordOptions
{
    public string Name { get; set; } = "";

    public string AccountHolder { get; set; } = "";

    /// <summary>Shown in full on purpose: it is the landlord's collection account, printed on every notice.</summary>
    public string Iban { get; set; } = "";

    public string Bic { get; set; } = "";

    public string ChequePayee { get; set; } = "";

    public string ChequeAddress { get; set; } = "";

    public string TipSepaText { get; set; } = "Renvoyez le TIP SEPA joint à votre avis, daté et signé, dans l'enveloppe fournie.";

    public string EficashText { get; set; } = "Présentez votre avis d'échéance dans un bureau de poste pour payer en espèces (Eficash).";

    public string DirectDebitText { get; set; } = "Demandez le prélèvement automatique à votre agence : il sera effectif le mois suivant.";

    public string Phone { get; set; } = "";
}
