using System.Text;
using System.Xml;
using System.Xml.Linq;
using NodaTime;
using Primitives;
using Reconciliation.Statements.Camt;

namespace Reconciliation.Statements.Pain002;

/// <summary>
/// Reads a pain.002 payment status report, versions 001.03 (the EPC/DK SEPA subset) and 001.10, with an
/// <see cref="XmlReader"/>: the group header and the original group are read whole (they are small), then each
/// <c>TxInfAndSts</c> alone, so a report on a 100,000-debit file never becomes a DOM. Like the statement parsers, a bad
/// element rejects the whole file with a <see cref="StatementFormatException"/> naming it; nothing is half-returned.
/// </summary>
public static class Pain002Parser
{
    private const string Namespace = "urn:iso:std:iso:20022:tech:xsd:pain.002.001.";
    private static readonly string[] Versions = ["03", "10"];

    // ExternalPaymentGroupStatus1Code / ExternalPaymentTransactionStatus1Code (ISO external code list, 2019 and later).
    private static readonly HashSet<string> GroupStatuses = new(StringComparer.Ordinal)
    {
        "ACCP", "ACSC", "ACSP", "ACTC", "ACWC", "ACWP", "ACFC", "PART", "PDNG", "RCVD", "RJCT", "CANC", "PATC", "ACCC", "BLCK",
    };

    /// <summary>Whether the first 4 KB look like a pain.002 (the stream must be seekable; it is rewound).</summary>
    public static bool Looks(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        if (!stream.CanSeek) return false;
        var start = stream.Position;
        var buffer = new byte[4096];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = start;
        var head = Encoding.Latin1.GetString(buffer, 0, read);
        return head.Contains(Namespace, StringComparison.Ordinal) || head.Contains("CstmrPmtStsRpt", StringComparison.Ordinal);
    }

    public static Pain002Report Parse(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var text = TextInput.Open(stream);
        try
        {
            using var reader = XmlReader.Create(text, Xml.SafeSettings());
            return Read(reader);
        }
        catch (XmlException ex)
        {
            throw new StatementFormatException($"line {ex.LineNumber}", "not well-formed XML or DTD present: " + ex.Message, ex);
        }
    }

    private static Pain002Report Read(XmlReader reader)
    {
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Document")
            throw new StatementFormatException(Loc(reader, "Document"), "root element is not an ISO 20022 Document");
        var ns = reader.NamespaceURI;
        if (!ns.StartsWith(Namespace, StringComparison.Ordinal) || !Versions.Contains(ns[Namespace.Length..], StringComparer.Ordinal))
            throw new StatementFormatException(Loc(reader, "Document"), "namespace is not pain.002.001.03 or pain.002.001.10");
        if (!reader.Read() || reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "CstmrPmtStsRpt")
            throw new StatementFormatException(Loc(reader, "Document"), "CstmrPmtStsRpt is missing");
        var depth = reader.Depth;
        XElement? header = null, group = null;
        Head? head = null;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var transactions = new List<Pain002Transaction>();
        reader.Read();
        while (!(reader.Depth == depth && reader.NodeType == XmlNodeType.EndElement) && !reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element) { reader.Read(); continue; }
            switch (reader.LocalName)
            {
                case "GrpHdr": header = Element(reader, out _); break;
                case "OrgnlGrpInfAndSts":
                    if (header is null) throw new StatementFormatException(Loc(reader, "OrgnlGrpInfAndSts"), "GrpHdr must come first");
                    group = Element(reader, out _);
                    head = HeadOf(header, group);
                    break;
                case "OrgnlPmtInfAndSts":
                    // The schema's order (group, then payments): each transaction is decided as it is read, never kept as XML.
                    if (head is null) throw new StatementFormatException(Loc(reader, "OrgnlPmtInfAndSts"), "OrgnlGrpInfAndSts must come before OrgnlPmtInfAndSts");
                    Payment(reader, head, t =>
                    {
                        if (!seen.Add(t.Tx.EndToEndId))
                            throw new StatementFormatException(At(t.Line, "TxInfAndSts/OrgnlEndToEndId"), $"OrgnlEndToEndId {t.Tx.EndToEndId} appears twice in the report");
                        transactions.Add(t.Tx);
                    });
                    break;
                default: reader.Skip(); break;
            }
        }
        if (header is null) throw new StatementFormatException("element CstmrPmtStsRpt", "GrpHdr is missing");
        if (head is null) throw new StatementFormatException("element CstmrPmtStsRpt", "OrgnlGrpInfAndSts is missing");
        return new Pain002Report(head.MessageId, head.Created, head.OriginalMessageId, head.OriginalName, head.Status, head.Reason?.Code, transactions);
    }

    private sealed record Head(string MessageId, LocalDate Created, string OriginalMessageId, string OriginalName, string? Status, Reason? Reason);

    private static Head HeadOf(XElement header, XElement group) => new(
        Max35(header, "MsgId", "GrpHdr/MsgId", required: true)!,
        Date(header, "CreDtTm", "GrpHdr/CreDtTm") ?? throw new StatementFormatException(At(null, header, "GrpHdr/CreDtTm"), "CreDtTm is missing"),
        Max35(group, "OrgnlMsgId", "OrgnlGrpInfAndSts/OrgnlMsgId", required: true)!,
        Max35(group, "OrgnlMsgNmId", "OrgnlGrpInfAndSts/OrgnlMsgNmId", required: true)!,
        Status(group, "GrpSts", "OrgnlGrpInfAndSts/GrpSts"),
        ReasonOf(group, "OrgnlGrpInfAndSts"));

    private sealed record Reason(string Code, bool Proprietary);

    private static void Payment(XmlReader reader, Head head, Action<(Pain002Transaction Tx, int Line)> add)
    {
        var depth = reader.Depth;
        string? id = null, status = null;
        Reason? reason = null;
        if (reader.IsEmptyElement) throw new StatementFormatException(Loc(reader, "OrgnlPmtInfAndSts"), "OrgnlPmtInfId is missing");
        var where = Loc(reader, "OrgnlPmtInfAndSts");
        reader.Read();
        while (!(reader.Depth == depth && reader.NodeType == XmlNodeType.EndElement) && !reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element) { reader.Read(); continue; }
            var child = Element(reader, out var line);
            var parent = new XElement("OrgnlPmtInfAndSts", child);
            switch (child.Name.LocalName)
            {
                case "OrgnlPmtInfId": id = Max35(parent, "OrgnlPmtInfId", "OrgnlPmtInfAndSts/OrgnlPmtInfId", required: true, line); break;
                case "PmtInfSts": status = Status(parent, "PmtInfSts", "OrgnlPmtInfAndSts/PmtInfSts", line); break;
                case "StsRsnInf": reason ??= ReasonOf(parent, "OrgnlPmtInfAndSts", line); break;
                case "TxInfAndSts":
                    if (id is null) throw new StatementFormatException(where, "OrgnlPmtInfId is missing (it comes before TxInfAndSts)");
                    add((Transaction(child, line, id, status ?? head.Status, reason ?? head.Reason, head.Created), line));
                    break;
            }
        }
        reader.Read();
        if (id is null) throw new StatementFormatException(where, "OrgnlPmtInfId is missing");
    }

    private static Pain002Transaction Transaction(XElement tx, int line, string? pmtInfId, string? inherited, Reason? inheritedReason, LocalDate created)
    {
        var e2e = Max35(tx, "OrgnlEndToEndId", "TxInfAndSts/OrgnlEndToEndId", required: true, line)!;
        var own = Status(tx, "TxSts", "TxInfAndSts/TxSts", line);
        if (own == "PART") throw new StatementFormatException(At(line, "TxInfAndSts/TxSts"), "PART is the status of a group or a payment information, not of one transaction");
        var status = own ?? inherited ?? throw new StatementFormatException(At(line, "TxInfAndSts/TxSts"), "no status: neither TxSts nor PmtInfSts nor GrpSts is given");
        var reason = ReasonOf(tx, "TxInfAndSts", line) ?? inheritedReason;
        if (status == "RJCT" && reason is null)
            throw new StatementFormatException(At(line, "TxInfAndSts/StsRsnInf/Rsn"), "a rejected transaction has no reason (StsRsnInf/Rsn/Cd or Prtry)");
        var refs = tx.El("OrgnlTxRef");
        var amt = refs.El("Amt", "InstdAmt") ?? refs.El("IntrBkSttlmAmt");
        Money? amount = null;
        if (amt is not null)
        {
            var path = amt.Name.LocalName == "InstdAmt" ? "TxInfAndSts/OrgnlTxRef/Amt/InstdAmt" : "TxInfAndSts/OrgnlTxRef/IntrBkSttlmAmt";
            try { amount = CamtValues.Unsigned(amt, path); }
            catch (StatementFormatException e) { throw new StatementFormatException(At(line, path + (e.Location.EndsWith("@Ccy", StringComparison.Ordinal) ? "@Ccy" : "")), e.Reason); }
            if (amount.Value.Cents == 0) throw new StatementFormatException(At(line, path), "amount is zero");
        }
        var collection = Date(refs, "ReqdColltnDt", "TxInfAndSts/OrgnlTxRef/ReqdColltnDt", line);
        return new Pain002Transaction(pmtInfId, e2e, status, reason?.Code, reason?.Proprietary ?? false, amount, collection, created);
    }

    private static Reason? ReasonOf(XElement parent, string path, int? line = null)
    {
        foreach (var info in parent.All("StsRsnInf"))
        {
            var rsn = info.El("Rsn");
            if (rsn is null) continue; // AddtlInf alone: free text, no reason to act on
            if (rsn.Text("Cd") is { } cd)
            {
                if (cd.Length != 4 || !cd.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c)))
                    throw new StatementFormatException(At(line, rsn, $"{path}/StsRsnInf/Rsn/Cd"), "reason code is not four upper-case letters or digits (ExternalStatusReason1Code)");
                return new Reason(cd, false);
            }
            if (rsn.Text("Prtry") is { } prtry)
            {
                if (prtry.Length > 35) throw new StatementFormatException(At(line, rsn, $"{path}/StsRsnInf/Rsn/Prtry"), "proprietary reason is longer than 35 characters");
                return new Reason(prtry, true);
            }
            throw new StatementFormatException(At(line, rsn, $"{path}/StsRsnInf/Rsn"), "Rsn has neither Cd nor Prtry");
        }
        return null;
    }

    private static string? Status(XElement parent, string name, string path, int? line = null)
    {
        if (parent.El(name) is null) return null;
        var s = parent.Text(name);
        if (s is null || !GroupStatuses.Contains(s))
            throw new StatementFormatException(At(line, parent.El(name)!, path), "status is not an ISO payment status code (ACCP, ACSC, ACSP, ACTC, PART, PDNG, RCVD, RJCT, …)");
        return s;
    }

    private static string? Max35(XElement parent, string name, string path, bool required, int? line = null)
    {
        var s = parent.Text(name);
        if (s is null)
        {
            if (required) throw new StatementFormatException(At(line, parent, path), $"{name} is missing or empty");
            return null;
        }
        if (s.Length > 35) throw new StatementFormatException(At(line, parent.El(name)!, path), $"{name} is longer than 35 characters");
        return s;
    }

    private static LocalDate? Date(XElement? parent, string name, string path, int? line = null)
    {
        var e = parent.El(name);
        if (e is null) return null;
        var text = e.Value.Trim();
        var r = text.Length >= 10 ? NodaTime.Text.LocalDatePattern.Iso.Parse(text[..10]) : null;
        if (r is not { Success: true }) throw new StatementFormatException(At(line, e, path), "date is not YYYY-MM-DD");
        return r.Value;
    }

    /// <summary>One child element, read whole; <paramref name="line"/> is where it starts (ReadFrom keeps no line info).</summary>
    private static XElement Element(XmlReader reader, out int line)
    {
        line = reader is IXmlLineInfo li && li.HasLineInfo() ? li.LineNumber : 0;
        var e = (XElement)XNode.ReadFrom(reader);
        e.AddAnnotation(new Line(line));
        return e;
    }

    private sealed record Line(int Number);

    private static string At(int? line, XElement e, string path)
    {
        var n = line ?? e.AncestorsAndSelf().Select(a => a.Annotation<Line>()).FirstOrDefault(a => a is not null)?.Number;
        return At(n, path);
    }

    private static string At(int? line, string path) => line is > 0 ? $"line {line}, element {path}" : $"element {path}";

    private static string Loc(XmlReader r, string element) =>
        r is IXmlLineInfo li && li.HasLineInfo() ? $"line {li.LineNumber}, element {element}" : $"element {element}";
}
