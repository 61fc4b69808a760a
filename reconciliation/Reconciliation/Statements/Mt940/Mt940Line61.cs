using System.Globalization;
using System.Text.RegularExpressions;
using NodaTime;

namespace Reconciliation.Statements.Mt940;

/// <summary>
/// The <c>:61:</c> statement line: <c>6!n[4!n]2a[1!a]15d1!a3!c16x[//16x]</c>. The mark is tried as RC/RD (reversals)
/// before C/D, then the optional funds-code letter: "RCR204,88" is a reversed credit with funds code R, "CR300," a credit.
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
    [GeneratedRegex(@"^(?<vd>\d{6})(?<ed>\d{4})?(?<mark>RC|RD|EC|ED|C|D)(?<funds>[A-Z])?(?<amt>\d{1,15},\d{0,2})(?<type>[SNF][A-Z0-9 ]{3})(?<rest>.*)$", RegexOptions.CultureInvariant, 100)]
    private static partial Regex Grammar();

    public static Mt940Line61 Parse(string text, string location)
    {
        var m = Grammar().Match(text);
        if (!m.Success) throw new StatementFormatException(location, "field :61: does not follow the grammar value date, [entry date], C/D/RC/RD, amount, type, reference");
        var value = Mt940Parser.Date(m.Groups["vd"].Value, location, ":61: value date");
        var booking = value;
        if (m.Groups["ed"].Success)
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
        var rest = m.Groups["rest"].Value;
        string? owner, bank = null, supplementary = null;
        var slash = rest.IndexOf("//", StringComparison.Ordinal);
        if (slash >= 0)
        {
            owner = rest[..slash];
            var after = rest[(slash + 2)..];
            bank = after.Length > 16 ? after[..16] : after;
            supplementary = after.Length > 16 ? after[16..] : null;
        }
        else
        {
            owner = rest.Length > 16 ? rest[..16] : rest;
            supplementary = rest.Length > 16 ? rest[16..] : null;
        }
        return new Mt940Line61(value, booking, debit ? -cents : cents, mark.StartsWith('R'), m.Groups["type"].Value.Trim(),
            Blank(owner), Blank(bank), Blank(supplementary));
    }

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
