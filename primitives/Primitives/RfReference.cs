using System.Text.Json.Serialization;
namespace Primitives;

/// <summary>
/// ISO 11649 structured creditor reference: <c>RF</c>, two check digits, 1 to 21 alphanumerics. Printed on each notice so
/// that a transfer carrying it can be matched without doubt. Stored without spaces, upper-case; printed in groups of four.
/// </summary>
[JsonConverter(typeof(RfReferenceJsonConverter))]
public sealed record RfReference
{
    public string Value { get; }

    public RfReference(string value)
    {
        var v = Compact(value);
        if (v.Length < 5 || v.Length > 25 || !v.StartsWith("RF", StringComparison.Ordinal)
            || !char.IsAsciiDigit(v[2]) || !char.IsAsciiDigit(v[3]))
        {
            throw new DomainValidationException("rfReference", "RF reference must be 'RF', two check digits and 1 to 21 letters or digits");
        }
        if (Mod97.Remainder(v[4..] + v[..4]) != 1)
        {
            throw new DomainValidationException("rfReference", "RF reference check digits are wrong");
        }
        Value = v;
    }

    /// <summary>Builds the RF reference for a creditor reference body (1 to 21 letters or digits).</summary>
    public static RfReference Generate(string body)
    {
        var b = Compact(body);
        if (b.Length is < 1 or > 21 || !b.All(char.IsAsciiLetterOrDigit))
        {
            throw new DomainValidationException("rfReference", "RF reference body must be 1 to 21 letters or digits");
        }
        var remainder = Mod97.Remainder(b + "RF00")!.Value;
        var check = 98 - remainder;
        return new RfReference($"RF{check:00}{b}");
    }

    public static bool IsValid(string? value)
    {
        if (value is null) return false;
        try { _ = new RfReference(value); return true; }
        catch (DomainValidationException) { return false; }
    }

    /// <summary>Groups of four, as printed: "RF18 5390 0754 7034".</summary>
    public string ToPrintedForm() => string.Join(' ', Enumerable.Range(0, (Value.Length + 3) / 4)
        .Select(i => Value.Substring(i * 4, Math.Min(4, Value.Length - i * 4))));

    public override string ToString() => Value;

    private static string Compact(string? s) => (s ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
}
