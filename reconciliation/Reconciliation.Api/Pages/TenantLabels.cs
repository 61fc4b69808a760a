using Reconciliation.Api.Imports;

namespace Reconciliation.Api.Pages;

/// <summary>
/// The ledger's statement labels name channels and reversal kinds in its own vocabulary ("Règlement Transfer",
/// "DirectDebitReturned AM04"); the accountant reads them in French, with the R-code kept.
/// </summary>
public static class TenantLabels
{
    private static readonly (string Prefix, string French)[] Kinds =
    [
        ("DirectDebitReturned", "Prélèvement rejeté, motif"),
        ("ChequeReturned", "Chèque impayé"),
        ("Chargeback", "Rétrofacturation carte"),
        ("Refund", "Remboursement"),
        ("Other ANNULATION", "Annulation du rapprochement"),
        ("Other", "Rejet"),
    ];

    public static string French(string label)
    {
        if (label.StartsWith("Règlement ", StringComparison.Ordinal)) return "Règlement par " + Channels.French(label["Règlement ".Length..]);
        foreach (var (prefix, french) in Kinds)
        {
            if (label.StartsWith(prefix, StringComparison.Ordinal)) return (french + label[prefix.Length..]).Trim();
        }
        return label;
    }
}
