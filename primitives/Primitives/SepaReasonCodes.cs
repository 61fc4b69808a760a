namespace Primitives;

/// <summary>One SEPA R-transaction reason code (ISO 20022 ExternalStatusReason1Code / ExternalReturnReason1Code).</summary>
/// <param name="Code">the four-character ISO code, e.g. AM04</param>
/// <param name="French">what a tenant or an accountant reads, lower case so it can follow "Prélèvement rejeté le … : "</param>
/// <param name="Representable">whether the creditor may present the debit again in a later collection without first
/// getting something fixed (new IBAN, new mandate, the debtor's consent): only causes that may have gone away by
/// themselves (insufficient funds, a technical or an unspecified bank reason) qualify</param>
public sealed record SepaReasonCode(string Code, string French, bool Representable)
{
    /// <summary>"provision insuffisante (AM04)": the reason as shown on the tenant's account.</summary>
    public string Label => $"{French} ({Code})";
}

/// <summary>
/// The French texts of the SDD reject and return reasons (EPC173-14 "Guidance on reason codes for SDD R-transactions",
/// ISO external code sets, the CFONB list of reject reasons). One table for the ledger (rejects route, the tenant's
/// account) and the reconciliation side (pain.002 and camt.054 readers), so the same code reads the same everywhere.
/// </summary>
public static class SepaReasonCodes
{
    private static readonly SepaReasonCode[] Table =
    [
        new("AC01", "coordonnées bancaires erronées", false),
        new("AC04", "compte clôturé", false),
        new("AC06", "compte bloqué", false),
        new("AC13", "type de compte du débiteur non valable pour ce prélèvement", false),
        new("AG01", "opération interdite sur ce compte", false),
        new("AG02", "code opération invalide", false),
        // Insufficient funds is the one reason the rulebook's guidance names as worth presenting again.
        new("AM04", "provision insuffisante", true),
        new("AM05", "prélèvement en double", false),
        new("BE05", "identifiant du créancier inconnu", false),
        new("CNOR", "banque du créancier non joignable", true),
        new("DNOR", "banque du débiteur non joignable", true),
        new("FF01", "format de fichier invalide", true),
        new("MD01", "absence de mandat", false),
        new("MD02", "données du mandat manquantes ou erronées", false),
        new("MD06", "remboursement demandé par le débiteur", false),
        new("MD07", "débiteur décédé", false),
        // MS02 is the debtor's own refusal: presenting again would go against it.
        new("MS02", "refus du débiteur", false),
        // MS03 is what some banks report instead of AC04/AM04 for data protection: unknown cause, may be funds.
        new("MS03", "motif non communiqué par la banque du débiteur", true),
        new("RC01", "code BIC erroné", false),
        new("RR01", "identification du débiteur manquante (motif réglementaire)", false),
        new("RR02", "nom ou adresse du débiteur manquant (motif réglementaire)", false),
        new("RR03", "nom ou adresse du créancier manquant (motif réglementaire)", false),
        new("RR04", "motif réglementaire", false),
        new("SL01", "service particulier de la banque du débiteur (opposition aux prélèvements)", false),
        new("CUST", "annulation demandée par le débiteur", false),
        new("DUPL", "paiement en double", false),
        new("FOCR", "retour après demande d'annulation", false),
        new("FRAD", "opération frauduleuse", false),
        new("TECH", "problème technique", true),
    ];

    private static readonly Dictionary<string, SepaReasonCode> ByCode =
        Table.ToDictionary(c => c.Code, StringComparer.Ordinal);

    public static IReadOnlyList<SepaReasonCode> All => Table;

    /// <summary>Four upper-case letters or digits: the shape of every ISO external reason code.</summary>
    public static bool IsWellFormed(string? code) =>
        code is { Length: 4 } && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));

    /// <summary>The code's entry, or null when the code is not one we know (the caller answers 400 naming the field).</summary>
    public static SepaReasonCode? Find(string? code) =>
        code is not null && ByCode.TryGetValue(code, out var found) ? found : null;

    /// <summary>The entry, or a <see cref="DomainValidationException"/> naming <paramref name="field"/>.</summary>
    public static SepaReasonCode Get(string? code, string field = "reasonCode")
    {
        if (!IsWellFormed(code))
        {
            throw new DomainValidationException(field, "a reason code is four upper-case letters or digits, e.g. AM04");
        }
        return Find(code) ?? throw new DomainValidationException(field, "unknown SEPA reason code");
    }
}
