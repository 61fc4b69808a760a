using System.Text;
using Reconciliation.Statements;
using Reconciliation.Statements.Camt;
using Reconciliation.Tests.Fixtures;

namespace Reconciliation.Tests.Statements;

public sealed class CamtParserTests
{
    private const string Head = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

    private static string Doc(string version, string entries, string balances = "") =>
        Head + $"<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.053.001.{version}\"><BkToCstmrStmt><GrpHdr><MsgId>M</MsgId></GrpHdr>" +
        $"<Stmt><Id>S</Id><Acct><Id><IBAN>FR7630004000010001234567890</IBAN></Id><Ccy>EUR</Ccy></Acct>{balances}{entries}</Stmt></BkToCstmrStmt></Document>";

    private static string Bal(string code, string amount, string ind) =>
        $"<Bal><Tp><CdOrPrtry><Cd>{code}</Cd></CdOrPrtry></Tp><Amt Ccy=\"EUR\">{amount}</Amt><CdtDbtInd>{ind}</CdtDbtInd><Dt><Dt>2026-11-01</Dt></Dt></Bal>";

    private const string V08Credit =
        "<Ntry><Amt Ccy=\"EUR\">512.30</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts><Cd>BOOK</Cd></Sts><BookgDt><DtTm>2026-11-02T10:00:00+01:00</DtTm></BookgDt>" +
        "<ValDt><Dt>2026-11-02</Dt></ValDt><AcctSvcrRef>BR1</AcctSvcrRef><BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>RCDT</Cd><SubFmlyCd>ESCT</SubFmlyCd></Fmly></Domn></BkTxCd>" +
        "<NtryDtls><TxDtls><Refs><EndToEndId>E2E-1</EndToEndId></Refs><RltdPties><Dbtr><Pty><Nm>Marie Dupont</Nm></Pty></Dbtr><DbtrAcct><Id><IBAN>FR1420041010050500013M02606</IBAN></Id></DbtrAcct></RltdPties>" +
        "<RmtInf><Ustrd>LOYER</Ustrd><Strd><CdtrRefInf><Tp><CdOrPrtry><Cd>SCOR</Cd></CdOrPrtry></Tp><Ref>RF18539007547034</Ref></CdtrRefInf></Strd></RmtInf></TxDtls></NtryDtls></Ntry>";

    [Fact]
    public void Parse_V08Entry_ReadsPartyUnderPtyStatusCodeAndStructuredReference()
    {
        var file = new CamtParser().Parse(FixtureFiles.Text(Doc("08", V08Credit, Bal("OPBD", "100.00", "CRDT") + Bal("CLBD", "612.30", "CRDT"))));

        file.Warnings.ShouldBeEmpty();
        var e = file.Statements.ShouldHaveSingleItem().Entries.ShouldHaveSingleItem();
        e.Amount.Cents.ShouldBe(51230);
        e.CounterpartyName.ShouldBe("Marie Dupont");
        e.CounterpartyIban.ShouldBe("FR1420041010050500013M02606");
        e.CreditorReference.ShouldBe("RF18539007547034");
        e.EndToEndId.ShouldBe("E2E-1");
        e.BankTransactionCode.ShouldBe("PMNT/RCDT/ESCT");
        e.BookingDate.ShouldBe(new NodaTime.LocalDate(2026, 11, 2));
    }

    [Fact]
    public void Parse_ReturnedDirectDebitBatch_KeepsEachTransactionAndItsReason()
    {
        var batch =
            "<Ntry><Amt Ccy=\"EUR\">30.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts><BookgDt><Dt>2026-11-05</Dt></BookgDt>" +
            "<NtryDtls><Btch><NbOfTxs>2</NbOfTxs></Btch>" +
            "<TxDtls><Refs><EndToEndId>A</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy=\"EUR\">10.00</Amt></TxAmt></AmtDtls><RtrInf><Rsn><Cd>AC06</Cd></Rsn></RtrInf></TxDtls>" +
            "<TxDtls><Refs><EndToEndId>B</EndToEndId></Refs><AmtDtls><TxAmt><Amt Ccy=\"EUR\">20.00</Amt></TxAmt></AmtDtls><RtrInf><Rsn><Cd>AM04</Cd></Rsn></RtrInf></TxDtls>" +
            "</NtryDtls></Ntry>";
        var e = new CamtParser().Parse(FixtureFiles.Text(Doc("02", batch))).Statements[0].Entries.ShouldHaveSingleItem();

        e.IsReversal.ShouldBeTrue();
        e.Transactions.Select(t => t.Amount!.Value.Cents).ShouldBe([-1000, -2000]);
        e.Transactions.Select(t => t.ReturnReason).ShouldBe(["AC06", "AM04"]);
    }

    [Fact]
    public void Parse_DocumentWithDtd_IsRefused()
    {
        var xml = Head + "<!DOCTYPE Document [<!ENTITY x \"boom\">]>" + Doc("02", "")[Head.Length..];
        var ex = Should.Throw<StatementFormatException>(() => new CamtParser().Parse(FixtureFiles.Text(xml)));
        ex.Reason.ShouldContain("DTD");
    }

    [Fact]
    public void Parse_AmountWithFractionOfACent_IsRejectedNamingTheElement()
    {
        var bad = V08Credit.Replace("512.30", "512.305", StringComparison.Ordinal);
        var ex = Should.Throw<StatementFormatException>(() => new CamtParser().Parse(FixtureFiles.Text(Doc("08", bad))));
        ex.Location.ShouldContain("Ntry/Amt");
    }

    [Fact]
    public void Parse_MissingCreditDebitIndicator_IsRejected()
    {
        var bad = V08Credit.Replace("<CdtDbtInd>CRDT</CdtDbtInd>", "", StringComparison.Ordinal);
        Should.Throw<StatementFormatException>(() => new CamtParser().Parse(FixtureFiles.Text(Doc("08", bad)))).Location.ShouldContain("CdtDbtInd");
    }

    [Fact]
    public void Parse_Latin1DeclaredDocument_ReadsAccents()
    {
        var xml = Doc("02", V08Credit.Replace("Marie Dupont", "Hélène Noël", StringComparison.Ordinal)).Replace("UTF-8", "ISO-8859-1", StringComparison.Ordinal);
        var e = new CamtParser().Parse(FixtureFiles.Text(xml, Encoding.Latin1)).Statements[0].Entries[0];
        e.CounterpartyName.ShouldBe("Hélène Noël");
    }

    [Fact]
    public void Parse_UnbalancedStatement_WarnsButReturnsTheEntries()
    {
        var file = new CamtParser().Parse(FixtureFiles.Text(Doc("08", V08Credit, Bal("OPBD", "100.00", "CRDT") + Bal("CLBD", "600.00", "CRDT"))));
        file.Warnings.ShouldHaveSingleItem().ShouldContain("closing balance is 600.00");
        file.Statements[0].Entries.Count.ShouldBe(1);
    }
}
