using System.Xml;
using NodaTime;
using NodaTime.Text;

namespace Reconciliation.Statements.Writers;

/// <summary>Writes statements as camt.053.001.08 (streamed with an XmlWriter), for generated test and benchmark files.</summary>
public static class Camt053Writer
{
    private const string Ns = "urn:iso:std:iso:20022:tech:xsd:camt.053.001.08";

    public static void Write(TextWriter output, IReadOnlyList<Statement> statements)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(statements);
        using var w = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, CloseOutput = false });
        w.WriteStartDocument();
        w.WriteStartElement("Document", Ns);
        w.WriteStartElement("BkToCstmrStmt", Ns);
        w.WriteStartElement("GrpHdr", Ns);
        w.WriteElementString("MsgId", Ns, "GENERATED");
        w.WriteEndElement();
        var n = 0;
        foreach (var s in statements)
        {
            w.WriteStartElement("Stmt", Ns);
            w.WriteElementString("Id", Ns, "STMT" + (++n).ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteStartElement("Acct", Ns);
            w.WriteStartElement("Id", Ns);
            w.WriteElementString("IBAN", Ns, s.Account);
            w.WriteEndElement();
            w.WriteElementString("Ccy", Ns, s.Currency);
            w.WriteEndElement();
            Balance(w, "OPBD", s.OpeningBalance!.Value.Cents, s.Currency, s.OpeningDate);
            Balance(w, "CLBD", s.ClosingBalance!.Value.Cents, s.Currency, s.ClosingDate);
            foreach (var e in s.Entries) Entry(w, e);
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Entry(XmlWriter w, StatementEntry e)
    {
        w.WriteStartElement("Ntry", Ns);
        Amount(w, e.Amount.Cents, e.Amount.Currency.Code);
        if (e.IsReversal) w.WriteElementString("RvslInd", Ns, "true");
        w.WriteStartElement("Sts", Ns);
        w.WriteElementString("Cd", Ns, "BOOK");
        w.WriteEndElement();
        DateChoice(w, "BookgDt", e.BookingDate);
        DateChoice(w, "ValDt", e.ValueDate);
        if (e.BankReference != null) w.WriteElementString("AcctSvcrRef", Ns, e.BankReference);
        w.WriteStartElement("NtryDtls", Ns);
        w.WriteStartElement("TxDtls", Ns);
        if (e.EndToEndId != null)
        {
            w.WriteStartElement("Refs", Ns);
            w.WriteElementString("EndToEndId", Ns, e.EndToEndId);
            w.WriteEndElement();
        }
        if (e.CounterpartyName != null || e.CounterpartyIban != null)
        {
            var party = e.Amount.Cents >= 0 ? "Dbtr" : "Cdtr";
            w.WriteStartElement("RltdPties", Ns);
            if (e.CounterpartyName != null)
            {
                w.WriteStartElement(party, Ns);
                w.WriteStartElement("Pty", Ns);
                w.WriteElementString("Nm", Ns, e.CounterpartyName);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            if (e.CounterpartyIban != null)
            {
                w.WriteStartElement(party + "Acct", Ns);
                w.WriteStartElement("Id", Ns);
                w.WriteElementString("IBAN", Ns, e.CounterpartyIban);
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteStartElement("RmtInf", Ns);
        foreach (var r in e.Remittance) w.WriteElementString("Ustrd", Ns, r);
        if (e.CreditorReference != null)
        {
            w.WriteStartElement("Strd", Ns);
            w.WriteStartElement("CdtrRefInf", Ns);
            w.WriteElementString("Ref", Ns, e.CreditorReference);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
        if (e.ReturnReason != null)
        {
            w.WriteStartElement("RtrInf", Ns);
            w.WriteStartElement("Rsn", Ns);
            w.WriteElementString("Cd", Ns, e.ReturnReason);
            w.WriteEndElement();
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void Balance(XmlWriter w, string code, long cents, string currency, LocalDate? date)
    {
        w.WriteStartElement("Bal", Ns);
        w.WriteStartElement("Tp", Ns);
        w.WriteStartElement("CdOrPrtry", Ns);
        w.WriteElementString("Cd", Ns, code);
        w.WriteEndElement();
        w.WriteEndElement();
        Amount(w, cents, currency);
        DateChoice(w, "Dt", date);
        w.WriteEndElement();
    }

    private static void Amount(XmlWriter w, long cents, string currency)
    {
        w.WriteStartElement("Amt", Ns);
        w.WriteAttributeString("Ccy", currency);
        w.WriteString(Primitives.Money.FormatCents(Math.Abs(cents)));
        w.WriteEndElement();
        w.WriteElementString("CdtDbtInd", Ns, cents < 0 ? "DBIT" : "CRDT");
    }

    private static void DateChoice(XmlWriter w, string name, LocalDate? date)
    {
        if (date is not { } d) return;
        w.WriteStartElement(name, Ns);
        w.WriteElementString("Dt", Ns, LocalDatePattern.Iso.Format(d));
        w.WriteEndElement();
    }
}
