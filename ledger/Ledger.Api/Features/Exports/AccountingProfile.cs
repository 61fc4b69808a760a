using System.Globalization;
using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using NodaTime;
using Primitives;
using NodaTime.Text;

namespace Ledger.Api.Features.Exports;

/// <summary>
/// The accounting part of a landlord's profile: its SIREN (9 digits, Luhn-checked, the FEC's file name) and the day its
/// fiscal year ends ("MM-DD", 12-31 by default: the calendar year).
/// </summary>
public static class AccountingProfile
{
    public const string CalendarYearEnd = "12-31";

    /// <summary>Validates the optional fields of PUT /landlords/{id}; throws naming the field.</summary>
    public static (string? Siren, string FiscalYearEnd) Validate(string? siren, string? fiscalYearEnd)
    {
        string? s = null;
        if (!string.IsNullOrWhiteSpace(siren))
        {
            s = siren.Replace(" ", "", StringComparison.Ordinal);
            if (!IsSiren(s)) throw new DomainValidationException("siren", "siren must be 9 digits with a valid Luhn check digit");
        }
        var end = string.IsNullOrWhiteSpace(fiscalYearEnd) ? CalendarYearEnd : fiscalYearEnd.Trim();
        if (!TryMonthDay(end, out _))
            throw new DomainValidationException("fiscalYearEnd", "fiscalYearEnd must be a month and day MM-DD (12-31 for the calendar year)");
        return (s, end);
    }

    public static bool IsSiren(string value)
    {
        if (value.Length != 9 || !value.All(char.IsAsciiDigit)) return false;
        var sum = 0;
        for (var i = 0; i < 9; i++)
        {
            var d = value[8 - i] - '0';
            if (i % 2 == 1) d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            sum += d;
        }
        return sum % 10 == 0;
    }

    /// <summary>
    /// The fiscal year that ends on <paramref name="requested"/>, if it is one of the landlord's: its day and month must
    /// be the profile's year end (29 February ends a year only when the profile says 02-29, else 28 February does) and it
    /// must not start after today. Returns the first day, or a problem naming the field.
    /// </summary>
    public static (LocalDate Start, IResult? Problem) FiscalYear(LandlordProfile profile, string? requested, LocalDate today)
    {
        var parsed = LocalDatePattern.Iso.Parse(requested ?? "");
        if (!parsed.Success) return (default, Problems.Invalid("fiscalYearEnd", "fiscalYearEnd must be a date YYYY-MM-DD"));
        var end = parsed.Value;
        var yearEnd = EndIn(profile.FiscalYearEnd, end.Year);
        if (end != yearEnd)
            return (default, Problems.Invalid("fiscalYearEnd",
                $"{end:yyyy-MM-dd} is not the end of one of this landlord's fiscal years (they end on {profile.FiscalYearEnd}; e.g. {yearEnd:yyyy-MM-dd})"));
        var start = EndIn(profile.FiscalYearEnd, end.Year - 1).PlusDays(1);
        if (start > today)
            return (default, Problems.Invalid("fiscalYearEnd", $"the fiscal year ending {end:yyyy-MM-dd} has not started yet"));
        return (start, null);
    }

    private static LocalDate EndIn(string monthDay, int year)
    {
        TryMonthDay(monthDay, out var md);
        return md.Month == 2 && md.Day == 29 && !CalendarSystem.Iso.IsLeapYear(year) ? new LocalDate(year, 2, 28) : new LocalDate(year, md.Month, md.Day);
    }

    private static bool TryMonthDay(string value, out (int Month, int Day) md)
    {
        md = default;
        if (value.Length != 5 || value[2] != '-') return false;
        if (!int.TryParse(value.AsSpan(0, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var m)
            || !int.TryParse(value.AsSpan(3, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var d)) return false;
        if (m is < 1 or > 12 || d < 1 || d > CalendarSystem.Iso.GetDaysInMonth(2024, m)) return false;
        md = (m, d);
        return true;
    }
}
