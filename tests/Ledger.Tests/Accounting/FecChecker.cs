using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Ledger.Tests.Accounting;

/// <summary>One FEC line, its 18 zones by name.</summary>
public sealed record FecLine(int LineNumber, string[] Zones)
{
    public string this[string name] => Zones[Array.IndexOf(FecChecker.Fields, name)];
    public long Debit => FecChecker.Cents(this["Debit"]);
    public long Credit => FecChecker.Cents(this["Credit"]);
}

/// <summary>
/// Checks a FEC against the rules of ../shared/reference/ledger-reconciliation.md §4.2 (art. A47 A-1 LPF and the
/// validators' conventions): name, charset, header, 18 zones in order, one separator, dates, amounts, mandatory zones, PCG
/// account numbers, continuous numbering per journal, validation order, à-nouveaux first, balance per entry and overall,
/// auxiliary accounts, lettrage zones. Returns every violation found (empty: the file passes).
/// </summary>
public static partial class FecChecker
{
    public static readonly string[] Fields =
    [
        "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "CompAuxNum", "CompAuxLib", "PieceRef",
        "PieceDate", "EcritureLib", "Debit", "Credit", "EcritureLet", "DateLet", "ValidDate", "Montantdevise", "Idevise",
    ];

    public static readonly Encoding Latin9 = GetLatin9();

    private static Encoding GetLatin9()
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding("iso-8859-15");
    }

    public static List<FecLine> Parse(byte[] bytes)
    {
        var text = Latin9.GetString(bytes);
        var rows = text.Split('\n');
        return rows.Skip(1).Select((r, i) => new FecLine(i + 2, r.TrimEnd('\r').Split('|'))).Where(l => l.Zones.Length > 1).ToList();
    }

    public static List<string> Check(byte[] bytes, string fileName, string siren, DateOnly yearStart, DateOnly yearEnd, bool expectOpening)
    {
        var errors = new List<string>();
        void Fail(string message) { if (errors.Count < 50) errors.Add(message); }

        if (!FileName().IsMatch(fileName)) Fail($"file name {fileName} is not <SIREN>FEC<AAAAMMJJ>.txt");
        if (fileName != $"{siren}FEC{yearEnd:yyyyMMdd}.txt") Fail($"file name {fileName} does not name the SIREN and the fiscal year end");
        // Charset ISO 8859-15: any byte is a character, but a control byte other than CR/LF is not text, and a UTF-8
        // sequence read as Latin-9 ("Ã©") means the file was written in the wrong charset.
        for (var i = 0; i < bytes.Length; i++)
            if (bytes[i] < 0x20 && bytes[i] is not (0x0D or 0x0A)) { Fail($"control byte 0x{bytes[i]:X2} at offset {i}"); break; }
        var text = Latin9.GetString(bytes);
        if (text.Contains('Ã', StringComparison.Ordinal)) Fail("text looks UTF-8 encoded, not ISO 8859-15");
        var crlf = text.Contains("\r\n", StringComparison.Ordinal);
        if (text.Replace("\r\n", "", StringComparison.Ordinal).Contains(crlf ? '\n' : '\r')) Fail("mixed record separators");
        if (!text.EndsWith('\n')) Fail("last record is not terminated");

        var rows = text.TrimEnd('\n', '\r').Split('\n').Select(r => r.TrimEnd('\r')).ToArray();
        if (rows[0] != string.Join('|', Fields)) Fail($"header is not the 18 fields in the legal order: {rows[0]}");
        var lines = new List<FecLine>();
        for (var i = 1; i < rows.Length; i++)
        {
            var zones = rows[i].Split('|');
            if (zones.Length != 18) { Fail($"line {i + 1}: {zones.Length} zones, not 18 (separator unique and unambiguous)"); continue; }
            lines.Add(new FecLine(i + 1, zones));
        }

        string? previousNum = null, previousJournal = null;
        var seenNums = new HashSet<string>(StringComparer.Ordinal);
        var lastNumber = new Dictionary<string, long>(StringComparer.Ordinal);
        (string Date, string Journal) lastOrder = ("", "");
        var openingDone = false;
        long entryBalance = 0, totalDebit = 0, totalCredit = 0;
        foreach (var l in lines)
        {
            var at = $"line {l.LineNumber}";
            foreach (var f in new[] { "JournalCode", "JournalLib", "EcritureNum", "EcritureDate", "CompteNum", "CompteLib", "PieceRef", "PieceDate", "EcritureLib", "ValidDate" })
                if (string.IsNullOrWhiteSpace(l[f])) Fail($"{at}: {f} is mandatory");
            foreach (var f in new[] { "EcritureDate", "PieceDate", "ValidDate" })
                if (Date(l[f]) is null) Fail($"{at}: {f} '{l[f]}' is not AAAAMMJJ");
            if (l["DateLet"] != "" && Date(l["DateLet"]) is null) Fail($"{at}: DateLet '{l["DateLet"]}' is not AAAAMMJJ");
            if (Date(l["EcritureDate"]) is { } d && (d < yearStart || d > yearEnd)) Fail($"{at}: EcritureDate {d} outside the fiscal year");
            if (!Pcg().IsMatch(l["CompteNum"])) Fail($"{at}: CompteNum '{l["CompteNum"]}' does not start with 3 PCG digits");
            if (!AmountFormat().IsMatch(l["Debit"]) || !AmountFormat().IsMatch(l["Credit"]))
                Fail($"{at}: Debit/Credit '{l["Debit"]}'/'{l["Credit"]}' not a decimal-comma amount without thousands separator");
            else if (l.Debit != 0 && l.Credit != 0) Fail($"{at}: both a debit and a credit");
            if ((l["Montantdevise"] == "") != (l["Idevise"] == "")) Fail($"{at}: Montantdevise and Idevise go together");
            if ((l["CompAuxNum"] == "") != (l["CompAuxLib"] == "")) Fail($"{at}: CompAuxNum and CompAuxLib go together");
            if (l["DateLet"] != "" && l["EcritureLet"] == "") Fail($"{at}: DateLet without EcritureLet");
            if (l["EcritureLet"] != "" && (l["DateLet"] != "") != l["EcritureLet"].All(char.IsAsciiLetterUpper))
                Fail($"{at}: a complete lettrage (upper case) has a DateLet, a partial one (lower case) none");

            var journal = l["JournalCode"];
            var num = l["EcritureNum"];
            if (num != previousNum)
            {
                if (previousNum is not null && entryBalance != 0) Fail($"entry {previousNum}: debits and credits differ by {entryBalance}");
                entryBalance = 0;
                if (!seenNums.Add(num)) Fail($"{at}: entry {num} is not contiguous");
                var digits = TrailingDigits().Match(num);
                if (!digits.Success || !num.StartsWith(journal, StringComparison.Ordinal)) Fail($"{at}: EcritureNum {num} is not journal + number");
                else
                {
                    var n = long.Parse(digits.Value, CultureInfo.InvariantCulture);
                    if (n != lastNumber.GetValueOrDefault(journal) + 1) Fail($"{at}: EcritureNum {num} breaks the sequence of journal {journal}");
                    lastNumber[journal] = n;
                }
                var isOpening = journal == "AN";
                if (isOpening && openingDone) Fail($"{at}: à-nouveaux after other entries");
                if (!isOpening)
                {
                    openingDone = true;
                    var order = (l["ValidDate"], journal);
                    if (string.CompareOrdinal(order.Item1, lastOrder.Date) < 0
                        || order.Item1 == lastOrder.Date && string.CompareOrdinal(journal, lastOrder.Journal) < 0)
                        Fail($"{at}: not in validation order (date then journal)");
                    lastOrder = order;
                }
                else if (Date(l["EcritureDate"]) != yearStart) Fail($"{at}: à-nouveaux not dated at the start of the year");
                previousNum = num;
                previousJournal = journal;
            }
            else if (journal != previousJournal) Fail($"{at}: one EcritureNum in two journals");
            entryBalance += l.Debit - l.Credit;
            totalDebit += l.Debit;
            totalCredit += l.Credit;
        }
        if (entryBalance != 0) Fail($"entry {previousNum}: debits and credits differ by {entryBalance}");
        if (totalDebit != totalCredit) Fail($"file: total debit {totalDebit} ≠ total credit {totalCredit}");
        if (expectOpening && (lines.Count == 0 || lines[0]["JournalCode"] != "AN")) Fail("the à-nouveaux do not come first");
        if (!expectOpening && lines.Any(l => l["JournalCode"] == "AN")) Fail("à-nouveaux without an earlier year");
        // A complete lettrage group balances on its auxiliary account.
        foreach (var g in lines.Where(l => l["DateLet"] != "").GroupBy(l => (l["CompteNum"], l["CompAuxNum"], l["EcritureLet"])))
            if (g.Sum(l => l.Debit - l.Credit) != 0) Fail($"lettrage {g.Key.Item3} of {g.Key.Item2} does not balance");
        return errors;
    }

    public static long Cents(string amount)
    {
        var parts = amount.Split(',');
        return checked((long.Parse(parts[0], CultureInfo.InvariantCulture) * 100) + long.Parse(parts[1], CultureInfo.InvariantCulture));
    }

    private static DateOnly? Date(string value) =>
        DateOnly.TryParseExact(value, "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    [GeneratedRegex(@"^\d{9}FEC\d{8}\.txt$")] private static partial Regex FileName();
    [GeneratedRegex(@"^[1-8]\d\d[0-9A-Za-z]*$")] private static partial Regex Pcg();
    [GeneratedRegex(@"^\d+,\d{2}$")] private static partial Regex AmountFormat();
    [GeneratedRegex(@"\d+$")] private static partial Regex TrailingDigits();
}
