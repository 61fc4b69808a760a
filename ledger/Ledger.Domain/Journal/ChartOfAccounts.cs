using Ledger.Domain.Accounts;
using Ledger.Domain.Bank;
using Primitives;

namespace Ledger.Domain.Journal;

/// <summary>
/// Where each kind of money fact is booked. Defaults follow the French chart used by social landlords
/// (see ../shared/reference/ledger-reconciliation.md §4.3); every account is configurable because each landlord's
/// accountant has their own sub-accounts. Accounts marked "to confirm" are our choice, not a sector rule.
/// </summary>
public sealed record ChartOfAccounts
{
    /// <summary>Tenant receivables; each tenant is an auxiliary (sub-)account, the FEC's CompAuxNum.</summary>
    public string TenantReceivable { get; init; } = "411";
    /// <summary>Loyers des logements conventionnés (HLM rent revenue).</summary>
    public string Rent { get; init; } = "7043";
    /// <summary>Réduction de loyer de solidarité, a debit netted into 7043.</summary>
    public string RlsReduction { get; init; } = "70943";
    /// <summary>Récupération des charges locatives (to confirm with the landlord's chart).</summary>
    public string ChargesRecovered { get; init; } = "703";
    /// <summary>Supplément de loyer de solidarité (to confirm).</summary>
    public string Sls { get; init; } = "7046";
    /// <summary>Other items on a notice (to confirm).</summary>
    public string Other { get; init; } = "708";
    /// <summary>Bank account receiving transfers, TIP, direct debits and Eficash.</summary>
    public string Bank { get; init; } = "512";
    /// <summary>Chèques à encaisser: cheques received, not yet credited by the bank.</summary>
    public string ChequesToCash { get; init; } = "5112";
    /// <summary>Card payments confirmed by the PSP, until its payout reaches the bank (to confirm).</summary>
    public string CardClearing { get; init; } = "467";
    /// <summary>Compte d'attente for receipts that cannot be allocated yet.</summary>
    public string Suspense { get; init; } = "471";
    /// <summary>Pertes sur créances irrécouvrables (write-offs).</summary>
    public string BadDebt { get; init; } = "654";
    /// <summary>Manual adjustments in the tenant's favour (to confirm).</summary>
    public string AdjustmentExpense { get; init; } = "658";
    /// <summary>Manual adjustments against the tenant (to confirm).</summary>
    public string AdjustmentIncome { get; init; } = "758";
    /// <summary>Services bancaires et assimilés: bank charges and PSP commissions.</summary>
    public string BankFees { get; init; } = "627";
    /// <summary>Virements internes: money between the landlord's own accounts.</summary>
    public string InternalTransfers { get; init; } = "580";
    /// <summary>The CAF's bulk housing-benefit payment until it is spread on the tenants' accounts (to confirm: 4411 or the landlord's own CAF account).</summary>
    public string HousingBenefit { get; init; } = "4411";
    /// <summary>Other receipts an accountant marked as not rent (to confirm).</summary>
    public string OtherNotRent { get; init; } = "7588";

    // Journals (FEC JournalCode): billing for notices and credit notes, one bank journal per channel group (what reaches
    // the bank account directly, cheques to cash, card clearing), OD for write-offs and adjustments.
    public string BillingJournal { get; init; } = "VT";
    public string BankJournal { get; init; } = "BQ";
    public string ChequeJournal { get; init; } = "CH";
    public string CardJournal { get; init; } = "CB";
    public string MiscJournal { get; init; } = "OD";
    /// <summary>À-nouveaux (opening entries) of the FEC.</summary>
    public string OpeningJournal { get; init; } = "AN";
    /// <summary>Where the à-nouveaux put the previous years' net of classes 6 and 7 (to confirm: 110/119 once allocated).</summary>
    public string OpeningResult { get; init; } = "120";

    /// <summary>Labels of journals and accounts for the FEC; an account not listed gets its class's label.</summary>
    public Dictionary<string, string> Labels { get; init; } = new(StringComparer.Ordinal)
    {
        ["VT"] = "Quittancement", ["BQ"] = "Banque", ["CH"] = "Chèques à encaisser", ["CB"] = "Cartes bancaires",
        ["OD"] = "Opérations diverses", ["AN"] = "À-nouveaux",
        ["411"] = "Locataires", ["7043"] = "Loyers des logements conventionnés", ["70943"] = "Réduction de loyer de solidarité",
        ["703"] = "Récupération des charges locatives", ["7046"] = "Supplément de loyer de solidarité", ["708"] = "Produits des activités annexes",
        ["512"] = "Banque", ["5112"] = "Chèques à encaisser", ["467"] = "Encaissements par carte à recevoir", ["471"] = "Compte d'attente",
        ["654"] = "Pertes sur créances irrécouvrables", ["658"] = "Charges diverses de gestion courante",
        ["758"] = "Produits divers de gestion courante", ["120"] = "Résultat de l'exercice",
        ["627"] = "Services bancaires et assimilés", ["580"] = "Virements internes", ["4411"] = "CAF – aide au logement à répartir",
        ["7588"] = "Autres produits divers de gestion courante",
    };

    public string LabelOf(string code) => Labels.GetValueOrDefault(code) ?? code[..1] switch
    {
        "1" => "Capitaux", "2" => "Immobilisations", "3" => "Stocks", "4" => "Tiers", "5" => "Financier", "6" => "Charges", "7" => "Produits",
        _ => code,
    };

    public string JournalFor(PaymentChannel channel) => channel switch
    {
        PaymentChannel.Card => CardJournal,
        PaymentChannel.Cheque => ChequeJournal,
        _ => BankJournal,
    };

    public string CashAccountFor(PaymentChannel channel) => channel switch
    {
        PaymentChannel.Card => CardClearing,
        PaymentChannel.Cheque => ChequesToCash,
        _ => Bank,
    };

    public string AccountFor(NotRentKind kind) => kind switch
    {
        NotRentKind.BankFees => BankFees,
        NotRentKind.InternalTransfer => InternalTransfers,
        NotRentKind.Caf => HousingBenefit,
        _ => OtherNotRent,
    };

    public string RevenueAccountFor(NoticeLineKind kind) => kind switch
    {
        NoticeLineKind.Rent => Rent,
        NoticeLineKind.Charges => ChargesRecovered,
        NoticeLineKind.Sls => Sls,
        NoticeLineKind.Rls => RlsReduction,
        _ => Other,
    };
}
