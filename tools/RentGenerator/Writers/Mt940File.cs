using System.Globalization;
using NodaTime;

namespace RentGenerator.Writers;

/// <summary>
/// MT940, one message per business day: <c>:61:</c> with entry date, D/C/RC mark, type code, owner reference and
/// <c>//</c> bank reference; <c>:86:</c> in the structured convention (/EREF/, /NAME/, /IBAN/, /CREF/, /RTRN/), then free text.
/// </summary>
public static class Mt940File
{
    public static void Write(TextWriter w, string iban, IReadOnlyList<DayStatement> days, bool breakLast = false)
    {
        for (var i = 0; i < days.Count; i++)
        {
            var s = days[i];
            var closing = breakLast && i == days.Count - 1 ? s.Closing + 1 : s.Closing;
            w.Write($":20:G{s.Date.ToString("yyyyMMdd", CultureInfo.InvariantCulture)}\r\n:25:{iban}\r\n:28C:{(i + 1).ToString(CultureInfo.InvariantCulture)}/1\r\n");
            w.Write($":60F:{Balance(s.Opening, s.Date)}\r\n");
            foreach (var e in s.Entries) Entry(w, e);
            w.Write($":62F:{Balance(closing, s.Date)}\r\n-\r\n");
        }
    }

    private static void Entry(TextWriter w, BankEntry e)
    {
        var mark = e.Reversal ? (e.Cents < 0 ? "RC" : "RD") : e.Cents < 0 ? "D" : "C";
        var owner = e.SwiftType == "NCHK" && e.Number != null ? e.Number : "NONREF";
        var value = e.ValueDate == default ? e.Date : e.ValueDate;
        w.Write($":61:{value.ToString("yyMMdd", CultureInfo.InvariantCulture)}{e.Date.ToString("MMdd", CultureInfo.InvariantCulture)}{mark}{Amount(e.Cents)}{e.SwiftType}{owner}//{e.BankReference}\r\n");
        var lines = new List<string>();
        if (e.EndToEndId != null) lines.Add("/EREF/" + e.EndToEndId);
        if (e.Name != null) lines.Add("/NAME/" + Cut(e.Name, 59));
        if (e.Iban != null) lines.Add("/IBAN/" + e.Iban);
        if (e.CreditorReference != null) lines.Add("/CREF/" + e.CreditorReference);
        if (e.ReturnReason != null) lines.Add("/RTRN/" + e.ReturnReason);
        lines.Add(e.Label);
        // Free text after the structured block, one line each and never 65 characters long, so no line is read as wrapped.
        lines.AddRange(e.Texts.Select(t => Cut(t, 64)));
        w.Write(":86:" + string.Join("\r\n", lines.Take(6)) + "\r\n");
    }

    private static string Balance(long cents, LocalDate date) => (cents < 0 ? "D" : "C") + date.ToString("yyMMdd", CultureInfo.InvariantCulture) + "EUR" + Amount(cents);

    private static string Amount(long cents)
    {
        var abs = Math.Abs(cents);
        return (abs / 100).ToString(CultureInfo.InvariantCulture) + "," + (abs % 100).ToString("00", CultureInfo.InvariantCulture);
    }

    private static string Cut(string s, int n) => s.Length <= n ? s : s[..n];
}
