using System.Globalization;
using System.Xml.Linq;
using Primitives;

namespace Ledger.Domain.DirectDebit;

/// <summary>One breach of an EPC or house rule: a stable rule code, where (a path of element names), and a message.</summary>
public sealed record Pain008Finding(string Rule, string Where, string Message);

/// <summary>
/// The EPC-rule checks a bank would make on a pain.008 (SDD Core implementation guidelines, EPC130-08) that the ISO XSD
/// cannot: check digits of every ICS and IBAN, the SEPA character set, one PmtInf per sequence type and date, NbOfTxs and
/// CtrlSum consistent with the transactions, structured or hybrid addresses only (unstructured refused from 15 November
/// 2026), identifiers of at most 35 characters, amounts in EUR above 0 and at most 999,999,999.99, valid dates. Reads
/// pain.008.001.02 and .08 (elements are matched by local name; BIC and BICFI alike). The XSD is checked separately.
/// </summary>
public static class Pain008Checker
{
    public static readonly string[] AllowedSequenceTypes = ["FRST", "RCUR", "OOFF", "FNAL"];

    public static IReadOnlyList<Pain008Finding> Check(XDocument document)
    {
        var found = new List<Pain008Finding>();
        void Add(string rule, XElement at, string message) => found.Add(new Pain008Finding(rule, PathOf(at), message));

        var root = document.Root;
        var ns = root?.Name.NamespaceName ?? "";
        if (root is null || !(ns.EndsWith("pain.008.001.02", StringComparison.Ordinal) || ns.EndsWith("pain.008.001.08", StringComparison.Ordinal)))
        {
            return [new Pain008Finding("message.version", "/", "not a pain.008.001.02 or pain.008.001.08 document")];
        }
        var header = root.Descendants().First(e => e.Name.LocalName == "GrpHdr");
        var payments = root.Descendants().Where(e => e.Name.LocalName == "PmtInf").ToList();
        var all = payments.SelectMany(p => Children(p, "DrctDbtTxInf")).ToList();
        Identifier(Child(header, "MsgId"), "MsgId", Add);
        Counts(header, all, "group", Add);

        var seen = new HashSet<(string, string)>();
        foreach (var p in payments)
        {
            var transactions = Children(p, "DrctDbtTxInf").ToList();
            Identifier(Child(p, "PmtInfId"), "PmtInfId", Add);
            Counts(p, transactions, "pmtinf", Add);
            var sequence = Child(p, "PmtTpInf") is { } t ? Child(t, "SeqTp")?.Value ?? "" : "";
            if (!AllowedSequenceTypes.Contains(sequence))
            {
                Add("sequence.type", p, $"SeqTp '{sequence}' is not one the EPC guidelines allow (FRST, RCUR, OOFF, FNAL)");
            }
            var date = Child(p, "ReqdColltnDt")?.Value ?? "";
            if (!IsDate(date)) Add("date", p, "ReqdColltnDt is not a valid date");
            if (!seen.Add((sequence, date))) Add("pmtinf.duplicate", p, $"a second PmtInf for sequence type {sequence} and date {date}");
            Texts(Child(p, "Cdtr"), Add);
            Iban(Account(Child(p, "CdtrAcct")), p, "iban.creditor", "creditor IBAN", Add);
            var schemeAtBatch = Child(p, "CdtrSchmeId");
            foreach (var tx in transactions)
            {
                var scheme = schemeAtBatch ?? tx.Descendants().FirstOrDefault(e => e.Name.LocalName == "CdtrSchmeId" && e.Parent?.Name.LocalName == "DrctDbtTx");
                Ics(scheme, tx, "ics", "creditor identifier", Add);
                Transaction(tx, date, Add);
            }
        }
        return found;
    }

    private static void Transaction(XElement tx, string collectionDate, Action<string, XElement, string> add)
    {
        Identifier(tx.Descendants().FirstOrDefault(e => e.Name.LocalName == "EndToEndId"), "EndToEndId", add);
        var amount = Child(tx, "InstdAmt");
        if (amount?.Attribute("Ccy")?.Value != "EUR") add("amount.currency", tx, "SEPA direct debits are in EUR");
        if (!decimal.TryParse(amount?.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value)
            || value <= 0 || value > 999_999_999.99m || decimal.Round(value, 2) != value)
        {
            add("amount.range", tx, "InstdAmt must be more than 0 and at most 999999999.99, with two decimals at most");
        }
        var mandate = tx.Descendants().FirstOrDefault(e => e.Name.LocalName == "MndtRltdInf");
        Identifier(mandate is null ? null : Child(mandate, "MndtId"), "MndtId", add, "rum");
        var signed = mandate is null ? null : Child(mandate, "DtOfSgntr")?.Value;
        if (!IsDate(signed)) add("date", tx, "DtOfSgntr is not a valid date");
        else if (IsDate(collectionDate) && string.CompareOrdinal(signed, collectionDate) > 0) add("date", tx, "the mandate is signed after the collection date");
        if (mandate is not null && Child(mandate, "AmdmntInfDtls") is { } amendment)
        {
            if (Child(amendment, "OrgnlMndtId") is { } original) Identifier(original, "OrgnlMndtId", add, "rum");
            if (Child(amendment, "OrgnlCdtrSchmeId") is { } originalScheme) Ics(originalScheme, tx, "ics.original", "original creditor identifier", add);
            if (Child(amendment, "OrgnlDbtrAcct") is { } originalAccount) Iban(Account(originalAccount), tx, "iban.original", "original debtor IBAN", add);
        }
        Iban(Account(Child(tx, "DbtrAcct")), tx, "iban.debtor", "debtor IBAN", add);
        if (Child(tx, "Dbtr") is { } debtor)
        {
            Texts(debtor, add);
            if (Child(debtor, "PstlAdr") is { } address) Address(address, add);
        }
        foreach (var text in tx.Descendants().Where(e => e.Name.LocalName is "Ustrd"))
        {
            if (!SepaText.IsSepaText(text.Value)) add("charset", text, "text outside the SEPA character set");
        }
    }

    // Structured: TwnNm and Ctry at least; hybrid: those plus at most two AdrLine; AdrLine alone is unstructured.
    private static void Address(XElement address, Action<string, XElement, string> add)
    {
        var lines = Children(address, "AdrLine").Count();
        var town = Child(address, "TwnNm") is not null;
        var country = Child(address, "Ctry") is not null;
        if (!town || !country)
        {
            add("address.unstructured", address, "address without TwnNm and Ctry (unstructured): refused from 15 November 2026");
        }
        else if (lines > 2)
        {
            add("address.unstructured", address, "a hybrid address has at most two AdrLine");
        }
    }

    private static void Counts(XElement at, IReadOnlyList<XElement> transactions, string level, Action<string, XElement, string> add)
    {
        if (Child(at, "NbOfTxs")?.Value is { } count && count != transactions.Count.ToString(CultureInfo.InvariantCulture))
        {
            add($"count.{level}", at, $"NbOfTxs {count} but {transactions.Count} transactions");
        }
        if (Child(at, "CtrlSum")?.Value is { } sum)
        {
            decimal total = 0;
            foreach (var t in transactions)
            {
                total += decimal.TryParse(Child(t, "InstdAmt")?.Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var v) ? v : 0;
            }
            if (!decimal.TryParse(sum, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var declared) || declared != total)
            {
                add($"sum.{level}", at, $"CtrlSum {sum} but the transactions add up to {total.ToString(CultureInfo.InvariantCulture)}");
            }
        }
    }

    private static void Ics(XElement? scheme, XElement at, string rule, string what, Action<string, XElement, string> add)
    {
        var id = scheme?.Descendants().FirstOrDefault(e => e.Name.LocalName == "Id" && e.Parent?.Name.LocalName == "Othr")?.Value;
        if (!CreditorIdentifier.TryCreate(id, out var ics) || ics!.Value != id)
        {
            add(rule, scheme ?? at, $"{what} missing, malformed or with wrong check digits (ISO 7064 MOD 97-10, business code excluded)");
        }
    }

    private static void Iban(string? iban, XElement at, string rule, string what, Action<string, XElement, string> add)
    {
        if (!Primitives.Iban.TryCreate(iban, out var parsed) || parsed!.Value != iban) add(rule, at, $"{what} missing or with wrong check digits");
    }

    private static void Identifier(XElement? id, string name, Action<string, XElement, string> add, string rule = "identifier")
    {
        if (id is null || !SepaText.IsIdentifier(id.Value))
        {
            add(rule, id ?? new XElement(name), $"{name} must be 1 to 35 SEPA characters, not starting or ending with '/' nor containing '//'");
        }
    }

    private static void Texts(XElement? party, Action<string, XElement, string> add)
    {
        foreach (var text in party?.Descendants().Where(e => !e.HasElements) ?? [])
        {
            if (!SepaText.IsSepaText(text.Value)) add("charset", text, "text outside the SEPA character set");
        }
    }

    private static string? Account(XElement? account) => account?.Descendants().FirstOrDefault(e => e.Name.LocalName == "IBAN")?.Value;

    private static bool IsDate(string? text) =>
        text is { Length: 10 } && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    private static XElement? Child(XElement parent, string name) => parent.Elements().FirstOrDefault(e => e.Name.LocalName == name);

    private static IEnumerable<XElement> Children(XElement parent, string name) => parent.Elements().Where(e => e.Name.LocalName == name);

    private static string PathOf(XElement e) =>
        string.Join('/', e.AncestorsAndSelf().Reverse().Select(a => a.Name.LocalName));
}
