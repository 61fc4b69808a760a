using Reconciliation.Statements;
using Reconciliation.Statements.Mt940;
using Reconciliation.Tests.Fixtures;

namespace Reconciliation.Tests.Statements;

/// <summary>
/// Real exports bend the <c>:61:</c> grammar (../shared/reference/statements.md §3; parser issues of hbci4java, wolph/mt940,
/// php-mt940). What is unambiguous is accepted, the rest refused with its own reason: one regression test per case.
/// </summary>
public sealed class Mt940VariantTests
{
    private static StatementEntry One(string line61, string closing = "C140106EUR101,00", string info = ":86:GUTSCHRIFT\r\n")
    {
        var text = ":20:STARTUMS\r\n:25:10020030/1234567890\r\n:28C:1/1\r\n:60F:C140106EUR100,00\r\n" + line61 + "\r\n" + info + ":62F:" + closing + "\r\n-\r\n";
        var file = new Mt940Parser().Parse(FixtureFiles.Text(text));
        file.Warnings.ShouldBeEmpty();
        return file.Statements.ShouldHaveSingleItem().Entries.ShouldHaveSingleItem();
    }

    private static StatementFormatException Refused(string line61) =>
        Should.Throw<StatementFormatException>(() => One(line61));

    [Fact]
    public void Parse_SparkasseCreditWithFundsCodeAndNumericType_IsRead()
    {
        // Kreissparkasse Grafschaft Bentheim (hbci4java #43): "CR" = credit + funds code R, type N062.
        var e = One(":61:1401060106CR1,00N062NONREF");
        e.Amount.Cents.ShouldBe(100);
        e.BankTransactionCode.ShouldBe("N062");
    }

    [Fact]
    public void Parse_LineBreakBetweenMarkAndAmount_IsJoined()
    {
        // Sparkassen put the amount on the next line (wolph/mt940: "some banks (sparkassen) incorporate newlines here").
        var e = One(":61:1401060106CR\r\n1,00N062NONREF//BANKREF1");
        e.Amount.Cents.ShouldBe(100);
        e.BankReference.ShouldBe("BANKREF1");
    }

    [Fact]
    public void Parse_SpaceBetweenMarkAndAmount_IsAccepted()
    {
        One(":61:1401060106C 1,00N062NONREF").Amount.Cents.ShouldBe(100);
    }

    [Fact]
    public void Parse_EntryDateLeftBlank_TakesTheValueDate()
    {
        var e = One(":61:140106    C1,00NMSCNONREF");
        e.BookingDate.ShouldBe(new NodaTime.LocalDate(2014, 1, 6));
    }

    [Fact]
    public void Parse_SpaceBeforeTheTypeCode_IsAccepted()
    {
        One(":61:1401060106C1,00 NTRFNONREF").BankTransactionCode.ShouldBe("NTRF");
    }

    [Fact]
    public void Parse_BankReferenceLongerThan16_IsKeptWhole()
    {
        // wolph/mt940 #111: a 36-character customer reference and a 19-character bank reference.
        var e = One(":61:2207060706DR20,NTRFBIPI-dvT1FzfMqvzF5HaU4oetlH7SGRkonU//2022070616391534000", "C220706EUR80,00");
        e.Amount.Cents.ShouldBe(-2000);
        e.BankReference.ShouldBe("2022070616391534000");
        e.Remittance.ShouldNotContain("000");
    }

    [Fact]
    public void Parse_CustomerReferenceWithSlashAndDetailsOnTheNextLine_IsRead()
    {
        // wolph/mt940 #99 (a French-speaking bank): "341241773/1XXXXX//O/341241774" then "Paiement" on its own line.
        var e = One(":61:1401060106C1,00NMSC341241773/1XXXXX//O/341241774\r\nPaiement");
        e.BankReference.ShouldBe("O/341241774");
        e.Remittance.ShouldContain("Paiement");
    }

    [Fact]
    public void Parse_DotAsDecimalSeparator_IsRefusedWithItsReason()
    {
        Refused(":61:1401060106C1.00N062NONREF").Reason.ShouldContain("uses a dot");
    }

    [Fact]
    public void Parse_AmountWithoutComma_IsRefusedWithItsReason()
    {
        Refused(":61:1401060106C100N062NONREF").Reason.ShouldContain("no decimal comma");
    }

    [Fact]
    public void Parse_LowerCaseMark_IsRefusedWithItsReason()
    {
        Refused(":61:1401060106c1,00N062NONREF").Reason.ShouldContain("in capitals");
    }

    [Fact]
    public void Parse_GermanStructuredInformation_GivesNameIbanEndToEndAndPurpose()
    {
        // DFÜ-Abkommen :86: with GVC 166 and SEPA keywords; the purpose is cut into 27-character pieces anywhere.
        var e = One(":61:1401060106C1,00N166NONREF", info:
            ":86:166?00GUTSCHR. UEBERWEISUNG?109075?20EREF+E2E-2026-11-0001?21SVWZ+LOYER NOVEMBRE 1234?2256/01\r\n?30BNPAFRPPXXX?31FR1420041010050500013M02606?32DUPONT MARIE\r\n");
        e.CounterpartyName.ShouldBe("DUPONT MARIE");
        e.CounterpartyIban.ShouldBe("FR1420041010050500013M02606");
        e.EndToEndId.ShouldBe("E2E-2026-11-0001");
        e.Remittance.ShouldContain("LOYER NOVEMBRE 123456/01");
    }
}
