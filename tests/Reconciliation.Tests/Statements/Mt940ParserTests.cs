using System.Text;
using Reconciliation.Statements;
using Reconciliation.Statements.Mt940;
using Reconciliation.Tests.Fixtures;

namespace Reconciliation.Tests.Statements;

public sealed class Mt940ParserTests
{
    private const string Statement =
        ":20:REF1\r\n:25:FR7630004000010001234567890\r\n:28C:1/1\r\n:60F:C261101EUR1000,00\r\n" +
        ":61:2611021102CR512,3NTRFNONREF//B1\r\n:86:/EREF/E2E-9/NAME/JEAN MARTIN/IBAN/FR1420041010050500013M02606\r\nLOYER 123456/01\r\n" +
        ":61:261103RCR100,NRTINONREF//B2\r\n:86:RETOUR VIREMENT\r\n" +
        ":61:261104D9,NCHK0001234\r\n" +
        ":62F:C261104EUR1403,30\r\n-\r\n";

    [Fact]
    public void Parse_FundsCodeAndReversals_AreReadWithTheRightSign()
    {
        var file = new Mt940Parser().Parse(FixtureFiles.Text(Statement));

        file.Warnings.ShouldBeEmpty();
        var s = file.Statements.ShouldHaveSingleItem();
        s.Entries.Select(e => e.Amount.Cents).ShouldBe([51230, -10000, -900]);
        s.Entries[0].EndToEndId.ShouldBe("E2E-9");
        s.Entries[0].CounterpartyName.ShouldBe("JEAN MARTIN");
        s.Entries[0].CounterpartyIban.ShouldBe("FR1420041010050500013M02606");
        s.Entries[0].Remittance.ShouldContain("LOYER 123456/01");
        s.Entries[1].IsReversal.ShouldBeTrue();
        s.Entries[2].ChequeNumber.ShouldBe("0001234");
        s.Entries[2].BookingDate.ShouldBe(new NodaTime.LocalDate(2026, 11, 4));
    }

    [Fact]
    public void Parse_EntryDateInJanuaryForDecemberValueDate_TakesTheNextYear()
    {
        var text = ":20:X\n:25:ACC\n:60F:C261231EUR0,\n:61:2612310102C5,NTRFNONREF\n:62F:C270102EUR5,\n";
        var e = new Mt940Parser().Parse(FixtureFiles.Text(text)).Statements[0].Entries[0];
        e.BookingDate.ShouldBe(new NodaTime.LocalDate(2027, 1, 2));
        e.ValueDate.ShouldBe(new NodaTime.LocalDate(2026, 12, 31));
    }

    [Fact]
    public void Parse_StatementLineWithoutAmount_IsRejectedNamingLineAndField()
    {
        var text = ":20:X\n:25:ACC\n:60F:C261231EUR0,\n:61:261231CNTRFNONREF\n:62F:C270102EUR5,\n";
        var ex = Should.Throw<StatementFormatException>(() => new Mt940Parser().Parse(FixtureFiles.Text(text)));
        ex.Location.ShouldBe("line 4, field :61:");
    }

    [Fact]
    public void Parse_MissingClosingBalance_IsRejected()
    {
        var text = ":20:X\n:25:ACC\n:60F:C261231EUR0,\n:61:261231C5,NTRFNONREF\n";
        Should.Throw<StatementFormatException>(() => new Mt940Parser().Parse(FixtureFiles.Text(text))).Reason.ShouldContain(":62F:");
    }

    [Fact]
    public void Parse_Latin1Text_IsDecodedWithoutReplacementCharacters()
    {
        var text = ":20:X\n:25:ACC\n:60F:C261231EUR0,\n:61:261231C5,NTRFNONREF\n:86:LOYER RÉSIDENCE\n:62F:C270102EUR5,\n";
        var e = new Mt940Parser().Parse(FixtureFiles.Text(text, Encoding.Latin1)).Statements[0].Entries[0];
        e.Remittance.ShouldContain("LOYER RÉSIDENCE");
    }
}
