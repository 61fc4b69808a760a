using Ledger.Api.Documents.Pdf;
using Ledger.Api.Features.Receipts;
using Ledger.Domain.Accounts;
using Ledger.Domain.Receipts;

namespace Ledger.Api.Documents.Receipts;

/// <summary>
/// One quittance, reçu or annulation as a one-page A4 PDF, in French. Everything on it comes from the ledger's facts and
/// the document's own date (DeterministicPdf), so producing it again gives the same bytes. A quittance details the sums
/// paid, loyer apart from charges (art. 21 loi 89-462); a reçu says it is not a quittance; an annulation names the
/// document it voids and why.
/// </summary>
public static class ReceiptPdf
{
    private const double Left = 20, Right = 190, Amounts = 190;

    public static byte[] Render(ReceiptSource.Parties parties, NoticeDocuments notice, ReceiptDocument d)
    {
        var identity = $"receipt|{parties.LandlordName}|{d.Number}";
        var title = $"{ReceiptWording.Title(d.Kind)} {d.Number}";
        using var document = DeterministicPdf.Create(identity, d.IssuedOn, title);
        using (var page = PdfCanvas.NewPage(document))
        {
            var y = Header(page, parties, notice, d);
            y = d.Kind switch
            {
                ReceiptKind.Quittance => Quittance(page, parties, notice, d, y),
                ReceiptKind.Recu => Recu(page, parties, notice, d, y),
                _ => Annulation(page, notice, d, y),
            };
            page.Text(Left, y + 10, $"Fait le {FrenchText.Date(d.IssuedOn)}, pour {parties.LandlordName}.");
            page.Text(Left, 280, ReceiptWording.FreeOfCharge, 8);
        }
        return DeterministicPdf.Save(document, identity, d.IssuedOn);
    }

    private static double Header(PdfCanvas page, ReceiptSource.Parties parties, NoticeDocuments notice, ReceiptDocument d)
    {
        page.Text(Left, 22, parties.LandlordName, 11, bold: true);
        page.Text(Left, 28, "Bailleur");
        page.Text(120, 40, parties.TenantName, 10, bold: true);
        page.Text(120, 46, $"Locataire n° {parties.TenantReference}");
        if (parties.DwellingReference.Length > 0) page.Text(120, 52, $"Logement {parties.DwellingReference}");
        page.Text(Left, 70, ReceiptWording.Title(d.Kind).ToUpperInvariant(), 16, bold: true);
        page.Text(Left, 78, $"N° {d.Number}");
        page.Text(Left, 84, $"Période : {FrenchText.Period(notice.Period)} (avis d'échéance {notice.Notice.Value})");
        return 96;
    }

    private static double Quittance(PdfCanvas page, ReceiptSource.Parties parties, NoticeDocuments notice, ReceiptDocument d, double y)
    {
        var c = d.Content;
        page.Text(Left, y, $"{parties.LandlordName} reconnaît avoir reçu de {parties.TenantName} la somme de {FrenchText.Euros(c.Paid.Cents)}");
        page.Text(Left, y + 5, $"au titre du loyer et des charges de {FrenchText.Period(notice.Period)}, et lui en donne quittance.");
        y = Lines(page, c, y + 14);
        y = Subtotal(page, y, "Loyer", c.Loyer.Cents, bold: false);
        y = Subtotal(page, y, "Charges (provisions)", c.Charges.Cents, bold: false);
        if (!c.Other.IsZero) y = Subtotal(page, y, "Autres sommes", c.Other.Cents, bold: false);
        y = Subtotal(page, y, "Total payé", c.Paid.Cents, bold: true);
        return Payments(page, c, y + 6);
    }

    private static double Recu(PdfCanvas page, ReceiptSource.Parties parties, NoticeDocuments notice, ReceiptDocument d, double y)
    {
        var c = d.Content;
        page.Text(Left, y, $"{parties.LandlordName} a reçu de {parties.TenantName} la somme de {FrenchText.Euros(c.Paid.Cents)}");
        page.Text(Left, y + 5, $"sur l'avis d'échéance de {FrenchText.Period(notice.Period)}. Ce reçu ne vaut pas quittance : l'échéance n'est pas soldée.");
        y = Lines(page, c, y + 14);
        y = Subtotal(page, y, "Montant de l'échéance", c.Due.Cents, bold: false);
        y = Subtotal(page, y, "Total payé", c.Paid.Cents, bold: true);
        y = Subtotal(page, y, "Reste à payer", c.Remaining.Cents, bold: true);
        return Payments(page, c, y + 6);
    }

    private static double Annulation(PdfCanvas page, NoticeDocuments notice, ReceiptDocument d, double y)
    {
        var voided = notice.Documents.First(x => x.Number == d.Voids);
        page.Text(Left, y, $"Le document {voided.Number} ({ReceiptWording.Title(voided.Kind).ToLowerInvariant()} du {FrenchText.Date(voided.IssuedOn)},");
        page.Text(Left, y + 5, $"{FrenchText.Euros(voided.Content.Paid.Cents)}) est annulé et ne vaut plus preuve de paiement.");
        page.Text(Left, y + 13, $"Motif : {d.Reason}");
        var c = d.Content;
        y += 21;
        page.Text(Left, y, c.Paid.IsPositive
            ? $"Reste payé sur cette échéance : {FrenchText.Euros(c.Paid.Cents)} ; reste à payer : {FrenchText.Euros(c.Remaining.Cents)}."
            : $"Aucun paiement ne reste sur cette échéance ; reste à payer : {FrenchText.Euros(c.Remaining.Cents)}.");
        if (notice.Documents.FirstOrDefault(x => x.Version == d.Version + 1) is { } next)
            page.Text(Left, y + 5, $"Le document {next.Number} du {FrenchText.Date(next.IssuedOn)} le remplace.");
        return y + 10;
    }

    private static double Lines(PdfCanvas page, ReceiptDecision c, double y)
    {
        page.Shade(Left - 1, y - 4, Right - Left + 2, 6);
        page.Text(Left, y, "Détail de l'échéance", bold: true);
        page.TextRight(Amounts, y, "Montant", bold: true);
        y += 7;
        foreach (var line in c.Lines)
        {
            page.Text(Left + 2, y, $"{line.Label} ({Kind(line.Kind)})");
            page.TextRight(Amounts, y, FrenchText.Euros(line.Amount.Cents));
            y += 5;
        }
        page.Line(Left, y - 3, Right, y - 3);
        return y + 2;
    }

    private static double Subtotal(PdfCanvas page, double y, string label, long cents, bool bold)
    {
        page.Text(Left + 2, y, label, bold: bold);
        page.TextRight(Amounts, y, FrenchText.Euros(cents), bold: bold);
        return y + 5;
    }

    private static double Payments(PdfCanvas page, ReceiptDecision c, double y)
    {
        page.Text(Left, y, "Paiements reçus", bold: true);
        y += 6;
        foreach (var p in c.Payments)
        {
            page.Text(Left + 2, y, $"{FrenchText.Date(p.ReceivedOn)}, par {ReceiptWording.Channel(p.Channel)} (réf. {p.Payment.Value})");
            page.TextRight(Amounts, y, FrenchText.Euros(p.Amount.Cents));
            y += 5;
        }
        if (c.LettrageCode is { } code) page.Text(Left, y + 2, $"Lettrage du compte locataire : {code}", 8);
        return y + 8;
    }

    private static string Kind(NoticeLineKind kind) => kind switch
    {
        NoticeLineKind.Rent or NoticeLineKind.Sls or NoticeLineKind.Rls => "loyer",
        NoticeLineKind.Charges => "charges",
        _ => "autre",
    };
}
