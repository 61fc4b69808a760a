namespace Primitives;

/// <summary>
/// A SEPA creditor identifier (ICS in France): country code, two check digits, a three-character creditor business code,
/// then the national identifier (six characters in France). The check digits are ISO 7064 MOD 97-10 over the national
/// identifier followed by the country code and "00": the business code is excluded, so a creditor may change it without
/// a new identifier (EPC262-08 "Creditor Identifier Overview").
/// </summary>
public sealed record CreditorIdentifier
{
    public string Value { get; }

    /// <summary>The national identifier with its country and check digits, business code left out: what identifies the creditor.</summary>
    public string Core => Value[..4] + Value[7..];

    public CreditorIdentifier(string value)
    {
        var v = (value ?? "").Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (v.Length < 8 || v.Length > 35 || !char.IsAsciiLetterUpper(v[0]) || !char.IsAsciiLetterUpper(v[1])
            || !char.IsAsciiDigit(v[2]) || !char.IsAsciiDigit(v[3]) || !v.All(char.IsAsciiLetterOrDigit))
        {
            throw new DomainValidationException("ics",
                "creditor identifier must be a country code, two check digits, a three-character business code and the national identifier (35 characters at most)");
        }
        if (v.StartsWith("FR", StringComparison.Ordinal) && v.Length != 13)
        {
            throw new DomainValidationException("ics", "a French creditor identifier (ICS) has 13 characters, e.g. FR72ZZZ123456");
        }
        var national = v[7..];
        var expected = 98 - Mod97.Remainder(national + v[..2] + "00")!.Value;
        if (expected != int.Parse(v.AsSpan(2, 2), System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new DomainValidationException("ics", "creditor identifier check digits are wrong");
        }
        Value = v;
    }

    public static bool TryCreate(string? value, out CreditorIdentifier? ics)
    {
        try { ics = new CreditorIdentifier(value ?? ""); return true; }
        catch (DomainValidationException) { ics = null; return false; }
    }

    public override string ToString() => Value;
}
