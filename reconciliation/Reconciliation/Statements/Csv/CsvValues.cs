using Primitives;
using NodaTime;
using NodaTime.Text;

namespace Reconciliation.Statements.Csv;

internal static class CsvValues
{
    public static long Cents(string text, string location, string column)
    {
        var t = text.Trim();
        if (t.StartsWith('.')) t = "0" + t; // Adyen writes ".11"
        if (!Amounts.TryParseCents(t, '.', out var cents))
        {
            throw new StatementFormatException(location, $"{column} is not a decimal amount with a dot (e.g. 512.30)");
        }
        return cents;
    }

    public static LocalDate Date(string text, string location, string column)
    {
        var t = text.Trim();
        var r = t.Length >= 10 ? LocalDatePattern.Iso.Parse(t[..10]) : null;
        if (r is not { Success: true }) throw new StatementFormatException(location, $"{column} is not a date YYYY-MM-DD");
        return r.Value;
    }

    public static Currency Cur(string? text, string location, string column)
    {
        try { return new Currency(string.IsNullOrWhiteSpace(text) ? "EUR" : text.Trim()); }
        catch (DomainValidationException) { throw new StatementFormatException(location, $"{column} is not an ISO 4217 code"); }
    }
}
