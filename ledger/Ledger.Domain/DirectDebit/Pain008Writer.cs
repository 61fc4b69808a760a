using System.Globalization;
using System.Text;
using System.Xml;

namespace Ledger.Domain.DirectDebit;

/// <summary>
/// Writes a pain.008.001.08 (SDD Core) collection file, byte for byte a function of its input: debits ordered by
/// EndToEndId inside one PmtInf per sequence type, CreDtTm derived from the collection date (the day before, 00:00 —
/// the latest the D-1 lead time allows — since the clock must not make two runs of the same date differ).
/// </summary>
public static class Pain008Writer
{
    public const string Namespace = "urn:iso:std:iso:20022:tech:xsd:pain.008.001.08";

    public static byte[] Write(CollectionFile file)
    {
        var settings = new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true, IndentChars = "  ", NewLineChars = "\n" };
        using var buffer = new MemoryStream();
        using (var x = XmlWriter.Create(buffer, settings))
        {
            x.WriteStartDocument();
            x.WriteStartElement("Document", Namespace);
            x.WriteStartElement("CstmrDrctDbtInitn");
            x.WriteStartElement("GrpHdr");
            x.WriteElementString("MsgId", file.MessageId);
            x.WriteElementString("CreDtTm", file.CollectionDate.PlusDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "T00:00:00");
            x.WriteElementString("NbOfTxs", file.Debits.Count.ToString(CultureInfo.InvariantCulture));
            x.WriteElementString("CtrlSum", Amount(Sum(file.Debits)));
            x.WriteStartElement("InitgPty");
            x.WriteElementString("Nm", SepaText.Transliterate(file.Creditor.Name, 70));
            x.WriteEndElement();
            x.WriteEndElement();
            foreach (var sequence in CollectionFile.SequenceOrder)
            {
                var debits = file.Debits.Where(d => d.SequenceType == sequence).OrderBy(d => d.EndToEndId, StringComparer.Ordinal).ToList();
                if (debits.Count > 0) WritePaymentInformation(x, file, sequence, debits);
            }
            x.WriteEndElement();
            x.WriteEndElement();
        }
        return buffer.ToArray();
    }

    private static void WritePaymentInformation(XmlWriter x, CollectionFile file, string sequence, List<Debit> debits)
    {
        x.WriteStartElement("PmtInf");
        x.WriteElementString("PmtInfId", $"{file.MessageId[..Math.Min(file.MessageId.Length, 30)]}-{sequence}");
        x.WriteElementString("PmtMtd", "DD");
        x.WriteElementString("NbOfTxs", debits.Count.ToString(CultureInfo.InvariantCulture));
        x.WriteElementString("CtrlSum", Amount(Sum(debits)));
        x.WriteStartElement("PmtTpInf");
        x.WriteStartElement("SvcLvl"); x.WriteElementString("Cd", "SEPA"); x.WriteEndElement();
        x.WriteStartElement("LclInstrm"); x.WriteElementString("Cd", "CORE"); x.WriteEndElement();
        x.WriteElementString("SeqTp", sequence);
        x.WriteEndElement();
        x.WriteElementString("ReqdColltnDt", Date(file.CollectionDate));
        x.WriteStartElement("Cdtr"); x.WriteElementString("Nm", SepaText.Transliterate(file.Creditor.Name, 70)); x.WriteEndElement();
        Account(x, "CdtrAcct", file.Creditor.Iban);
        Agent(x, "CdtrAgt", file.Creditor.Bic);
        x.WriteElementString("ChrgBr", "SLEV");
        x.WriteStartElement("CdtrSchmeId");
        SchemeId(x, file.Creditor.Ics);
        x.WriteEndElement();
        foreach (var d in debits) WriteDebit(x, d);
        x.WriteEndElement();
    }

    private static void WriteDebit(XmlWriter x, Debit d)
    {
        x.WriteStartElement("DrctDbtTxInf");
        x.WriteStartElement("PmtId"); x.WriteElementString("EndToEndId", d.EndToEndId); x.WriteEndElement();
        x.WriteStartElement("InstdAmt"); x.WriteAttributeString("Ccy", "EUR"); x.WriteString(Amount(d.AmountCents)); x.WriteEndElement();
        x.WriteStartElement("DrctDbtTx");
        x.WriteStartElement("MndtRltdInf");
        x.WriteElementString("MndtId", d.Rum);
        x.WriteElementString("DtOfSgntr", Date(d.SignedOn));
        x.WriteElementString("AmdmntInd", d.Amendment is null ? "false" : "true");
        if (d.Amendment is { } a)
        {
            x.WriteStartElement("AmdmntInfDtls");
            if (a.OriginalRum is not null) x.WriteElementString("OrgnlMndtId", a.OriginalRum);
            if (a.OriginalIban is not null) Account(x, "OrgnlDbtrAcct", a.OriginalIban);
            if (a.NewDebtorBank)
            {
                // SMNDA: "same mandate, new debtor agent" — the rulebook's code when the debtor moved to another bank.
                x.WriteStartElement("OrgnlDbtrAgt"); x.WriteStartElement("FinInstnId"); x.WriteStartElement("Othr");
                x.WriteElementString("Id", "SMNDA");
                x.WriteEndElement(); x.WriteEndElement(); x.WriteEndElement();
            }
            x.WriteEndElement();
        }
        x.WriteEndElement();
        x.WriteEndElement();
        Agent(x, "DbtrAgt", d.DebtorBic);
        x.WriteStartElement("Dbtr");
        x.WriteElementString("Nm", SepaText.Transliterate(d.DebtorName, 70));
        x.WriteStartElement("PstlAdr");
        x.WriteElementString("StrtNm", SepaText.Transliterate(d.Address.Street, 70));
        if (d.Address.BuildingNumber.Length > 0) x.WriteElementString("BldgNb", d.Address.BuildingNumber);
        x.WriteElementString("PstCd", d.Address.PostCode);
        x.WriteElementString("TwnNm", SepaText.Transliterate(d.Address.TownName, 35));
        x.WriteElementString("Ctry", d.Address.Country);
        x.WriteEndElement();
        x.WriteEndElement();
        Account(x, "DbtrAcct", d.DebtorIban);
        x.WriteStartElement("RmtInf"); x.WriteElementString("Ustrd", SepaText.Transliterate(d.Remittance, 140)); x.WriteEndElement();
        x.WriteEndElement();
    }

    private static void SchemeId(XmlWriter x, string ics)
    {
        x.WriteStartElement("Id"); x.WriteStartElement("PrvtId"); x.WriteStartElement("Othr");
        x.WriteElementString("Id", ics);
        x.WriteStartElement("SchmeNm"); x.WriteElementString("Prtry", "SEPA"); x.WriteEndElement();
        x.WriteEndElement(); x.WriteEndElement(); x.WriteEndElement();
    }

    private static void Account(XmlWriter x, string element, string iban)
    {
        x.WriteStartElement(element); x.WriteStartElement("Id"); x.WriteElementString("IBAN", iban); x.WriteEndElement(); x.WriteEndElement();
    }

    // Without a BIC (optional since the IBAN-only rule), the EPC guidelines ask for Othr/Id "NOTPROVIDED".
    private static void Agent(XmlWriter x, string element, string? bic)
    {
        x.WriteStartElement(element); x.WriteStartElement("FinInstnId");
        if (bic is not null) x.WriteElementString("BICFI", bic);
        else { x.WriteStartElement("Othr"); x.WriteElementString("Id", "NOTPROVIDED"); x.WriteEndElement(); }
        x.WriteEndElement(); x.WriteEndElement();
    }

    private static long Sum(IEnumerable<Debit> debits) => debits.Aggregate(0L, (s, d) => checked(s + d.AmountCents));

    private static string Amount(long cents) => (cents / 100).ToString(CultureInfo.InvariantCulture) + "." + (cents % 100).ToString("00", CultureInfo.InvariantCulture);

    private static string Date(NodaTime.LocalDate date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
