using System.Globalization;
using Ledger.Api.Documents.Pdf;
using QRCoder;
using static Ledger.Api.Documents.Pdf.FrenchText;

namespace Ledger.Api.Documents.Notices;

/// <summary>
/// The avis d'échéance on one A4 page: who and what (landlord, tenant, dwelling, period, due date), the lines with a
/// credit column, the previous balance and the net to pay, then the ways to pay with their exact references (transfer
/// with the RF reference, IBAN and EPC QR code; cash at La Poste with Eficash; direct debit when there is a mandate) and,
/// below the cut line, the TIP SEPA slip to return signed. Pure: the same <see cref="NoticeDocument"/> gives the same bytes.
/// </summary>
public static class NoticePdf
{
    private const double Left = 15, Right = 195;

    public static byte[] Render(NoticeDocument n)
    {
        using var document = DeterministicPdf.Create(n.Identity, n.IssuedOn, $"Avis d'échéance {n.NoticeReference}");
        using (var c = PdfCanvas.NewPage(document))
        {
            Header(c, n);
            var y = Lines(c, n, 96);
            Ways(c, n, y + 8);
            Tip(c, n, 214);
        }
        return DeterministicPdf.Save(document, n.Identity, n.IssuedOn);
    }

    private static void Header(PdfCanvas c, NoticeDocument n)
    {
        c.Text(Left, 20, n.LandlordName, 14, bold: true);
        c.TextRight(Right, 20, "AVIS D'ÉCHÉANCE", 14, bold: true);
        c.Text(Left, 26, "Bailleur social");
        c.TextRight(Right, 26, "Période : " + Period(n.Period));
        // Tenant block where a window envelope shows it (DL, window on the right).
        c.Text(110, 48, n.TenantName, 10, bold: true);
        c.Text(110, 53, "Logement : " + n.DwellingReference);
        c.Text(110, 58, "Référence locataire : " + n.TenantReference);
        c.Text(Left, 72, "Avis n° " + n.NoticeReference);
        c.Text(Left, 77, "Émis le " + Date(n.IssuedOn));
        c.Text(Left, 84, "Date d'échéance : " + Date(n.DueDate), 11, bold: true);
        c.TextRight(Right, 84, "Net à payer : " + Euros(n.NetToPayCents), 11, bold: true);
    }

    private static double Lines(PdfCanvas c, NoticeDocument n, double top)
    {
        const double debitRight = 160, creditRight = Right - 2;
        c.Shade(Left, top - 5, Right - Left, 7);
        c.Text(Left + 2, top, "Libellé", bold: true);
        c.TextRight(debitRight, top, "Montant (€)", bold: true);
        c.TextRight(creditRight, top, "Crédit (€)", bold: true);
        var y = top + 7;
        foreach (var line in n.Lines)
        {
            c.Text(Left + 2, y, line.Label);
            if (line.DebitCents != 0) c.TextRight(debitRight, y, Amount(line.DebitCents));
            if (line.CreditCents != 0) c.TextRight(creditRight, y, Amount(line.CreditCents));
            y += 5.5;
        }
        c.Line(Left, y - 3.5, Right, y - 3.5);
        y += 1.5;
        c.Text(Left + 2, y, "Total du mois", bold: true);
        c.TextRight(debitRight, y, Euros(n.MonthTotalCents), bold: true);
        y += 5.5;
        c.Text(Left + 2, y, "Solde antérieur");
        c.TextRight(debitRight, y, Euros(n.PreviousBalanceCents));
        if (n.AlreadyPaidCents != 0)
        {
            y += 5.5;
            c.Text(Left + 2, y, "Déjà réglé sur cet avis");
            c.TextRight(creditRight, y, Amount(n.AlreadyPaidCents));
        }
        y += 7;
        c.Box(Left, y - 5, Right - Left, 7.5, 1);
        c.Text(Left + 2, y, "NET À PAYER avant le " + Date(n.DueDate), 10, bold: true);
        c.TextRight(creditRight, y, Euros(n.NetToPayCents), 10, bold: true);
        return y + 4;
    }

    private static void Ways(PdfCanvas c, NoticeDocument n, double top)
    {
        c.Text(Left, top, "Comment payer", 11, bold: true);
        var y = top + 7;
        if (n.Mandate is { } mandate)
        {
            // The pre-notification (SDD rulebook): amount and date of this notice's debit, or why it was rejected.
            c.Text(Left, y, mandate.Rejection
                ?? $"Prélèvement automatique : vous serez prélevé de {Euros(mandate.AmountCents)} le {Date(mandate.DebitDate)}", bold: true);
            y += 4.5;
            c.Text(Left, y, mandate.Rejection is null
                ? $"comme d'habitude (mandat {mandate.Rum}, créancier {n.LandlordIcs ?? "ICS non déclaré"}). Rien d'autre à faire."
                : $"(mandat {mandate.Rum}). Réglez cet avis par un autre moyen ci-dessous.", 8);
            y += 6.5;
        }
        c.Text(Left, y, "Virement — référence à recopier exactement :", bold: true);
        y += 5;
        c.Text(Left + 3, y, "Référence : " + GroupsOfFour(n.RfReference), 10, bold: true);
        y += 5;
        c.Text(Left + 3, y, "IBAN : " + (n.LandlordIban is { } iban ? GroupsOfFour(iban) : "non communiqué"));
        y += 4.5;
        c.Text(Left + 3, y, "BIC : " + (n.LandlordBic ?? "—") + "   Bénéficiaire : " + n.LandlordName);
        y += 4.5;
        c.Text(Left + 3, y, "ou scannez le QR code avec l'application de votre banque.", 8);
        y += 6;
        c.Text(Left, y, "Carte bancaire : sur le site de paiement, avec la référence locataire et le n° d'avis.", bold: true);
        y += 6;
        c.Text(Left, y, $"Espèces (Eficash) : dans tout bureau de poste, avec cet avis — référence {n.TenantReference} / {n.NoticeReference}", bold: true);
        y += 6;
        c.Text(Left, y, "TIP SEPA : détachez, datez et signez le talon ci-dessous ; joignez un RIB la première fois.", bold: true);

        if (n.LandlordIban is { } qrIban && n.NetToPayCents > 0)
        {
            var payload = EpcQrPayload.Build(n.LandlordBic, n.LandlordName, qrIban, n.NetToPayCents, n.RfReference);
            using var generator = new QRCodeGenerator();
            using var data = generator.CreateQrCode(payload, QRCodeGenerator.ECCLevel.M, forceUtf8: true);
            var rows = data.ModuleMatrix.Select(r => (IReadOnlyList<bool>)Enumerable.Range(0, r.Length).Select(i => r[i]).ToList()).ToList();
            c.Modules(Right - 36, top - 3, 36, rows);
        }
    }

    private static void Tip(PdfCanvas c, NoticeDocument n, double top)
    {
        c.CutLine(top);
        c.Text(Left, top + 7, "TIP SEPA — mandat de prélèvement SEPA ponctuel", 11, bold: true);
        c.TextRight(Right, top + 7, "Montant : " + Euros(n.NetToPayCents), 11, bold: true);
        c.Text(Left, top + 14, "Créancier : " + n.LandlordName);
        c.Text(Left, top + 19, "Identifiant créancier SEPA (ICS) : " + (n.LandlordIcs ?? "non déclaré"));
        c.Text(Left, top + 24, "Référence unique du mandat (RUM) : " + (n.Mandate?.Rum ?? "à compléter"));
        c.Text(Left, top + 31, "Débiteur : " + n.TenantName);
        c.Text(Left, top + 36, "Référence locataire : " + n.TenantReference + "   Avis n° " + n.NoticeReference);
        c.Text(Left, top + 41, "Référence RF : " + GroupsOfFour(n.RfReference));
        c.Text(Left, top + 48, "En signant ce TIP SEPA, vous autorisez le créancier à envoyer des instructions à votre banque pour débiter votre", 7);
        c.Text(Left, top + 51.5, "compte du montant ci-dessus, et votre banque à le débiter conformément à ces instructions. Vous pouvez en", 7);
        c.Text(Left, top + 55, "obtenir le remboursement auprès de votre banque dans les 8 semaines suivant le débit, selon votre convention.", 7);
        c.Box(120, top + 12, Right - 120, 22);
        c.Text(122, top + 17, "Date et signature :", 8);
        c.Box(120, top + 38, Right - 120, 16);
        c.Text(122, top + 43, "Joindre un RIB (IBAN) la première fois", 8);
        // The line a slip reader keys on: references and the amount in cents on ten digits.
        c.Text(Left, top + 66, string.Create(CultureInfo.InvariantCulture, $"{n.TenantReference}  {n.NoticeReference}  {n.RfReference}  {n.NetToPayCents:D10}"), 9, bold: true);
    }
}
