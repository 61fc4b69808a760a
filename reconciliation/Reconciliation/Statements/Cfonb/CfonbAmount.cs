namespace Reconciliation.Statements.Cfonb;

/// <summary>
/// CFONB signed amounts: right-aligned digits whose last character carries both the last digit and the sign
/// ('{' and 'A'..'I' = +0..+9, '}' and 'J'..'R' = -0..-9).
/// </summary>
public static class CfonbAmount
{
    public static bool TryDecode(ReadOnlySpan<char> field, int decimals, out long cents)
    {
        cents = 0;
        if (field.IsEmpty || decimals is < 0 or > 5) return false;
        var last = field[^1];
        int digit;
        bool negative;
        if (last == '{') { digit = 0; negative = false; }
        else if (last == '}') { digit = 0; negative = true; }
        else if (last is >= 'A' and <= 'I') { digit = last - 'A' + 1; negative = false; }
        else if (last is >= 'J' and <= 'R') { digit = last - 'J' + 1; negative = true; }
        else return false;
        long value = 0;
        foreach (var c in field[..^1])
        {
            if (!char.IsAsciiDigit(c)) return false;
            value = checked(value * 10 + (c - '0'));
        }
        value = checked(value * 10 + digit);
        // Scale to cents: fewer than two decimals multiplies, more divides and must be exact.
        for (var d = decimals; d < 2; d++) value = checked(value * 10);
        for (var d = decimals; d > 2; d--)
        {
            if (value % 10 != 0) return false;
            value /= 10;
        }
        cents = negative ? -value : value;
        return true;
    }

    public static string Encode(long cents)
    {
        var abs = Math.Abs(cents);
        var digits = abs.ToString("D14", System.Globalization.CultureInfo.InvariantCulture);
        var last = digits[^1] - '0';
        var sign = cents < 0 ? (last == 0 ? '}' : (char)('J' + last - 1)) : (last == 0 ? '{' : (char)('A' + last - 1));
        return digits[..^1] + sign;
    }
}
