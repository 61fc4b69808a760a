using System.Text.RegularExpressions;

namespace Payments.Tests.CardData;

/// <summary>
/// Finds what looks like a card number: a Luhn-valid run of 13 to 19 digits, contiguous or grouped as PANs are written
/// (4-4-4-4, 4-6-5), standing alone like a word (not glued to letters, digits or dashes, as PAN discovery tools do: an RF
/// reference such as RF10202611000001 or a GUID is not a run), plus the test card anywhere.
/// </summary>
public static partial class CardDataScan
{
    public const string TestCard = "4111111111111111";

    [GeneratedRegex(@"(?<![A-Za-z0-9-])[0-9](?:[ -]?[0-9]){12,18}(?![A-Za-z0-9-])")]
    private static partial Regex DigitRun();

    public static IEnumerable<string> Findings(string text)
    {
        if (text.Contains(TestCard, StringComparison.Ordinal)) yield return TestCard;
        foreach (Match m in DigitRun().Matches(text))
        {
            var digits = new string(m.Value.Where(char.IsAsciiDigit).ToArray());
            if (LooksLikeAPan(m.Value) && Luhn(digits) && !digits.All(c => c == '0')) yield return digits;
        }
    }

    /// <summary>
    /// Contiguous digits, or the ways PANs are grouped (4-4-4-4[-3], 4-6-5, 4-6-4): a GUID's digit-only groups (8-4-4) or a
    /// date-like sequence is not a card number.
    /// </summary>
    public static bool LooksLikeAPan(string run)
    {
        var groups = run.Split(' ', '-');
        if (groups.Length == 1) return true;
        var lengths = string.Join('-', groups.Select(g => g.Length));
        return lengths is "4-6-5" or "4-6-4" || (groups[..^1].All(g => g.Length == 4) && groups[^1].Length is >= 1 and <= 4);
    }

    public static bool Luhn(string digits)
    {
        var sum = 0;
        for (var i = 0; i < digits.Length; i++)
        {
            var d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return sum % 10 == 0;
    }
}
