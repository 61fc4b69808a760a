using System.Globalization;

namespace Reconciliation.Statements;

/// <summary>
/// Decimal text to integer cents without floating point. Banks send 0 to 5 decimals ("9,", "11,8", "18.150"):
/// trailing zeros beyond the cent are accepted, a non-zero fraction of a cent is refused (we book cents only).
/// </summary>
public static class Amounts
{
    public static bool TryParseCents(ReadOnlySpan<char> text, char separator, out long cents)
    {
        cents = 0;
        text = text.Trim();
        if (text.IsEmpty) return false;
        var negative = false;
        if (text[0] is '-' or '+')
        {
            negative = text[0] == '-';
            text = text[1..];
        }
        var sep = text.IndexOf(separator);
        var whole = sep < 0 ? text : text[..sep];
        var frac = sep < 0 ? [] : text[(sep + 1)..];
        if (whole.IsEmpty || whole.Length > 15 || frac.Length > 5) return false;
        foreach (var c in whole) if (!char.IsAsciiDigit(c)) return false;
        foreach (var c in frac) if (!char.IsAsciiDigit(c)) return false;
        for (var i = 2; i < frac.Length; i++) if (frac[i] != '0') return false;
        var w = long.Parse(whole, NumberStyles.None, CultureInfo.InvariantCulture);
        var f = frac.Length == 0 ? 0 : frac.Length == 1 ? (frac[0] - '0') * 10 : (frac[0] - '0') * 10 + (frac[1] - '0');
        var value = checked(w * 100 + f);
        cents = negative ? -value : value;
        return true;
    }
}
