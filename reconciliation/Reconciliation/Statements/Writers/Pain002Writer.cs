using System.Globalization;
using System.Xml;
using NodaTime;
using Primitives;
using Reconciliation.Statements.Pain002;

namespace Reconciliation.Statements.Writers;

/// <summary>
/// Writes a pain.002 status report (001.10, or 001.03 in its EPC subset) as a bank would send it back on one of our
/// collection files: for the tests and the end-to-end acceptance, never for a bank. Transactions are grouped by their
/// <see cref="Pain002Transaction.PaymentInformationId"/> in order; the report's date is written as its <c>CreDtTm</c>.
/// </summary>
public static class Pain002Writer
{
    public static void Write(TextWriter output, Pain002Report report, string version = "10")
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(report);
        var ns = "urn:iso:std:iso:20022:tech:xsd:pain.002.001." + version;
        using var w = XmlWriter.Create(output, new XmlWriterSettings { Indent = true, CloseOutput = false });
        w.WriteStartDocument();
        w.WriteStartElement("Document", ns);
        w.WriteStartElement("CstmrPmtStsRpt", ns);
        w.WriteStartElement("GrpHdr", ns);
        w.WriteElementString("MsgId", ns, report.MessageId);
        w.WriteElementString("CreDtTm", ns, Iso(report.CreatedOn) + "T09:00:00");
        w.WriteEndElement();
        w.WriteStartElement("OrgnlGrpInfAndSts", ns);
        w.WriteElementString("OrgnlMsgId", ns, report.OriginalMessageId);
        w.WriteElementString("OrgnlMsgNmId", ns, report.OriginalMessageName);
        if (report.GroupStatus is { } gs) w.WriteElementString("GrpSts", ns, gs);
        if (report.GroupReason is { } gr) Reason(w, ns, gr, proprietary: false);
        w.WriteEndElement();
        foreach (var payment in report.Transactions.GroupBy(t => t.PaymentInformationId ?? "PMTINF-1"))
        {
            w.WriteStartElement("OrgnlPmtInfAndSts", ns);
            w.WriteElementString("OrgnlPmtInfId", ns, payment.Key);
            foreach (var t in payment)
            {
                w.WriteStartElement("TxInfAndSts", ns);
                w.WriteElementString("OrgnlEndToEndId", ns, t.EndToEndId);
                w.WriteElementString("TxSts", ns, t.Status);
                if (t.ReasonCode is { } code) Reason(w, ns, code, t.ProprietaryReason);
                w.WriteStartElement("OrgnlTxRef", ns);
                if (t.Amount is { } amount)
                {
                    w.WriteStartElement("Amt", ns);
                    w.WriteStartElement("InstdAmt", ns);
                    w.WriteAttributeString("Ccy", amount.Currency.Code);
                    w.WriteString(Money.FormatCents(amount.Cents));
                    w.WriteEndElement();
                    w.WriteEndElement();
                }
                if (t.CollectionDate is { } d) w.WriteElementString("ReqdColltnDt", ns, Iso(d));
                w.WriteEndElement();
                w.WriteEndElement();
            }
            w.WriteEndElement();
        }
        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndDocument();
    }

    private static void Reason(XmlWriter w, string ns, string code, bool proprietary)
    {
        w.WriteStartElement("StsRsnInf", ns);
        w.WriteStartElement("Rsn", ns);
        w.WriteElementString(proprietary ? "Prtry" : "Cd", ns, code);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static string Iso(LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
