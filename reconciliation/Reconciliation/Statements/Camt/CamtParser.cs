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
        using var reader = Open(stream);
        return reader.ReadAll();
    }

    /// <summary>Entry by entry (see <see cref="StatementReader"/>). The format (camt053 or camt054) is read from the root element.</summary>
    public StatementReader Open(Stream stream)
    {
        var text = TextInput.Open(stream);
        XmlReader reader;
        string format;
        try
        {
            reader = XmlReader.Create(text, Xml.SafeSettings());
            format = Root(reader);
        }
        catch (XmlException ex)
        {
            text.Dispose();
            throw Invalid(ex);
        }
        catch
        {
            text.Dispose();
            throw;
        }
        return new StatementReader(format, Guard(Events(reader, format == "camt053")), new Both(reader, text));
    }

    private static StatementFormatException Invalid(XmlException ex) =>
        new($"line {ex.LineNumber}", "not well-formed XML or DTD present: " + ex.Message, ex);

    /// <summary>XML errors surface while enumerating: they become format errors naming the line.</summary>
    private static IEnumerable<StatementEvent> Guard(IEnumerable<StatementEvent> events)
    {
        using var e = events.GetEnumerator();
        while (true)
        {
            bool more;
            try { more = e.MoveNext(); }
            catch (XmlException ex) { throw Invalid(ex); }
            if (!more) yield break;
            yield return e.Current;
        }
    }

    private static string Root(XmlReader reader)
    {
        if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "Document")
        {
            throw new StatementFormatException(Loc(reader, "Document"), "root element is not an ISO 20022 Document");
        }
        var ns = reader.NamespaceURI;
        if (ns.StartsWith("urn:iso:std:iso:20022:tech:xsd:camt.053.001.", StringComparison.Ordinal)) return "camt053";
        if (ns.StartsWith("urn:iso:std:iso:20022:tech:xsd:camt.054.001.", StringComparison.Ordinal)) return "camt054";
        throw new StatementFormatException(Loc(reader, "Document"), "namespace is not camt.053 or camt.054");
    }

    private static IEnumerable<StatementEvent> Events(XmlReader reader, bool is053)
    {
        var container = is053 ? "Stmt" : "Ntfctn";
        var ids = new EntryIds();
        var statements = 0;
        while (reader.Read())
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == container && reader.Depth == 2)
            {
                foreach (var ev in Statement(reader, container, is053, ids)) yield return ev;
                statements++;
            }
        }
        if (statements == 0) throw new StatementFormatException("element Document", $"no {container} element: nothing to import");
    }

    private static IEnumerable<StatementEvent> Statement(XmlReader reader, string container, bool is053, EntryIds ids)
    {
        var where = Loc(reader, container);
        string? account = null, currency = null;
        (Money Amount, LocalDate? Date)? opening = null, previousClosing = null, closing = null;
        var started = false;
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
                    if (!started)
                    {
                        // The XSD puts Acct and Bal before the entries: the header is known at the first Ntry.
                        started = true;
                        opening ??= previousClosing;
                        currency ??= opening?.Amount.Currency.Code ?? entry.Amount.Currency.Code;
                        yield return new StatementEvent.Start(account, currency, opening?.Amount, opening?.Date, closing?.Amount, closing?.Date);
                    }
                    var status = child.Text("Sts", "Cd") ?? child.Text("Sts");
                    if (status is not null and not "BOOK") yield return new StatementEvent.Warning($"{Xml.Where(child, "Ntry")}: entry status {status}, not booked");
                    yield return new StatementEvent.Entry(entry);
                    break;
            }
        }
        if (account == null) throw new StatementFormatException(where, $"{container} without Acct/Id");
        // Some banks send PRCD (previous closing) instead of OPBD: same value, the opening of this statement.
        opening ??= previousClosing;
        currency ??= opening?.Amount.Currency.Code ?? "EUR";
        if (!started) yield return new StatementEvent.Start(account, currency, opening?.Amount, opening?.Date, closing?.Amount, closing?.Date);
        if (is053 && (opening == null || closing == null)) yield return new StatementEvent.Warning($"{where}: no opening (OPBD/PRCD) or closing (CLBD) booked balance");
        if (opening is { } o && o.Amount.Currency.Code != currency || closing is { } c && c.Amount.Currency.Code != currency)
        {
            yield return new StatementEvent.Warning($"{where}: a balance is not in the account currency {currency}");
        }
        yield return new StatementEvent.End(closing?.Amount, closing?.Date, currency, CheckBalance: is053);
    }

    private static string Loc(XmlReader r, string element) =>
        r is IXmlLineInfo li && li.HasLineInfo() ? $"line {li.LineNumber}, element {element}" : $"element {element}";

    private sealed class Both(IDisposable first, IDisposable second) : IDisposable
    {
        public void Dispose()
        {
            first.Dispose();
            second.Dispose();
        }
    }
}
