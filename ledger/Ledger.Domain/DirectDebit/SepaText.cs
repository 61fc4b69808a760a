namespace Ledger.Domain.DirectDebit;

/// <summary>
/// The SEPA (Latin) character set of the EPC implementation guidelines: a-z A-Z 0-9 / - ? : ( ) . , ' + and space. Banks
/// may accept more, but a file that uses only these passes every bank; identifiers (RUM, EndToEndId, MsgId) must in
/// addition not start or end with '/' nor contain "//" (EPC guidelines, rule on identifiers).
/// </summary>
public static class SepaText
{
    public static bool IsSepaChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || c is '/' or '-' or '?' or ':' or '(' or ')' or '.' or ',' or '\'' or '+' or ' ';

    public static bool IsSepaText(string? text) => text is not null && text.All(IsSepaChar);

    /// <summary>An identifier: 1..35 SEPA characters, no leading or trailing '/', no "//".</summary>
    public static bool IsIdentifier(string? id, int maxLength = 35) =>
        id is { Length: > 0 } && id.Length <= maxLength && IsSepaText(id)
        && id[0] != '/' && id[^1] != '/' && !id.Contains("//", StringComparison.Ordinal);

    /// <summary>
    /// A name or an address line in the SEPA set: accented letters lose their accent ("Hélène" → "Helene"), what has no
    /// Latin equivalent becomes a space; the EPC guidelines allow the creditor to convert so (the bank would otherwise).
    /// </summary>
    public static string Transliterate(string text, int maxLength)
    {
        var sb = new System.Text.StringBuilder(text.Length);
        foreach (var c in text.Normalize(System.Text.NormalizationForm.FormD))
        {
            if (System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) == System.Globalization.UnicodeCategory.NonSpacingMark) continue;
            sb.Append(c switch
            {
                'ß' => "ss", 'Œ' => "OE", 'œ' => "oe", 'Æ' => "AE", 'æ' => "ae", '&' => "+",
                // Typographic apostrophes and dashes of names typed on a phone ("L’Haÿ-les-Roses").
                '\u2019' or '\u2018' or '`' => "'", '\u2013' or '\u2014' => "-",
                _ => IsSepaChar(c) ? c.ToString() : " ",
            });
        }
        var result = sb.ToString().Trim();
        return result.Length <= maxLength ? result : result[..maxLength].TrimEnd();
    }

    /// <summary>
    /// A name or address line a mandate may hold: given as the tenant wrote it (accents and all: "Hélène", "Créteil"), what
    /// the collection file will carry is its transliteration, which must say something and fit. Control characters are no
    /// part of a name.
    /// </summary>
    public static bool IsConvertible(string? text, int maxLength) =>
        !string.IsNullOrWhiteSpace(text) && text.Length <= maxLength && !text.Any(char.IsControl)
        && Transliterate(text, int.MaxValue) is { Length: > 0 } t && t.Length <= maxLength && t.Any(char.IsAsciiLetterOrDigit);
}
