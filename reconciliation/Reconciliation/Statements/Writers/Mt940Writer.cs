using System.Globalization;
using NodaTime;

namespace Reconciliation.Statements.Writers;

/// <summary>Writes statements as MT940 (:20: :25: :28C: :60F: :61: :86: :62F:), for generated test and benchmark files.</summary>
public static class Mt940Writer
{
    public static void Write(TextWriter w, Statement s, int sequence = 1)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(s);
        w.Write($":20:STMT{sequence.ToString(CultureInfo.InvariantCulture)}\r\n:25:{s.Account}\r\n:28C:{sequence.ToString(CultureInfo.InvariantCulture)}/1\r\n");
        w.Write($":60F:{Balance(s.OpeningBalance!.Value.Cents, s.OpeningDate, s.Currency)}\r\n");
        foreach (var e in s.Entries)
        {
            var mark = e.IsReversal ? (e.Amount.Cents < 0 ? "RC" : "RD") : e.Amount.Cents < 0 ? "D" : "C";
            var reference = e.BankReference is { } r ? "NONREF//" + r : "NONREF";
            w.Write($":61:{Date(e.ValueDate)}{(e.BookingDate is { } b ? b.ToString("MMdd", CultureInfo.InvariantCulture) : "")}{mark}{Amount(e.Amount.Cents)}N{Fit(e.BankTransactionCode ?? "TRF", 3)}{reference}\r\n");
            var info = new List<string>();
            if (e.EndToEndId != null) info.Add("/EREF/" + e.EndToEndId);
            if (e.CounterpartyName != null) info.Add("/NAME/" + e.CounterpartyName);
            if (e.CounterpartyIban != null) info.Add("/IBAN/" + e.CounterpartyIban);
            if (e.CreditorReference != null) info.Add("/CREF/" + e.CreditorReference);
            // One structured code per line keeps each line under 65 characters, so no free text is read as a wrapped value.
            var lines = new List<string>(info);
            lines.AddRange(e.Remittance);
            if (lines.Count > 0) w.Write(":86:" + string.Join("\r\n", lines) + "\r\n");
        }
        w.Write($":62F:{Balance(s.ClosingBalance!.Value.Cents, s.ClosingDate, s.Currency)}\r\n-\r\n");
    }

    private static string Balance(long cents, LocalDate? date, string currency) => (cents < 0 ? "D" : "C") + Date(date) + currency + Amount(cents);

    private static string Amount(long cents)
    {
        var abs = Math.Abs(cents);
        return (abs / 100).ToString(CultureInfo.InvariantCulture) + "," + (abs % 100).ToString("00", CultureInfo.InvariantCulture);
    }

    private static string Date(LocalDate? d) => d is { } x ? x.ToString("yyMMdd", CultureInfo.InvariantCulture) : "000000";

    private static string Fit(string s, int n) => s.Length >= n ? s[..n] : s.PadRight(n, 'X');
}
