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
        var decomposed = text.Normalize(System.Text.NormalizationForm.FormD);
        var chars = decomposed
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .Select(c => c switch { 'ß' => 's', 'Œ' => 'O', 'œ' => 'o', 'Æ' => 'A', 'æ' => 'a', '&' => '+', _ => IsSepaChar(c) ? c : ' ' })
            .ToArray();
        var result = new string(chars).Trim();
        return result.Length <= maxLength ? result : result[..maxLength].TrimEnd();
    }
}
