using System.Globalization;
using System.Text;
using NodaTime;

namespace Ledger.Api.Documents.Pdf;

/// <summary>
/// Amounts, dates and references as a French tenant reads them on paper: "1 512,30 €", "5 novembre 2026", "1er décembre
/// 2026", "novembre 2026", "FR76 3000 …". Written out here rather than through the fr-FR culture so the bytes of a
/// document do not change with the machine's ICU version (which has changed the thousands separator before).
/// </summary>
public static class FrenchText
{
    /// <summary>No-break space: an amount and its "€" never part at a line end.</summary>
    public const char Space = '\u00a0';

    private static readonly string[] Months =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    public static string Euros(long cents) => Amount(cents) + Space + "€";

    /// <summary>"1 512,30", "-12,00" (no currency sign: table columns).</summary>
    public static string Amount(long cents)
    {
        var negative = cents < 0;
        var abs = negative ? checked(-cents) : cents;
        var units = (abs / 100).ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        if (negative) sb.Append('-');
        for (var i = 0; i < units.Length; i++)
        {
            if (i > 0 && (units.Length - i) % 3 == 0) sb.Append(Space);
            sb.Append(units[i]);
        }
        sb.Append(',').Append((abs % 100).ToString("00", CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    public static string Date(LocalDate d) =>
        (d.Day == 1 ? "1er" : d.Day.ToString(CultureInfo.InvariantCulture)) + " " + Months[d.Month - 1] + " " + d.Year.ToString(CultureInfo.InvariantCulture);

    public static string Period(YearMonth p) => Months[p.Month - 1] + " " + p.Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>"2026-11" as "novembre 2026"; anything else unchanged.</summary>
    public static string Period(string isoPeriod) =>
        NodaTime.Text.YearMonthPattern.Iso.Parse(isoPeriod) is { Success: true } r ? Period(r.Value) : isoPeriod;

    /// <summary>An IBAN or an RF reference as printed: groups of four, "RF18 5390 0754 7034".</summary>
    public static string GroupsOfFour(string compact)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < compact.Length; i++)
        {
            if (i > 0 && i % 4 == 0) sb.Append(' ');
            sb.Append(compact[i]);
        }
        return sb.ToString();
    }
}
