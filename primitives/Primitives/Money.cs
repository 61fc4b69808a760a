using System.Text.Json.Serialization;
using System.Globalization;

namespace Primitives;

/// <summary>An ISO 4217 alphabetic code. Only validated for shape: the ledger itself only books EUR today.</summary>
[JsonConverter(typeof(CurrencyJsonConverter))]
public readonly record struct Currency
{
    public static readonly Currency Eur = new("EUR");

    private readonly string? _code;

    /// <summary>The code; <c>default(Currency)</c> is EUR, so a zero-initialised Money is never "a currency unlike EUR".</summary>
    public string Code => _code ?? "EUR";

    public Currency(string code)
    {
        if (code is null || code.Length != 3 || !code.All(char.IsAsciiLetterUpper))
        {
            throw new DomainValidationException("currency", "currency must be a three-letter ISO 4217 code in capitals");
        }
        _code = code;
    }

    public bool Equals(Currency other) => string.Equals(Code, other.Code, StringComparison.Ordinal);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Code);

    public override string ToString() => Code;
}

/// <summary>
/// An amount of money: an integer number of cents and a currency. Arithmetic is checked (the whole solution builds
/// with CheckForOverflowUnderflow) and refuses to mix currencies.
/// </summary>
public readonly record struct Money(long Cents, Currency Currency) : IComparable<Money>
{
    public static Money Eur(long cents) => new(cents, Currency.Eur);
    public static Money Zero(Currency currency) => new(0, currency);

    public bool IsZero => Cents == 0;
    public bool IsPositive => Cents > 0;
    public bool IsNegative => Cents < 0;

    public static Money operator +(Money a, Money b) => new(checked(a.Cents + b.Cents), SameCurrency(a, b));
    public static Money operator -(Money a, Money b) => new(checked(a.Cents - b.Cents), SameCurrency(a, b));
    public static Money operator -(Money a) => new(checked(-a.Cents), a.Currency);
    public static bool operator <(Money a, Money b) => a.CompareTo(b) < 0;
    public static bool operator >(Money a, Money b) => a.CompareTo(b) > 0;
    public static bool operator <=(Money a, Money b) => a.CompareTo(b) <= 0;
    public static bool operator >=(Money a, Money b) => a.CompareTo(b) >= 0;

    public static Money Min(Money a, Money b) => a <= b ? a : b;
    public static Money Max(Money a, Money b) => a >= b ? a : b;

    public int CompareTo(Money other) => Cents.CompareTo(new Money(other.Cents, SameCurrency(this, other)).Cents);

    /// <summary>Parses a decimal string with a dot and at most two decimals ("512.30", "-12.3", "7").</summary>
    public static Money Parse(string text, Currency currency, string field = "amount")
    {
        if (!TryParseCents(text, out var cents))
        {
            throw new DomainValidationException(field, $"{field} must be a decimal number with a dot and at most two decimals");
        }
        return new Money(cents, currency);
    }

    public static bool TryParseCents(string? text, out long cents)
    {
        cents = 0;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var s = text.Trim();
        var negative = s.StartsWith('-');
        if (negative || s.StartsWith('+')) s = s[1..];
        var dot = s.IndexOf('.', StringComparison.Ordinal);
        var whole = dot < 0 ? s : s[..dot];
        var frac = dot < 0 ? "" : s[(dot + 1)..];
        if (whole.Length == 0 || whole.Length > 15 || frac.Length > 2) return false;
        if (!whole.All(char.IsAsciiDigit) || !frac.All(char.IsAsciiDigit)) return false;
        if (dot >= 0 && frac.Length == 0) return false;
        var value = checked(long.Parse(whole, CultureInfo.InvariantCulture) * 100
                            + (frac.Length == 0 ? 0 : long.Parse(frac.PadRight(2, '0'), CultureInfo.InvariantCulture)));
        cents = negative ? -value : value;
        return true;
    }

    /// <summary>"-12.30": sign only when negative, a dot, always two decimals.</summary>
    public string ToDecimalString() => FormatCents(Cents);

    public static string FormatCents(long cents)
    {
        var abs = cents == long.MinValue ? throw new OverflowException() : Math.Abs(cents);
        return string.Create(CultureInfo.InvariantCulture, $"{(cents < 0 ? "-" : "")}{abs / 100}.{abs % 100:00}");
    }

    public override string ToString() => $"{ToDecimalString()} {Currency}";

    private static Currency SameCurrency(Money a, Money b) =>
        a.Currency == b.Currency
            ? a.Currency
            : throw new InvalidOperationException($"cannot combine {a.Currency} and {b.Currency}");
}
