using System.Globalization;
using System.Text;

namespace Reconciliation.Matching;

/// <summary>
/// Normalisation of references and names as people type them. References: upper case, separators and spaces dropped,
/// OCR-like confusions fixed (O→0, I/L→1) and leading zeros dropped, so "12345601", "123456 / 01" and "I23456/0I" meet.
/// </summary>
public static class TextKeys
{
    public static string ReferenceKey(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var piece = Piece(text);
        return piece.Length > 0 && piece[0] == '0' ? piece.TrimStart('0') : piece;
    }

    /// <summary>A token's key before leading zeros are dropped: upper case, separators out, O→0, I/L→1.</summary>
    internal static string Piece(string text)
    {
        var length = 0;
        foreach (var c in text) if (c is not ('/' or '-' or '.' or ' ' or '_')) length++;
        if (length == 0) return "";
        return string.Create(length, text, static (span, source) =>
        {
            var i = 0;
            foreach (var raw in source)
            {
                if (raw is '/' or '-' or '.' or ' ' or '_') continue;
                var c = char.ToUpperInvariant(raw);
                span[i++] = c switch { 'O' => '0', 'I' or 'L' => '1', _ => c };
            }
        });
    }

    /// <summary>
    /// Whether the text needed a character changed (O→0, I/L→1) to read as the reference, rather than only spaces, a
    /// slash, a dash or leading zeros: a changed character may be a typing error, a missing separator is not.
    /// </summary>
    public static bool NeededSubstitution(string text, string reference)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(reference);
        static string Plain(string s) => new string(s.ToUpperInvariant().Where(c => c is not ('/' or '-' or '.' or ' ' or '_')).ToArray()).TrimStart('0');
        return Plain(text) != Plain(reference);
    }

    /// <summary>Whether a normalised key differs from the plain compact text (an OCR fix or a leading zero was needed).</summary>
    public static bool NeededCorrection(string text, string key)
    {
        var plain = new string(text.ToUpperInvariant().Where(c => c is not ('/' or '-' or '.' or ' ' or '_')).ToArray());
        return plain != key;
    }

    /// <summary>Name tokens: accents removed, titles dropped, sorted, so "Mme DUPONT Marie" = "marie dupont".</summary>
    public static IReadOnlyList<string> NameTokens(string? name)
    {
        if (string.IsNullOrWhiteSpace(name)) return [];
        // Most bank texts are ASCII already: the Unicode decomposition (to drop accents) is done only when needed.
        var decomposed = System.Text.Ascii.IsValid(name) ? name : name.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark) continue;
            sb.Append(char.IsLetterOrDigit(c) ? char.ToUpperInvariant(c) : ' ');
        }
        return sb.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t is not ("M" or "MR" or "MME" or "MLLE" or "MM" or "ET" or "OU" or "DR" or "EPOUX" or "VIR" or "SEPA" or "DE" or "RECU"))
            .Order(StringComparer.Ordinal).ToList();
    }

    /// <summary>Token similarity in [0, 100]: shared tokens, one typo tolerated in tokens of five letters or more.</summary>
    public static int NameScore(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        if (a.Count == 0 || b.Count == 0) return 0;
        var matched = 0;
        var used = new bool[b.Count];
        foreach (var t in a)
        {
            for (var j = 0; j < b.Count; j++)
            {
                if (used[j]) continue;
                if (t == b[j] || (t.Length >= 5 && b[j].Length >= 5 && Levenshtein1(t, b[j])))
                {
                    used[j] = true;
                    matched++;
                    break;
                }
            }
        }
        return matched * 200 / (a.Count + b.Count);
    }

    private static bool Levenshtein1(string a, string b)
    {
        if (Math.Abs(a.Length - b.Length) > 1) return false;
        int i = 0, j = 0, edits = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] == b[j]) { i++; j++; continue; }
            if (++edits > 1) return false;
            if (a.Length > b.Length) i++;
            else if (b.Length > a.Length) j++;
            else { i++; j++; }
        }
        return edits + (a.Length - i) + (b.Length - j) <= 1;
    }
}
