using System.Text.Json.Serialization;
using System.Text.RegularExpressions;

namespace Primitives;

/// <summary>
/// The landlord's reference for a tenant account, as printed on the rent notice (Paris Habitat: <c>xxxxxx/xx</c>).
/// Construction checks a generic shape; <see cref="TenantReferenceFormat"/> adds the landlord's own pattern.
/// Stored upper-case and trimmed so that what a tenant types matches what the landlord printed.
/// </summary>
[JsonConverter(typeof(TenantReferenceJsonConverter))]
public sealed record TenantReference
{
    private static readonly Regex Shape = new("^[A-Z0-9][A-Z0-9/\\-.]{1,31}$", FixedShape.Options, FixedShape.Timeout);

    public string Value { get; }

    public TenantReference(string value)
    {
        var v = (value ?? "").Trim().ToUpperInvariant();
        if (!Shape.IsMatch(v))
        {
            throw new DomainValidationException("tenantReference", "tenant reference must be 2 to 32 letters, digits, '/', '-' or '.'");
        }
        Value = v;
    }

    public static bool TryCreate(string? value, out TenantReference? reference)
    {
        try { reference = new TenantReference(value ?? ""); return true; }
        catch (DomainValidationException) { reference = null; return false; }
    }

    public override string ToString() => Value;
}

/// <summary>A landlord's pattern for tenant references, e.g. <c>^\d{6}/\d{2}$</c> for Paris Habitat.</summary>
public sealed class TenantReferenceFormat(string pattern)
{
    public static readonly TenantReferenceFormat Any = new("^.+$");
    public static readonly TenantReferenceFormat ParisHabitat = new("^\\d{6}/\\d{2}$");

    /// <summary>
    /// Linear-time matching (no backtracking): a landlord's pattern such as <c>^(a+)+$</c> cannot make a lookup take
    /// exponential time (it used to time out into a 500). Patterns this engine cannot run (backreferences, lookarounds)
    /// are refused when the landlord is saved, see <see cref="IsSupported"/>.
    /// </summary>
    private readonly Regex _regex = Compile(pattern);

    private static Regex Compile(string pattern)
    {
        try { return new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, TimeSpan.FromMilliseconds(50)); }
        catch (NotSupportedException) { return new Regex(pattern, RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(50)); }
    }

    /// <summary>True when the pattern is a valid regular expression the linear-time engine runs, and not absurdly long.</summary>
    public static bool IsSupported(string pattern)
    {
        if (pattern.Length > 200) return false;
        try { _ = new Regex(pattern, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking); return true; }
        catch (Exception e) when (e is ArgumentException or NotSupportedException) { return false; }
    }

    public string Pattern { get; } = pattern;

    public TenantReference Parse(string value, string field = "tenantReference")
    {
        var reference = new TenantReference(value);
        bool matches;
        try { matches = _regex.IsMatch(reference.Value); }
        catch (RegexMatchTimeoutException) { matches = false; }
        if (!matches)
        {
            throw new DomainValidationException(field, $"tenant reference does not have this landlord's format ({Pattern})");
        }
        return reference;
    }
}
