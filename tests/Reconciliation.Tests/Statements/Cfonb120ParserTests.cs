using Reconciliation.Statements;
using Reconciliation.Statements.Cfonb;
using Reconciliation.Tests.Fixtures;

namespace Reconciliation.Tests.Statements;

public sealed class Cfonb120ParserTests
{
    [Theory]
    [InlineData("0000000005123{", 2, 51230)]
    [InlineData("0000000000227R", 2, -2279)]
    [InlineData("0000000000201J", 2, -2011)]
    [InlineData("0000000050000}", 2, -500000)]
    [InlineData("0000000166956E", 2, 1669565)]
    [InlineData("0000000000012B", 0, 12200)]
    [InlineData("0000000001234I", 3, 12349 / 10)]
    public void Decode_SignedOverpunchAmount_GivesCents(string field, int decimals, long expected)
    {
        if (decimals == 3)
        {
            // 12.349 is not a whole number of cents: refused rather than rounded.
            CfonbAmount.TryDecode(field, decimals, out _).ShouldBeFalse();
            return;
        }
        CfonbAmount.TryDecode(field, decimals, out var cents).ShouldBeTrue();
        cents.ShouldBe(expected);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(51230L)]
    [InlineData(-45001L)]
    [InlineData(99999999999L)]
    public void Encode_ThenDecode_GivesTheSameAmount(long cents)
    {
        CfonbAmount.TryDecode(CfonbAmount.Encode(cents), 2, out var back).ShouldBeTrue();
        back.ShouldBe(cents);
    }

    [Fact]
    public void Parse_RentStatement_ReadsMovementsAndSepaQualifiers()
    {
        using var stream = FixtureFiles.Open("cfonb-rent.txt");
        var file = new Cfonb120Parser().Parse(stream);

        file.Warnings.ShouldBeEmpty();
        var s = file.Statements.ShouldHaveSingleItem();
        s.OpeningBalance!.Value.Cents.ShouldBe(100000);
        s.ClosingBalance!.Value.Cents.ShouldBe(186230);
        s.Entries.Count.ShouldBe(3);
        var transfer = s.Entries[0];
        transfer.Amount.Cents.ShouldBe(51230);
        transfer.CounterpartyName.ShouldBe("MME MARIE DUPONT");
        transfer.EndToEndId.ShouldBe("E2E-0001");
        transfer.CreditorReference.ShouldBe("RF18539007547034");
        transfer.Remittance.ShouldBe(["VIR SEPA RECU", "LOYER NOV 123456/01"]);
        transfer.BankReference.ShouldBe("BANKREF0001");
        transfer.Id.ShouldBe("ref:00012345678:BANKREF0001");
        var cheques = s.Entries[1];
        cheques.BankTransactionCode.ShouldBe("02");
        cheques.ChequeNumber.ShouldBe("0001234");
        var unpaid = s.Entries[2];
        unpaid.IsReversal.ShouldBeTrue();
        unpaid.ReturnReason.ShouldBe("AM");
        unpaid.Amount.Cents.ShouldBe(-45000);
        unpaid.Remittance.ShouldContain("RUM MANDAT-42");
    }

    [Fact]
    public void Parse_UnbalancedFileWithBlankCurrencyAndTwinTransfers_WarnsAndKeepsBothTransfers()
    {
        using var stream = FixtureFiles.Open("cfonb-unbalanced.txt");
        var file = new Cfonb120Parser().Parse(stream);

        file.Warnings.ShouldHaveSingleItem().ShouldContain("opening 0.00 + entries 20.00 = 20.00, but closing balance is 19.99");
        var s = file.Statements.ShouldHaveSingleItem();
        s.Currency.ShouldBe("EUR");
        s.Entries.Count.ShouldBe(2);
        s.Entries[0].Id.ShouldNotBe(s.Entries[1].Id);
        s.Entries[1].Id.ShouldEndWith("-2");
    }

    [Fact]
    public void Parse_MovementBeforeOpening_IsRejectedNamingTheLine()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cfonb-rent.txt"));
        var text = string.Join("\n", lines.Skip(1));
        var ex = Should.Throw<StatementFormatException>(() => new Cfonb120Parser().Parse(FixtureFiles.Text(text)));
        ex.Location.ShouldBe("line 1");
        ex.Reason.ShouldContain("no 01");
    }

    [Fact]
    public void Parse_BadAmountCharacter_IsRejectedNamingLineAndPositions()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cfonb-rent.txt"));
        lines[1] = lines[1][..103] + "X" + lines[1][104..];
        var ex = Should.Throw<StatementFormatException>(() => new Cfonb120Parser().Parse(FixtureFiles.Text(string.Join("\r\n", lines))));
        ex.Message.ShouldBe("line 2: amount (positions 91-104) is not a CFONB signed amount");
    }

    [Fact]
    public void Parse_FileCutBeforeClosingRecord_IsRejected()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cfonb-rent.txt"));
        var ex = Should.Throw<StatementFormatException>(() => new Cfonb120Parser().Parse(FixtureFiles.Text(string.Join("\n", lines[..^1]))));
        ex.Reason.ShouldContain("before the 07");
    }

    [Fact]
    public void Parse_RecordsWithoutLineBreaks_AreSplitEvery120Characters()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cfonb-rent.txt"));
        var file = new Cfonb120Parser().Parse(FixtureFiles.Text(string.Concat(lines)));
        file.Statements.ShouldHaveSingleItem().Entries.Count.ShouldBe(3);
    }

    [Fact]
    public void Parse_Utf8WithByteOrderMark_ReadsTheFirstRecord()
    {
        var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "cfonb-rent.txt"));
        var file = StatementParser.Parse(FixtureFiles.Text(text, new System.Text.UTF8Encoding(true)).WithPreamble());
        file.Format.ShouldBe("cfonb120");
        file.Statements.ShouldHaveSingleItem().OpeningBalance!.Value.Cents.ShouldBe(100000);
    }
}
