using System.Text;
using System.Xml;
using System.Xml.Schema;
using NodaTime;
using Primitives;
using Reconciliation.Statements;
using Reconciliation.Statements.Pain002;
using Reconciliation.Statements.Writers;
using Reconciliation.Tests.Conformance;
using Reconciliation.Tests.Fixtures;

namespace Reconciliation.Tests.Statements;

public sealed class Pain002ParserTests
{
    private static readonly LocalDate Day = new(2026, 12, 3);

    /// <summary>A report on collection file SDD-2026-12-05 rejecting three debits (one under its own PmtInf).</summary>
    public static Pain002Report ThreeRejects(string? groupStatus = "PART") => new("PAIN002-0001", Day, "SDD-2026-12-05", "pain.008.001.08", groupStatus, null,
    [
        new("PMT-RCUR-1", "2026-12-000001", "RJCT", "AM04", false, Money.Eur(512_30), new LocalDate(2026, 12, 5), Day),
        new("PMT-RCUR-1", "2026-12-000002", "RJCT", "AC04", false, Money.Eur(287_70), new LocalDate(2026, 12, 5), Day),
        new("PMT-FRST-1", "2026-12-000003", "RJCT", "MD01", false, Money.Eur(401_00), new LocalDate(2026, 12, 5), Day),
    ]);

    private static string Xml(Pain002Report report, string version = "10")
    {
        var w = new StringWriter();
        Pain002Writer.Write(w, report, version);
        return w.ToString();
    }

    private static Pain002Report Parse(string xml) => Pain002Parser.Parse(FixtureFiles.Text(xml));

    private static StatementFormatException Refused(string xml) => Should.Throw<StatementFormatException>(() => Parse(xml));

    private static void Validate(string xml, string xsd)
    {
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, DtdProcessing = DtdProcessing.Prohibit };
        settings.Schemas.Add(null, SharedSamples.Xsd(xsd));
        var errors = new List<string>();
        settings.ValidationEventHandler += (_, e) => errors.Add(e.Message);
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read()) { }
        errors.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_V10PartialReportOfThreeRejects_ReadsEachRejectWithItsReasonAmountAndDates()
    {
        var xml = Xml(ThreeRejects());
        Validate(xml, "pain.002.001.10.xsd");

        var report = Parse(xml);

        report.MessageId.ShouldBe("PAIN002-0001");
        report.OriginalMessageId.ShouldBe("SDD-2026-12-05");
        report.OriginalMessageName.ShouldBe("pain.008.001.08");
        report.GroupStatus.ShouldBe("PART");
        report.CreatedOn.ShouldBe(Day);
        report.Rejects.Select(r => (r.EndToEndId, r.ReasonCode, r.Amount!.Value.Cents, r.PaymentInformationId))
            .ShouldBe([("2026-12-000001", "AM04", 512_30L, "PMT-RCUR-1"), ("2026-12-000002", "AC04", 287_70L, "PMT-RCUR-1"), ("2026-12-000003", "MD01", 401_00L, "PMT-FRST-1")]);
        report.Rejects.ShouldAllBe(r => r.RejectedOn == Day && r.CollectionDate == new LocalDate(2026, 12, 5) && !r.ProprietaryReason);
        report.WholeFileRejectedUnnamed.ShouldBeFalse();
    }

    [Fact]
    public void Parse_V03EpcSubset_ReadsTheSameRejects()
    {
        var xml = Xml(ThreeRejects(groupStatus: null), "03");
        Validate(xml, "pain.002.001.03.dk-sepa.xsd");

        Parse(xml).Rejects.Select(r => r.EndToEndId).ShouldBe(["2026-12-000001", "2026-12-000002", "2026-12-000003"]);
    }

    [Fact]
    public void Parse_ProprietaryReasonAndStatusInheritedFromPaymentInformation_AreKept()
    {
        var full = Xml(ThreeRejects()).Replace("<OrgnlPmtInfId>PMT-FRST-1</OrgnlPmtInfId>", "<OrgnlPmtInfId>PMT-FRST-1</OrgnlPmtInfId><PmtInfSts>RJCT</PmtInfSts>", StringComparison.Ordinal);
        var at = full.IndexOf("2026-12-000003", StringComparison.Ordinal);
        var xml = full[..at] + full[at..].Replace("<TxSts>RJCT</TxSts>", "", StringComparison.Ordinal).Replace("<Cd>MD01</Cd>", "<Prtry>BANQUE-12</Prtry>", StringComparison.Ordinal);
        xml.ShouldContain("BANQUE-12");

        var third = Parse(xml).Rejects.Last();

        third.Status.ShouldBe("RJCT");
        third.ReasonCode.ShouldBe("BANQUE-12");
        third.ProprietaryReason.ShouldBeTrue();
    }

    [Fact]
    public void Parse_AcceptedTransactions_AreNotRejects()
    {
        var report = ThreeRejects() with { Transactions = [ThreeRejects().Transactions[0] with { Status = "ACCP", ReasonCode = null }] };

        var parsed = Parse(Xml(report));

        parsed.Transactions.ShouldHaveSingleItem().Status.ShouldBe("ACCP");
        parsed.Rejects.ShouldBeEmpty();
    }

    [Fact]
    public void Parse_WholeFileRejectedWithoutTransactions_SaysSo()
    {
        var report = Parse(Xml(new Pain002Report("P2", Day, "SDD-1", "pain.008.001.08", "RJCT", "FF01", [])));

        report.WholeFileRejectedUnnamed.ShouldBeTrue();
        report.GroupReason.ShouldBe("FF01");
    }

    [Theory]
    [InlineData("<OrgnlEndToEndId>2026-12-000002</OrgnlEndToEndId>", "", "TxInfAndSts/OrgnlEndToEndId", "missing")]
    [InlineData("<OrgnlEndToEndId>2026-12-000002</OrgnlEndToEndId>", "<OrgnlEndToEndId>2026-12-000001</OrgnlEndToEndId>", "TxInfAndSts/OrgnlEndToEndId", "twice")]
    [InlineData("<OrgnlEndToEndId>2026-12-000002</OrgnlEndToEndId>", "<OrgnlEndToEndId>0123456789012345678901234567890123456</OrgnlEndToEndId>", "TxInfAndSts/OrgnlEndToEndId", "35")]
    [InlineData("<Cd>AC04</Cd>", "<Cd>ac4</Cd>", "TxInfAndSts/StsRsnInf/Rsn/Cd", "four")]
    [InlineData("<Cd>AC04</Cd>", "", "TxInfAndSts/StsRsnInf/Rsn", "neither Cd nor Prtry")]
    [InlineData("<Cd>AC04</Cd>", "<Prtry>0123456789012345678901234567890123456</Prtry>", "TxInfAndSts/StsRsnInf/Rsn/Prtry", "35")]
    [InlineData("<TxSts>RJCT</TxSts>", "<TxSts>PART</TxSts>", "TxInfAndSts/TxSts", "PART")]
    [InlineData("<TxSts>RJCT</TxSts>", "<TxSts>NOPE</TxSts>", "TxInfAndSts/TxSts", "status")]
    [InlineData("<GrpSts>PART</GrpSts>", "<GrpSts>XXXX</GrpSts>", "OrgnlGrpInfAndSts/GrpSts", "status")]
    [InlineData(">287.70<", ">287.705<", "TxInfAndSts/OrgnlTxRef/Amt/InstdAmt", "decimal")]
    [InlineData(">287.70<", ">0.00<", "TxInfAndSts/OrgnlTxRef/Amt/InstdAmt", "zero")]
    [InlineData("Ccy=\"EUR\">287.70", "Ccy=\"E\">287.70", "TxInfAndSts/OrgnlTxRef/Amt/InstdAmt@Ccy", "ISO 4217")]
    [InlineData("<ReqdColltnDt>2026-12-05</ReqdColltnDt>", "<ReqdColltnDt>05/12/2026</ReqdColltnDt>", "TxInfAndSts/OrgnlTxRef/ReqdColltnDt", "YYYY-MM-DD")]
    [InlineData("<MsgId>PAIN002-0001</MsgId>", "", "GrpHdr/MsgId", "missing")]
    [InlineData("<CreDtTm>2026-12-03T09:00:00</CreDtTm>", "", "GrpHdr/CreDtTm", "missing")]
    [InlineData("<OrgnlMsgId>SDD-2026-12-05</OrgnlMsgId>", "", "OrgnlGrpInfAndSts/OrgnlMsgId", "missing")]
    [InlineData("<OrgnlPmtInfId>PMT-FRST-1</OrgnlPmtInfId>", "", "OrgnlPmtInfAndSts", "OrgnlPmtInfId")]
    [InlineData("pain.002.001.10", "pain.002.001.05", "Document", "namespace")]
    public void Parse_BadElement_IsRefusedWholeNamingIt(string find, string replace, string element, string reason)
    {
        var xml = Xml(ThreeRejects());
        xml.ShouldContain(find);

        var e = Refused(xml.Replace(find, replace, StringComparison.Ordinal));

        e.Location.ShouldContain("element " + element);
        e.Reason.ShouldContain(reason);
    }

    [Fact]
    public void Parse_RejectWithoutAnyReason_IsRefused()
    {
        var xml = Xml(ThreeRejects());
        var start = xml.IndexOf("<StsRsnInf>", StringComparison.Ordinal);
        var end = xml.IndexOf("</StsRsnInf>", start, StringComparison.Ordinal) + "</StsRsnInf>".Length;

        var line = xml.Split('\n').ToList().FindIndex(l => l.Contains("2026-12-000001", StringComparison.Ordinal));

        var e = Refused(xml.Remove(start, end - start));

        e.Location.ShouldBe($"line {line}, element TxInfAndSts/StsRsnInf/Rsn");
        e.Reason.ShouldContain("no reason");
    }

    [Fact]
    public void Parse_BadLine_NamesTheLineOfItsTransaction()
    {
        var xml = Xml(ThreeRejects()).Replace("<Cd>MD01</Cd>", "<Cd>M1</Cd>", StringComparison.Ordinal);
        var line = xml.Split('\n').ToList().FindIndex(l => l.Contains("2026-12-000003", StringComparison.Ordinal));

        Refused(xml).Location.ShouldBe($"line {line}, element TxInfAndSts/StsRsnInf/Rsn/Cd");
    }

    [Fact]
    public void Parse_DocumentWithDtdOrNotXml_IsRefusedWithTheLine()
    {
        var xml = Xml(ThreeRejects());
        var withDtd = xml.Insert(xml.IndexOf("<Document", StringComparison.Ordinal), "<!DOCTYPE Document [<!ENTITY x \"boom\">]>");

        Refused(withDtd).Reason.ShouldContain("DTD");
        Refused(xml[..(xml.Length / 2)]).Location.ShouldStartWith("line ");
    }

    [Fact]
    public void Parse_Camt054OrStatement_IsNotAPain002()
    {
        var camt = "<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:camt.054.001.08\"><BkToCstmrDbtCdtNtfctn/></Document>";

        Refused(camt).Reason.ShouldContain("pain.002");
        Pain002Parser.Looks(FixtureFiles.Text(camt)).ShouldBeFalse();
        Pain002Parser.Looks(FixtureFiles.Text(Xml(ThreeRejects()))).ShouldBeTrue();
    }

    [Fact]
    public void Parse_Utf16WithBom_ReadsTheSame()
    {
        var bytes = new UnicodeEncoding(false, true).GetPreamble().Concat(Encoding.Unicode.GetBytes(Xml(ThreeRejects()).Replace("utf-16", "UTF-16", StringComparison.Ordinal))).ToArray();

        Pain002Parser.Parse(new MemoryStream(bytes)).Rejects.Count().ShouldBe(3);
    }
}
