using System.Globalization;
using System.Xml;
using NodaTime;
using Primitives;

namespace RentGenerator.Writers;

/// <summary>
/// camt.053.001.08 (daily statements with OPBD/CLBD balances) and camt.054.001.08 (the detail of the collection batches the
/// statement books as one credit), streamed with an XmlWriter in the XSD's element order. Dates come from the data, never the clock.
/// </summary>
public static class CamtFile
{
    private const string Ns053 = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";
    private const string Ns054 = "urn:iso:std:iso:20022:tech:xsd:camt.054.001.08";

    public static void WriteStatements(TextWriter output, string iban, IReadOnlyList<DayStatement> days, bool breakLast = false)
    {
        using var w = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, CloseOutput = false });
        w.WriteStartDocument();
        w.WriteStartElement("Document", Ns053);
        w.WriteStartElement("BkToCstmrStmt");
        Header(w, "STMT" + (days.Count > 0 ? days[0].Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture) : "EMPTY"), days.Count > 0 ? days[^1].Date : default);
        for (var i = 0; i < days.Count; i++)
        {
            var s = days[i];
            w.WriteStartElement("Stmt");
            w.WriteElementString("Id", "STMT" + s.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture));
            w.WriteElementString("ElctrncSeqNb", (i + 1).ToString(CultureInfo.InvariantCulture));
            w.WriteElementString("CreDtTm", DateTime(s.Date));
            Account(w, iban);
            Balance(w, "OPBD", s.Opening, s.Date);
            Balance(w, "CLBD", breakLast && i == days.Count - 1 ? s.Closing + 1 : s.Closing, s.Date);
            foreach (var e in s.Entries) Entry(w, e, withDetails: true);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>One notification per collection batch, each with its transactions: what a bank sends beside CFONB 120 or MT940.</summary>
    public static void WriteBatchDetails(TextWriter output, string iban, IReadOnlyList<BankEntry> batches)
    {
        using var w = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, CloseOutput = false });
        w.WriteStartDocument();
        w.WriteStartElement("Document", Ns054);
        w.WriteStartElement("BkToCstmrDbtCdtNtfctn");
        Header(w, "NTFCTN" + (batches.Count > 0 ? batches[0].BankReference : "EMPTY"), batches.Count > 0 ? batches[^1].Date : default);
        foreach (var b in batches)
        {
            w.WriteStartElement("Ntfctn");
            w.WriteElementString("Id", "NTF" + b.BankReference);
            w.WriteElementString("CreDtTm", DateTime(b.Date));
            Account(w, iban);
            Entry(w, b, withDetails: true);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Header(XmlWriter w, string id, LocalDate date)
    {
        w.WriteStartElement("GrpHdr");
        w.WriteElementString("MsgId", id);
        w.WriteElementString("CreDtTm", DateTime(date));
        w.WriteEndElement();
    }

    private static void Account(XmlWriter w, string iban)
    {
        w.WriteStartElement("Acct");
        w.WriteStartElement("Id");
        w.WriteElementString("IBAN", iban);
        w.WriteEndElement();
        w.WriteElementString("Ccy", "EUR");
        w.WriteStartElement("Svcr");
        w.WriteStartElement("FinInstnId");
        w.WriteElementString("BICFI", GenLandlord.Bic);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Entry(XmlWriter w, BankEntry e, bool withDetails)
    {
        w.WriteStartElement("Ntry");
        Amount(w, e.Cents);
        if (e.Reversal) w.WriteElementString("RvslInd", "true");
        w.WriteStartElement("Sts");
        w.WriteElementString("Cd", "BOOK");
        w.WriteEndElement();
        DateChoice(w, "BookgDt", e.Date);
        DateChoice(w, "ValDt", e.ValueDate == default ? e.Date : e.ValueDate);
        w.WriteElementString("AcctSvcrRef", e.BankReference);
        Btc(w, e.Btc);
        var txs = e.Transactions.Count > 0 && withDetails && e.DetailFile == "sdd-batches.camt054.xml" ? e.Transactions : null;
        w.WriteStartElement("NtryDtls");
        if (txs != null)
        {
            w.WriteStartElement("Btch");
            w.WriteElementString("PmtInfId", e.Number ?? e.BankReference);
            w.WriteElementString("NbOfTxs", txs.Count.ToString(CultureInfo.InvariantCulture));
            w.WriteStartElement("TtlAmt");
            w.WriteAttributeString("Ccy", "EUR");
            w.WriteString(Money.FormatCents(Math.Abs(e.Cents)));
            w.WriteEndElement();
            w.WriteElementString("CdtDbtInd", e.Cents < 0 ? "DBIT" : "CRDT");
            w.WriteEndElement();
            foreach (var t in txs) Tx(w, t.Cents, t.EndToEndId, t.MandateReference, null, t.Name, t.Iban, t.Texts, t.CreditorReference, t.ReturnReason);
        }
        else if (e.Kind != EntryKinds.Batch)
        {
            Tx(w, e.Cents, e.EndToEndId ?? "NOTPROVIDED", e.MandateReference, e.Number, e.Name, e.Iban, e.Texts, e.CreditorReference, e.ReturnReason);
        }
        w.WriteEndElement();
        var info = e.Kind == EntryKinds.Batch && txs == null ? e.Label + " " + string.Join(' ', e.Texts) : e.Label;
        w.WriteElementString("AddtlNtryInf", info);
        w.WriteEndElement();
    }

    private static void Tx(XmlWriter w, long cents, string? e2e, string? mandate, string? cheque, string? name, string? iban,
        IReadOnlyList<string> texts, string? rf, string? returnReason)
    {
        w.WriteStartElement("TxDtls");
        w.WriteStartElement("Refs");
        w.WriteElementString("EndToEndId", e2e ?? "NOTPROVIDED");
        if (mandate != null) w.WriteElementString("MndtId", mandate);
        if (cheque != null) w.WriteElementString("ChqNb", cheque);
        w.WriteEndElement();
        Amount(w, cents);
        if (name != null || iban != null)
        {
            // The counterparty: the payer of a credit (Dbtr), the payee of a debit (Cdtr), as the parser reads them.
            var party = cents >= 0 ? "Dbtr" : "Cdtr";
            w.WriteStartElement("RltdPties");
            if (name != null)
            {
                w.WriteStartElement(party);
                w.WriteStartElement("Pty");
                w.WriteElementString("Nm", name);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            if (iban != null)
            {
                w.WriteStartElement(party + "Acct");
                w.WriteStartElement("Id");
                w.WriteElementString("IBAN", iban);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        if (texts.Count > 0 || rf != null)
        {
            w.WriteStartElement("RmtInf");
            foreach (var t in texts) w.WriteElementString("Ustrd", t.Length > 140 ? t[..140] : t);
            if (rf != null)
            {
                w.WriteStartElement("Strd");
                w.WriteStartElement("CdtrRefInf");
                w.WriteStartElement("Tp");
                w.WriteStartElement("CdOrPrtry");
                w.WriteElementString("Cd", "SCOR");
                w.WriteEndElement();
                w.WriteElementString("Issr", "ISO");
                w.WriteEndElement();
                w.WriteElementString("Ref", rf);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        if (returnReason != null)
        {
            w.WriteStartElement("RtrInf");
            w.WriteStartElement("Rsn");
            w.WriteElementString("Cd", returnReason);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
    }

    private static void Btc(XmlWriter w, string btc)
    {
        var p = btc.Split('/');
        w.WriteStartElement("BkTxCd");
        w.WriteStartElement("Domn");
        w.WriteElementString("Cd", p[0]);
        w.WriteStartElement("Fmly");
        w.WriteElementString("Cd", p[1]);
        w.WriteElementString("SubFmlyCd", p[2]);
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Balance(XmlWriter w, string code, long cents, LocalDate date)
    {
        w.WriteStartElement("Bal");
        w.WriteStartElement("Tp");
        w.WriteStartElement("CdOrPrtry");
        w.WriteElementString("Cd", code);
        w.WriteEndElement();
        w.WriteEndElement();
        Amount(w, cents);
        DateChoice(w, "Dt", date);
        w.WriteEndElement();
    }

    private static void Amount(XmlWriter w, long cents)
    {
        w.WriteStartElement("Amt");
        w.WriteAttributeString("Ccy", "EUR");
        w.WriteString(Money.FormatCents(Math.Abs(cents)));
        w.WriteEndElement();
        w.WriteElementString("CdtDbtInd", cents < 0 ? "DBIT" : "CRDT");
    }

    private static void DateChoice(XmlWriter w, string name, LocalDate date)
    {
        w.WriteStartElement(name);
        w.WriteElementString("Dt", date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        w.WriteEndElement();
    }

    private static string DateTime(LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T18:00:00+01:00";
}
