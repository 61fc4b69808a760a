using System.Globalization;
using NodaTime;

namespace RentGenerator.Writers;

/// <summary>
/// CFONB 120 as a French bank sends it: one 01/04…/07 statement per business day, 05 complements with the SEPA qualifiers
/// of the CFONB 2010 guide (NPY payer, LIB/LCC texts, RCN end-to-end id, LCS structured reference, REF batch, RUM, CPY payer
/// account for debits only). A transfer's payer IBAN is not in CFONB 120: that is why some payments are only matchable in camt.
/// </summary>
public static class CfonbFile
{
    public static void Write(TextWriter w, IEnumerable<DayStatement> days, bool breakLast = false)
    {
        var list = days.ToList();
        for (var i = 0; i < list.Count; i++)
        {
            var s = list[i];
            var closing = breakLast && i == list.Count - 1 ? s.Closing + 1 : s.Closing;
            Line(w, Balance("01", s.Date, s.Opening));
            foreach (var e in s.Entries) Entry(w, e);
            Line(w, Balance("07", s.Date, closing));
        }
    }

    private static void Entry(TextWriter w, BankEntry e)
    {
        var body = Head("04", "0000", e.CfonbCode, e.Date) + "  " + Date(e.ValueDate == default ? e.Date : e.ValueDate) + Fit(e.Label, 31) + "  "
            + Fit(e.Number ?? "", 7) + "00" + Amount(e.Cents) + Fit(e.BankReference, 16);
        Line(w, body);
        void Complement(string qualifier, string? text)
        {
            if (string.IsNullOrWhiteSpace(text)) return;
            Line(w, Head("05", "0000", e.CfonbCode, e.Date) + "     " + qualifier + Fit(text, 70) + "  ");
        }
        Complement("NPY", e.Name);
        if (e.IbanInCfonb) Complement("CPY", e.Iban);
        foreach (var t in e.Texts) Complement("LCC", t);
        Complement("RCN", e.EndToEndId);
        Complement("LCS", e.CreditorReference);
        if (e.MandateReference != null) Complement("RUM", Fit(e.MandateReference, 35) + "RCUR");
        if (e.Kind == EntryKinds.Batch && e.Transactions.Count > 0) Complement("REF", e.BankReference);
    }

    private static string Balance(string code, LocalDate date, long cents) =>
        code + GenLandlord.Bank + "    " + GenLandlord.Branch + "EUR2 " + GenLandlord.Account + "  " + Date(date) + new string(' ', 50) + Amount(cents) + new string(' ', 16);

    private static string Head(string code, string internalCode, string operation, LocalDate date) =>
        code + GenLandlord.Bank + internalCode + GenLandlord.Branch + "EUR2 " + GenLandlord.Account + Fit(operation, 2) + Date(date);

    private static void Line(TextWriter w, string record)
    {
        if (record.Length != 120) throw new InvalidOperationException($"CFONB record of {record.Length} characters: {record}");
        w.Write(record);
        w.Write("\r\n");
    }

    private static string Date(LocalDate d) => d.ToString("ddMMyy", CultureInfo.InvariantCulture);

    /// <summary>14 positions, the last carrying the last digit and the sign ({ A…I credit, } J…R debit).</summary>
    public static string Amount(long cents)
    {
        var abs = Math.Abs(cents);
        var digits = abs.ToString("D14", CultureInfo.InvariantCulture);
        var last = digits[^1] - '0';
        var sign = cents < 0 ? (last == 0 ? '}' : (char)('J' + last - 1)) : (last == 0 ? '{' : (char)('A' + last - 1));
        return digits[..^1] + sign;
    }

    private static string Fit(string s, int n) => s.Length >= n ? s[..n] : s.PadRight(n);
}
