namespace Primitives;

/// <summary>
/// An IBAN checked with ISO 7064 mod 97. A tenant's IBAN is personal data: <see cref="ToString"/> masks it so that it
/// cannot leak into a log by accident; code that needs the full value asks for <see cref="Value"/>.
/// </summary>
public sealed record Iban
{
    // Lengths for the SEPA countries we meet on French statements; others are checked for the generic 15..34 range.
    private static readonly Dictionary<string, int> Lengths = new(StringComparer.Ordinal)
    {
        ["FR"] = 27, ["MC"] = 27, ["DE"] = 22, ["BE"] = 16, ["ES"] = 24, ["IT"] = 27, ["NL"] = 18, ["LU"] = 20,
        ["PT"] = 25, ["GB"] = 22, ["CH"] = 21, ["AT"] = 20, ["IE"] = 22, ["GP"] = 27, ["MQ"] = 27, ["RE"] = 27,
    };

    public string Value { get; }

    public Iban(string value)
    {
        var v = (value ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (v.Length < 15 || v.Length > 34 || !char.IsAsciiLetterUpper(v[0]) || !char.IsAsciiLetterUpper(v[1])
            || !char.IsAsciiDigit(v[2]) || !char.IsAsciiDigit(v[3]) || !v.All(char.IsAsciiLetterOrDigit))
        {
            throw new DomainValidationException("iban", "IBAN must be a country code, two check digits and up to 30 letters or digits");
        }
        if (Lengths.TryGetValue(v[..2], out var expected) && v.Length != expected)
        {
            throw new DomainValidationException("iban", $"an IBAN of this country has {expected} characters");
        }
        if (Mod97.Remainder(v[4..] + v[..4]) != 1)
        {
            throw new DomainValidationException("iban", "IBAN check digits are wrong");
        }
        Value = v;
    }

    public static bool TryCreate(string? value, out Iban? iban)
    {
        try { iban = new Iban(value ?? ""); return true; }
        catch (DomainValidationException) { iban = null; return false; }
    }

    /// <summary>Printed form in groups of four (for the landlord's own IBAN on the payment page).</summary>
    public string ToPrintedForm() => string.Join(' ', Enumerable.Range(0, (Value.Length + 3) / 4)
        .Select(i => Value.Substring(i * 4, Math.Min(4, Value.Length - i * 4))));

    public override string ToString() => $"{Value[..4]}…{Value[^4..]}";
}
