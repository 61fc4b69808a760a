using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Reconciliation.Statements.Mt940;

/// <summary>
/// The <c>:61:</c> statement line: <c>6!n[4!n]2a[1!a]15d1!a3!c16x[//16x]</c>. The mark is tried as RC/RD (reversals)
/// before C/D, then the optional funds-code letter: "RCR204,88" is a reversed credit with funds code R, "CR300," a credit.
/// Real exports bend the grammar; what stays unambiguous is accepted: a line break or a space after the mark (Sparkassen,
/// Cuscal), an entry date left blank, a space before the type code, a bank reference of up to 23 characters (wolph's
/// variant). A dot as decimal separator, a missing comma or a lower-case mark are refused with their own reason.
/// </summary>
internal sealed partial record Mt940Line61(
    LocalDate ValueDate,
    LocalDate BookingDate,
    long Cents,
    bool IsReversal,
    string TypeCode,
    string? OwnerReference,
    string? BankReference,
    string? Supplementary)
{
    [GeneratedRegex(@"^(?<vd>\d{6})(?<ed>\d{4}| {4})?(?<mark>RC|RD|EC|ED|C|D)(?<funds>[A-Z])? ?(?<amt>\d{1,15},\d{0,2}) ?(?<type>[SNF][A-Z0-9 ]{3})(?<rest>.*)$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Grammar();

    /// <summary>A first line that stops right after the mark (and funds code): the amount is on the next line.</summary>
    [GeneratedRegex(@"^\d{6}(\d{4}| {4})?(RC|RD|EC|ED|C|D)[A-Z]?\s*$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex BrokenAfterMark();

    [GeneratedRegex(@"^\d{6}(\d{4})?(RC|RD|EC|ED|C|D)[A-Z]?\d+\.\d", RegexOptions.CultureInvariant, 100)]
    private static partial Regex DotDecimal();

    [GeneratedRegex(@"^\d{6}(\d{4})?(RC|RD|EC|ED|C|D)[A-Z]?\d+[SNF]", RegexOptions.CultureInvariant, 100)]
    private static partial Regex NoComma();

    [GeneratedRegex(@"^\d{6}(\d{4})?(rc|rd|c|d)\d", RegexOptions.CultureInvariant, 100)]
    private static partial Regex LowerMark();

    /// <summary>Parses the field's lines; returns how many of them the statement line used (1, or 2 when the amount was wrapped).</summary>
    public static (Mt940Line61 Line, int Used) Parse(IReadOnlyList<string> lines, string location)
    {
        var text = lines[0];
        var used = 1;
        if (lines.Count > 1 && BrokenAfterMark().IsMatch(text))
        {
            text = text.TrimEnd() + lines[1].Trim();
            used = 2;
        }
        return (Parse(text, location), used);
    }

    public static Mt940Line61 Parse(string text, string location)
    {
        var m = Grammar().Match(text);
        if (!m.Success) throw new StatementFormatException(location, Diagnose(text));
        var value = Mt940Parser.Date(m.Groups["vd"].Value, location, ":61: value date");
        var booking = value;
        if (m.Groups["ed"].Success && m.Groups["ed"].Value.Trim().Length > 0)
        {
            var mmdd = m.Groups["ed"].Value;
            var month = int.Parse(mmdd[..2], CultureInfo.InvariantCulture);
            var day = int.Parse(mmdd[2..], CultureInfo.InvariantCulture);
            // The entry date has no year: take the one that puts it closest to the value date (December/January).
            var year = value.Year;
            if (month - value.Month > 6) year--;
            else if (value.Month - month > 6) year++;
            if (month is < 1 or > 12 || day < 1 || day > CalendarSystem.Iso.GetDaysInMonth(year, month))
            {
                throw new StatementFormatException(location, ":61: entry date is not a valid date");
            }
            booking = new LocalDate(year, month, day);
        }
        if (!Amounts.TryParseCents(m.Groups["amt"].Value, ',', out var cents))
        {
            throw new StatementFormatException(location, ":61: amount is not a number with a decimal comma");
        }
        var mark = m.Groups["mark"].Value;
        // RC reverses a credit: money leaves the account. RD reverses a debit: money comes back.
        var debit = mark is "D" or "RC" or "ED";
        var (owner, bank, supplementary) = References(m.Groups["rest"].Value);
        return new Mt940Line61(value, booking, debit ? -cents : cents, mark.StartsWith('R'), m.Groups["type"].Value.Trim(),
            Blank(owner), Blank(bank), Blank(supplementary));
    }

    /// <summary>Owner reference, then "//" and the bank's reference, then (same line, Rabobank) supplementary details.</summary>
    private static (string? Owner, string? Bank, string? Supplementary) References(string rest)
    {
        var slash = rest.IndexOf("//", StringComparison.Ordinal);
        if (slash < 0) return rest.Length > 16 ? (rest[..16], null, rest[16..]) : (rest, null, null);
        var owner = rest[..slash];
        var after = rest[(slash + 2)..];
        if (after.Length <= 16) return (owner, after, null);
        var space = after.IndexOfAny([' ', '\t']);
        // One run of up to 23 characters is one reference (several banks exceed 16x); text after a space is supplementary.
        if (space < 0 && after.Length <= 23) return (owner, after, null);
        if (space is > 0 and <= 23) return (owner, after[..space], after[space..]);
        return (owner, after[..16], after[16..]);
    }

    private static string Diagnose(string text)
    {
        if (DotDecimal().IsMatch(text)) return "field :61: amount uses a dot: MT940 amounts have a decimal comma (15d), so the amount cannot be read safely";
        if (NoComma().IsMatch(text)) return "field :61: amount has no decimal comma (15d requires one, e.g. 512,30 or 512,)";
        if (LowerMark().IsMatch(text)) return "field :61: debit/credit mark must be C, D, RC or RD in capitals";
        return "field :61: does not follow the grammar value date, [entry date], C/D/RC/RD, amount, type, reference";
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
