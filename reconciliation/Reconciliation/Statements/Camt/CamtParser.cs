using System.Xml;
using System.Xml.Linq;
using Primitives;
using NodaTime;

namespace Reconciliation.Statements.Camt;

/// <summary>
/// camt.053 (statements, with balances) and camt.054 (notifications, without), versions 001.02 to 001.08. The reader
/// streams: each <c>Stmt</c>/<c>Ntfctn</c> child (header, balance, one <c>Ntry</c>) is materialised alone and dropped,
/// so a 125,000-entry file never becomes a DOM.
/// </summary>
public sealed class CamtParser
{
    public StatementFile Parse(Stream stream)
    {
        try
        {
            using var reader = XmlReader.Create(TextInput.Open(stream), Xml.SafeSettings());
            return Read(reader);
        }
        catch (XmlException ex)
        {
            throw new StatementFormatException($"line {ex.LineNumber}", "not well-formed XML or DTD present: " + ex.Message, ex);
        }
    }

    private static StatementFile Read(XmlReader reader)
    {
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Document")
        {
            throw new StatementFormatException(Loc(reader, "Document"), "root element is not an ISO 20022 Document");
        }
        var ns = reader.NamespaceURI;
        var is053 = ns.StartsWith("urn:iso:std:iso:20022:tech:xsd:camt.053.001.", StringComparison.Ordinal);
        var is054 = ns.StartsWith("urn:iso:std:iso:20022:tech:xsd:camt.054.001.", StringComparison.Ordinal);
        if (!is053 && !is054) throw new StatementFormatException(Loc(reader, "Document"), "namespace is not camt.053 or camt.054");
        var format = is053 ? "camt053" : "camt054";
        var container = is053 ? "Stmt" : "Ntfctn";
        var statements = new List<Statement>();
        var warnings = new List<string>();
        var ids = new EntryIds();
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == container && reader.Depth == 2)
            {
                var s = ReadStatement(reader, container, is053, ids, warnings);
                if (is053) BalanceCheck.Check(s, statements.Count, warnings);
                statements.Add(s);
            }
        }
        if (statements.Count == 0) throw new StatementFormatException("element Document", $"no {container} element: nothing to import");
        return new StatementFile(format, statements, warnings);
    }

    private static Statement ReadStatement(XmlReader reader, string container, bool is053, EntryIds ids, List<string> warnings)
    {
        var where = Loc(reader, container);
        string? account = null, currency = null;
        (Money Amount, LocalDate? Date)? opening = null, previousClosing = null, closing = null;
        var entries = new List<StatementEntry>();
        var depth = reader.Depth;
        reader.Read();
        while (!(reader.Depth == depth && reader.NodeType == XmlNodeType.EndElement) && !reader.EOF)
        {
            if (reader.NodeType != XmlNodeType.Element) { reader.Read(); continue; }
            // ReadFrom consumes exactly one child element and leaves the reader on the next sibling.
            var child = (XElement)XNode.ReadFrom(reader);
            switch (child.Name.LocalName)
            {
                case "Acct":
                    account = child.Text("Id", "IBAN") ?? child.Text("Id", "Othr", "Id");
                    currency = child.Text("Ccy");
                    break;
                case "Bal":
                    var code = child.Text("Tp", "CdOrPrtry", "Cd");
                    var bal = (CamtValues.Signed(child, "Bal"), CamtValues.Date(child.El("Dt"), "Bal/Dt"));
                    if (code == "OPBD") opening = bal;
                    else if (code == "PRCD") previousClosing = bal;
                    else if (code == "CLBD") closing = bal;
                    break;
                case "Ntry":
                    if (account == null) throw new StatementFormatException(Xml.Where(child, "Ntry"), $"entry before the account (Acct) of its {container}");
                    var entry = CamtEntry.Read(child, account, ids);
                    var status = child.Text("Sts", "Cd") ?? child.Text("Sts");
                    if (status is not null and not "BOOK") warnings.Add($"{Xml.Where(child, "Ntry")}: entry status {status}, not booked");
                    entries.Add(entry);
                    break;
            }
        }
        if (account == null) throw new StatementFormatException(where, $"{container} without Acct/Id");
        // Some banks send PRCD (previous closing) instead of OPBD: same value, the opening of this statement.
        opening ??= previousClosing;
        currency ??= opening?.Amount.Currency.Code ?? entries.FirstOrDefault()?.Amount.Currency.Code ?? "EUR";
        if (is053 && (opening == null || closing == null)) warnings.Add($"{where}: no opening (OPBD/PRCD) or closing (CLBD) booked balance");
        if (opening is { } o && o.Amount.Currency.Code != currency || closing is { } c && c.Amount.Currency.Code != currency)
        {
            warnings.Add($"{where}: a balance is not in the account currency {currency}");
        }
        return new Statement(account, currency, opening?.Amount, closing?.Amount, opening?.Date, closing?.Date, entries);
    }

    private static string Loc(XmlReader r, string element) =>
        r is IXmlLineInfo li && li.HasLineInfo() ? $"line {li.LineNumber}, element {element}" : $"element {element}";
}
