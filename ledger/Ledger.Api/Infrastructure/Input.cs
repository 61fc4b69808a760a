using Primitives;
using NodaTime;
using NodaTime.Text;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Turns request strings into domain values, throwing <see cref="DomainValidationException"/> naming the field; the
/// endpoint filter in <see cref="LedgerApp"/> answers those with a 400 ProblemDetails.
/// </summary>
public static class Input
{
    /// <summary>
    /// Largest amount of one payment, reversal or notice line, in cents (<c>Ledger:MaxAmount</c>, 1,000,000.00 by default).
    /// Events cannot be changed, so an absurd amount accepted once would poison every sum of the landlord forever; with this
    /// bound, 90 billion such amounts are needed before a long overflows. Set once at start-up by <see cref="LedgerApp"/>.
    /// </summary>
    public static long MaxAmountCents { get; set; } = DefaultMaxAmountCents;

    public const long DefaultMaxAmountCents = 100_000_000;

    /// <summary>Dates a rent ledger can mean: anything outside is a typing or format mistake (year 1, 9999).</summary>
    public static readonly LocalDate EarliestDate = new(1990, 1, 1);
    public static readonly LocalDate LatestDate = new(2099, 12, 31);

    public static string Required(string? value, string field, int maxLength = 200) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainValidationException(field, $"{field} is required")
        : value.Length > maxLength ? throw new DomainValidationException(field, $"{field} is longer than {maxLength} characters")
        : NoControl(value, field).Trim();

    /// <summary>Control characters (NUL, escapes, line breaks) have no place in a name or reference; PostgreSQL refuses NUL in JSON.</summary>
    public static string NoControl(string value, string field) =>
        value.Any(char.IsControl) ? throw new DomainValidationException(field, $"{field} contains a control character") : value;

    /// <summary>An optional free text: trimmed, bounded, no control characters; empty when absent.</summary>
    public static string Optional(string? value, string field, int maxLength = 200) =>
        string.IsNullOrWhiteSpace(value) ? "" : Required(value, field, maxLength);

    public static LocalDate Date(string? value, string field)
    {
        var result = LocalDatePattern.Iso.Parse(Required(value, field, 10));
        if (!result.Success) throw new DomainValidationException(field, $"{field} must be a date YYYY-MM-DD");
        return result.Value < EarliestDate || result.Value > LatestDate
            ? throw new DomainValidationException(field, $"{field} must be between {EarliestDate:yyyy-MM-dd} and {LatestDate:yyyy-MM-dd}")
            : result.Value;
    }

    public static YearMonth Period(string? value, string field)
    {
        var result = YearMonthPattern.Iso.Parse(Required(value, field, 7));
        return result.Success ? result.Value : throw new DomainValidationException(field, $"{field} must be a period YYYY-MM");
    }

    public static Money Money(string? amount, string? currency, string field)
    {
        var cur = new Currency(string.IsNullOrWhiteSpace(currency) ? "EUR" : currency.Trim());
        var money = Primitives.Money.Parse(Required(amount, field, 20), cur, field);
        return money.Cents > MaxAmountCents || money.Cents < -MaxAmountCents
            ? throw new DomainValidationException(field, $"{field} must not exceed {Primitives.Money.FormatCents(MaxAmountCents)} in absolute value")
            : money;
    }

    /// <summary>By name only: "1" or "-3" are not channels, whatever number the enum gives them.</summary>
    public static T Enum<T>(string? value, string field) where T : struct, System.Enum
    {
        var text = Required(value, field, 40);
        return char.IsAsciiLetter(text[0]) && System.Enum.TryParse<T>(text, ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed
            : throw new DomainValidationException(field, $"{field} must be one of {string.Join(", ", System.Enum.GetNames<T>())}");
    }

    public static TenantReference Tenant(string? value, string field = "tenantReference") =>
        Wrap(field, () => new TenantReference(Required(value, field, 32)));

    public static NoticeReference Notice(string? value, string field = "noticeReference") =>
        Wrap(field, () => new NoticeReference(Required(value, field, 35)));

    public static PaymentId Payment(string? value, string field = "paymentId") =>
        Wrap(field, () => new PaymentId(Required(value, field, 100)));

    /// <summary>Re-labels a value object's error with the request's field name (e.g. "notices[3].tenantReference").</summary>
    public static T Wrap<T>(string field, Func<T> create)
    {
        try { return create(); }
        catch (DomainValidationException ex) when (ex.Field != field) { throw new DomainValidationException(field, ex.Message); }
    }

    public static string Format(long cents) => Primitives.Money.FormatCents(cents);
}
