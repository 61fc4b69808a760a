using System.Globalization;
using NodaTime;

namespace Reconciliation.Statements.Writers;

/// <summary>
/// Writes statements as CFONB 120 (01/04/05/07). Used to generate test and benchmark files; a round trip through the
/// parser must give the same entries back (property tests).
/// </summary>
public static class Cfonb120Writer
{
    public static void Write(TextWriter w, Statement s, string bank = "30004", string branch = "00001")
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        var account = s.Account.PadLeft(11, '0')[^11..];
        w.Write(Record("01", bank, "    ", branch, s.Currency, account, "  ", Date(s.OpeningDate), new string(' ', 50), s.OpeningBalance!.Value.Cents, new string(' ', 16)));
        foreach (var e in s.Entries)
        {
            var label = e.Remittance.Count > 0 ? e.Remittance[0] : "";
            var body = "  " + Date(e.ValueDate) + Fit(label, 31) + "  " + Fit(e.ChequeNumber ?? "", 7) + "00";
            w.Write(Record("04", bank, "0000", branch, s.Currency, account, Fit(e.BankTransactionCode ?? "05", 2), Date(e.BookingDate), body,
                e.Amount.Cents, Fit(e.BankReference ?? "", 16)));
            if (e.CounterpartyName != null) w.Write(Complement(bank, branch, s.Currency, account, e, "NPY", e.CounterpartyName));
            foreach (var extra in e.Remittance.Skip(1)) w.Write(Complement(bank, branch, s.Currency, account, e, "LIB", extra));
            if (e.EndToEndId != null) w.Write(Complement(bank, branch, s.Currency, account, e, "RCN", e.EndToEndId));
            if (e.CreditorReference != null) w.Write(Complement(bank, branch, s.Currency, account, e, "LCS", e.CreditorReference));
        }
        w.Write(Record("07", bank, "    ", branch, s.Currency, account, "  ", Date(s.ClosingDate), new string(' ', 50), s.ClosingBalance!.Value.Cents, new string(' ', 16)));
    }

    private static string Complement(string bank, string branch, string currency, string account, StatementEntry e, string qualifier, string text) =>
        ("05" + bank + "0000" + branch + currency + "2 " + account + Fit(e.BankTransactionCode ?? "05", 2) + Date(e.BookingDate) + "     "
         + qualifier + Fit(text, 70) + "  ") + "\r\n";

    private static string Record(string code, string bank, string internalCode, string branch, string currency, string account, string op,
        string date, string middle, long cents, string tail)
    {
        var line = code + bank + internalCode + branch + currency + "2 " + account + op + date + middle + Cfonb.CfonbAmount.Encode(cents) + tail;
        if (line.Length != 120) throw new InvalidOperationException($"CFONB record of {line.Length} characters");
        return line + "\r\n";
    }

    private static string Date(LocalDate? d) =>
        d is { } x ? x.ToString("ddMMyy", CultureInfo.InvariantCulture) : "000000";

    private static string Fit(string s, int n) => s.Length >= n ? s[..n] : s.PadRight(n);
}
