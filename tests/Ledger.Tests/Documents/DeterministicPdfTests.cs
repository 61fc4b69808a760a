using System.Text;
using Ledger.Api.Documents.Pdf;
using NodaTime;

namespace Ledger.Tests.Documents;

public sealed class DeterministicPdfTests
{
    private static byte[] Produce(string identity, LocalDate date)
    {
        using var document = DeterministicPdf.Create(identity, date, "Essai");
        using (var canvas = PdfCanvas.NewPage(document))
        {
            canvas.Text(20, 30, "Avis d'échéance — 512,30 € — 5 novembre 2026", 11, bold: true);
            canvas.TextRight(190, 40, FrenchText.Euros(151_230));
        }
        return DeterministicPdf.Save(document, identity, date);
    }

    [Fact]
    public void Save_SameDocumentTwice_ByteIdentical()
    {
        var a = Produce("essai|1", new LocalDate(2026, 10, 20));
        var b = Produce("essai|1", new LocalDate(2026, 10, 20));

        b.ShouldBe(a);
    }

    [Fact]
    public void Save_DatesAndIdComeFromTheDocument_NotTheClock()
    {
        var text = Encoding.Latin1.GetString(Produce("essai|1", new LocalDate(2026, 10, 20)));
        var other = Produce("essai|2", new LocalDate(2026, 10, 20));

        text.ShouldContain("/CreationDate(D:20261020000000+00'00')"); // whatever the machine's time zone
        text.ShouldContain("/ModDate(D:20261020000000");
        text.ShouldContain("/FontFile2"); // the font is embedded, not referenced
        other.ShouldNotBe(Produce("essai|1", new LocalDate(2026, 10, 20))); // the id follows the identity
    }

    [Fact]
    public void FrenchText_AmountsDatesAndGroups_AsPrinted()
    {
        FrenchText.Euros(51_230).ShouldBe("512,30\u00a0€");
        FrenchText.Euros(123_451_230).ShouldBe("1\u00a0234\u00a0512,30\u00a0€");
        FrenchText.Amount(-2_500).ShouldBe("-25,00");
        FrenchText.Date(new LocalDate(2026, 11, 5)).ShouldBe("5 novembre 2026");
        FrenchText.Date(new LocalDate(2026, 12, 1)).ShouldBe("1er décembre 2026");
        FrenchText.Period("2026-08").ShouldBe("août 2026");
        FrenchText.GroupsOfFour("FR7630006000011234567890189").ShouldBe("FR76 3000 6000 0112 3456 7890 189");
    }
}
