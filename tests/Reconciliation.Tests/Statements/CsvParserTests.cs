using Reconciliation.Statements;
using Reconciliation.Statements.Csv;
using Reconciliation.Tests.Fixtures;

namespace Reconciliation.Tests.Statements;

public sealed class CsvParserTests
{
    [Fact]
    public void ChequeSlip_TwoDeposits_GivesOneEntryPerDepositWithItsCheques()
    {
        using var stream = FixtureFiles.Open("cheque-slip.csv");
        var file = new ChequeSlipParser().Parse(stream);

        var entries = file.Statements.ShouldHaveSingleItem().Entries;
        entries.Select(e => e.Amount.Cents).ShouldBe([80000L, 40000L]);
        entries[0].Transactions.Select(t => t.ChequeNumber).ShouldBe(["8812345", "8812346"]);
        entries[0].Transactions[1].CounterpartyName.ShouldBe("DURAND, PAUL");
        entries[0].BankReference.ShouldBe("0001234");
    }

    [Fact]
    public void ChequeSlip_BadAmount_IsRejectedNamingTheLine()
    {
        var csv = "deposit_number,deposit_date,cheque_number,drawer_name,amount\n1,2026-11-03,5,X,12,30\n1,2026-11-03,6,Y,abc\n";
        var ex = Should.Throw<StatementFormatException>(() => new ChequeSlipParser().Parse(FixtureFiles.Text(csv)));
        ex.Message.ShouldBe("line 3: amount is not a decimal amount with a dot (e.g. 512.30)");
    }

    [Fact]
    public void ChequeSlip_MissingColumn_IsRejected()
    {
        var ex = Should.Throw<StatementFormatException>(() => new ChequeSlipParser().Parse(FixtureFiles.Text("deposit_number,amount\n1,2.00\n")));
        ex.Reason.ShouldContain("deposit_date");
    }

    [Fact]
    public void Eficash_PaymentsOfTwoDays_GivesOneEntryPerDay()
    {
        using var stream = FixtureFiles.Open("eficash.csv");
        var entries = new EficashParser().Parse(stream).Statements[0].Entries;

        entries.Select(e => e.Amount.Cents).ShouldBe([81230L, 35000L]);
        entries[0].Transactions[0].Remittance.ShouldBe(["EF2026110001230051230", "123456/01", "BUREAU PARIS 11"]);
        entries[1].Transactions[0].Reference.ShouldBe("EF2026110004010035000");
    }

    [Fact]
    public void Adyen_SettlementBatch_PayoutIsTheEntryAndPaymentsItsTransactions()
    {
        using var stream = FixtureFiles.Open("adyen-settlement.csv");
        var file = new AdyenSettlementParser().Parse(stream);

        file.Warnings.ShouldBeEmpty(); // 511.10 + 299.30 - 1.00 = 809.40, the payout
        var e = file.Statements[0].Entries.ShouldHaveSingleItem();
        e.Amount.Cents.ShouldBe(80940);
        e.Transactions.Select(t => t.Amount!.Value.Cents).ShouldBe([51230L, 30000L, -100L]);
        e.Transactions[0].Remittance.ShouldContain("2026-11/000123");
    }

    [Fact]
    public void Detect_EachOwnFixture_GivesItsFormat()
    {
        foreach (var (name, format) in new[]
                 {
                     ("cheque-slip.csv", StatementFormat.ChequeSlip), ("eficash.csv", StatementFormat.Eficash),
                     ("adyen-settlement.csv", StatementFormat.AdyenSettlement), ("cfonb-rent.txt", StatementFormat.Cfonb120),
                 })
        {
            using var stream = FixtureFiles.Open(name);
            StatementParser.Detect(stream).ShouldBe(format, name);
        }
    }
}

public sealed class CsvLineNumberTests
{
    [Fact]
    public void Parse_ErrorAfterAQuotedLineBreakAndABlankLine_NamesTheFilesLine()
    {
        var csv = "deposit_number,deposit_date,cheque_number,drawer_name,amount\n" +
                  "0001234,2026-11-03,8812345,\"DUPONT\nMARIE\",512.30\n" +
                  "\n" +
                  "0001234,2026-11-03,8812346,DURAND,12.345\n";
        var ex = Should.Throw<StatementFormatException>(() => new ChequeSlipParser().Parse(FixtureFiles.Text(csv)));
        ex.Location.ShouldBe("line 5");
    }

    [Fact]
    public void Parse_UnclosedQuote_IsRefusedNamingItsLine()
    {
        var csv = "deposit_number,deposit_date,cheque_number,drawer_name,amount\n0001234,2026-11-03,8812345,\"DUPONT,512.30\n";
        var ex = Should.Throw<StatementFormatException>(() => new ChequeSlipParser().Parse(FixtureFiles.Text(csv)));
        ex.Location.ShouldBe("line 2");
    }

    [Fact]
    public void Parse_FieldStartingWithHash_IsDataNotAComment()
    {
        var csv = "remittance_date,barcode,tenant_reference,amount\n2026-11-06,#RF18539007547034,,512.30\n";
        var e = new EficashParser().Parse(FixtureFiles.Text(csv)).Statements[0].Entries.ShouldHaveSingleItem();
        e.Transactions.ShouldHaveSingleItem().Remittance[0].ShouldBe("#RF18539007547034");
    }

    [Fact]
    public void Detect_SettlementReportWhoseTimesLookLikeMt940Tags_IsTheSettlementReport()
    {
        // Found by the benchmark: "10:20:25" holds ":20:" and "07:25:13" holds ":25:", which made it MT940.
        var csv = "Company Account,Merchant Account,Psp Reference,Merchant Reference,Creation Date,Type,Net Currency,Net Debit (NC),Net Credit (NC),Batch Number\n" +
                  "L,LR,881,2026-11/000001,2026-11-03 10:20:25,Settled,EUR,,10.00,7\nL,LR,882,2026-11/000002,2026-11-03 07:25:13,Settled,EUR,,5.00,7\n";
        StatementParser.Detect(FixtureFiles.Text(csv)).ShouldBe(StatementFormat.AdyenSettlement);
    }
}
