using Ledger.Domain.Receipts;
using Primitives;

namespace Ledger.Api.Documents.Receipts;

/// <summary>The French words a tenant reads on a quittance, a reçu or an annulation.</summary>
public static class ReceiptWording
{
    public const string FreeOfCharge = "Document délivré gratuitement (article 21 de la loi n° 89-462 du 6 juillet 1989).";

    public static string Title(ReceiptKind kind) => kind switch
    {
        ReceiptKind.Quittance => "Quittance de loyer",
        ReceiptKind.Recu => "Reçu de paiement partiel",
        _ => "Annulation",
    };

    public static string Channel(PaymentChannel channel) => channel switch
    {
        PaymentChannel.Card => "carte bancaire",
        PaymentChannel.Transfer => "virement",
        PaymentChannel.Cheque => "chèque",
        PaymentChannel.TipSepa => "TIP SEPA",
        PaymentChannel.Eficash => "Eficash",
        PaymentChannel.DirectDebit => "prélèvement",
        _ => channel.ToString(),
    };
}
