using System.Text.RegularExpressions;
using Primitives;

namespace Reconciliation.Matching;

/// <summary>Finds references in the texts of a payment: RF creditor references and landlord notice/tenant references.</summary>
internal static partial class EvidenceFinder
{
    [GeneratedRegex(@"RF\s?\d\s?\d(?:\s?[A-Z0-9]){1,21}", RegexOptions.CultureInvariant | RegexOptions.IgnoreCase, 200)]
    private static partial Regex RfCandidate();

    private static readonly char[] Separators = [' ', ':', ',', ';', '(', ')', '#', '+', '\t', '*', '='];

    /// <summary>Valid RF references, structured first, then anywhere in the texts (with or without spaces).</summary>
    public static IEnumerable<string> RfReferences(string? structured, IEnumerable<string> texts)
    {
        if (structured != null && RfReference.IsValid(structured)) yield return new RfReference(structured).Value;
        foreach (var text in texts)
        {
            foreach (Match m in RfCandidate().Matches(text))
            {
                var compact = m.Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
                // The regex is greedy and may swallow the next word: try the longest valid prefix.
                for (var len = compact.Length; len >= 5; len--)
                {
                    if (RfReference.IsValid(compact[..len]))
                    {
                        yield return compact[..len];
                        break;
                    }
                }
            }
        }
    }

    /// <summary>Candidate reference keys: every token and every run of two or three adjacent tokens, normalised.</summary>
    public static IEnumerable<(string Key, string Raw)> ReferenceKeys(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            var tokens = text.Split(Separators, StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < tokens.Length; i++)
            {
                var raw = tokens[i];
                for (var n = 0; n < 3 && i + n < tokens.Length; n++)
                {
                    if (n > 0) raw += " " + tokens[i + n];
                    var key = TextKeys.ReferenceKey(raw);
                    if (key.Length >= 4 && key.Any(char.IsAsciiDigit)) yield return (key, raw);
                }
            }
        }
    }
}
