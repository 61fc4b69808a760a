using System.Globalization;
using NodaTime;

namespace Reconciliation.Matching;

/// <summary>
/// How the evidence writes amounts and dates for an accountant: "1 512,30 €" (narrow no-break spaces between thousands and
/// before the euro sign, decimal comma) and "5 novembre 2026". No culture lookup: the output is the same on every machine.
/// </summary>
public static class French
{
    /// <summary>Narrow no-break space (U+202F), before € and between thousands.</summary>
    public const char Nnbsp = '\u202F';

    /// <summary>No-break space (U+00A0), before the colon and the semicolon.</summary>
    public const char Nbsp = '\u00A0';

    private static readonly string[] Months =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    public static string Amount(long cents)
    {
        var abs = cents == long.MinValue ? throw new OverflowException() : Math.Abs(cents);
        var units = (abs / 100).ToString(CultureInfo.InvariantCulture);
        var grouped = new System.Text.StringBuilder();
        for (var i = 0; i < units.Length; i++)
        {
            if (i > 0 && (units.Length - i) % 3 == 0) grouped.Append(Nnbsp);
            grouped.Append(units[i]);
        }
        return string.Create(CultureInfo.InvariantCulture, $"{(cents < 0 ? "-" : "")}{grouped},{abs % 100:00}{Nnbsp}€");
    }

    public static string Date(LocalDate d) =>
        string.Create(CultureInfo.InvariantCulture, $"{d.Day}{(d.Day == 1 ? "er" : "")} {Months[d.Month - 1]} {d.Year}");

    /// <summary>" : " with the no-break space French puts before a colon.</summary>
    public static string Colon => Nbsp + ": ";

    /// <summary>" ; " with the no-break space French puts before a semicolon.</summary>
    public static string Semicolon => Nbsp + "; ";
}
