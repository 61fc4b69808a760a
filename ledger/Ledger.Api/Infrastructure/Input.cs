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
    public static string Required(string? value, string field, int maxLength = 200) =>
        string.IsNullOrWhiteSpace(value) ? throw new DomainValidationException(field, $"{field} is required")
        : value.Length > maxLength ? throw new DomainValidationException(field, $"{field} is longer than {maxLength} characters")
        : value.Trim();

    public static LocalDate Date(string? value, string field)
    {
        var result = LocalDatePattern.Iso.Parse(Required(value, field, 10));
        return result.Success ? result.Value : throw new DomainValidationException(field, $"{field} must be a date YYYY-MM-DD");
    }

    public static YearMonth Period(string? value, string field)
    {
        var result = YearMonthPattern.Iso.Parse(Required(value, field, 7));
        return result.Success ? result.Value : throw new DomainValidationException(field, $"{field} must be a period YYYY-MM");
    }

    public static Money Money(string? amount, string? currency, string field)
    {
        var cur = new Currency(string.IsNullOrWhiteSpace(currency) ? "EUR" : currency.Trim());
        return Primitives.Money.Parse(Required(amount, field, 20), cur, field);
    }

    public static T Enum<T>(string? value, string field) where T : struct, System.Enum =>
        System.Enum.TryParse<T>(Required(value, field, 40), ignoreCase: true, out var parsed) && System.Enum.IsDefined(parsed)
            ? parsed
            : throw new DomainValidationException(field, $"{field} must be one of {string.Join(", ", System.Enum.GetNames<T>())}");

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
