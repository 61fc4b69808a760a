using System.Text.RegularExpressions;

namespace Payments.Api.Features.Pay;

/// <summary>
/// References as tenants type them, brought to the form printed on the notice when that is unambiguous: spaces and
/// separators (<c>100011 01</c>, <c>100011-01</c>), a suffix without its leading zero (<c>100011/1</c>), slashes or dots in the
/// notice number (<c>2026/11/000011</c>), lower case. Anything else is passed on unchanged (upper-cased, spaces removed) and
/// meets the same generic answer. The per-tenant limit counts the normalised reference, so typing variants buys no guesses.
/// </summary>
public static partial class TypedReferences
{
    [GeneratedRegex(@"^(\d{6})[\s/.\-]*(\d{1,2})$")]
    private static partial Regex TenantShape();

    [GeneratedRegex(@"^(\d{4})\s*[\-/.\s]\s*(\d{1,2})\s*[\-/.\s]\s*(\d{1,6})$")]
    private static partial Regex NoticeShape();

    public static string Tenant(string? typed)
    {
        var text = (typed ?? "").Trim().ToUpperInvariant();
        if (text.Length > 64) return text;
        return TenantShape().Match(text) is { Success: true } m ? $"{m.Groups[1].Value}/{m.Groups[2].Value.PadLeft(2, '0')}" : Squeeze(text);
    }

    public static string Notice(string? typed)
    {
        var text = (typed ?? "").Trim().ToUpperInvariant();
        if (text.Length > 64) return text;
        var m = NoticeShape().Match(text);
        if (m.Success && int.Parse(m.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture) is >= 1 and <= 12)
        {
            return $"{m.Groups[1].Value}-{m.Groups[2].Value.PadLeft(2, '0')}/{m.Groups[3].Value.PadLeft(6, '0')}";
        }
        return Squeeze(text);
    }

    private static string Squeeze(string text) => new(text.Where(c => !char.IsWhiteSpace(c)).ToArray());
}
