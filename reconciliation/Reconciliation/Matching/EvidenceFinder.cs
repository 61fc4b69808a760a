using Primitives;

namespace Reconciliation.Matching;

/// <summary>
/// Finds references in the texts of a payment: RF creditor references and landlord notice/tenant references. An RF is
/// read token by token, as people write it: compact ("RF18539007547034") or printed in groups of four ("RF18 5390 0754
/// 7034"). Its candidates end at a token boundary only, so the next word is never glued to it; the tokens of an RF, valid
/// or not, are never read again as a tenant or notice reference (an RF with one digit wrong must not become another
/// tenant's notice number).
/// </summary>
internal static class EvidenceFinder
{
    private static readonly char[] Separators = [' ', ':', ',', ';', '(', ')', '#', '+', '\t', '*', '='];

    /// <summary>Valid RF references, structured first, then in the texts, each with the candidates of one RF longest first.</summary>
    public static IEnumerable<string> RfReferences(string? structured, IEnumerable<string> texts)
    {
        if (structured != null && RfReference.IsValid(structured)) yield return new RfReference(structured).Value;
        foreach (var text in texts)
        {
            var tokens = Tokens(text);
            for (var i = 0; i < tokens.Length; i++)
            {
                if (!StartsRf(tokens[i])) continue;
                var ends = RfSpan(tokens, i);
                var found = false;
                var compact = string.Concat(tokens[i..(ends + 1)]).ToUpperInvariant();
                // Longest first, at token boundaries; then, for a single glued token ("RF18539007547034MERCI"), its prefixes.
                for (var j = ends; j >= i && !found; j--)
                {
                    var candidate = string.Concat(tokens[i..(j + 1)]).ToUpperInvariant();
                    if (RfReference.IsValid(candidate))
                    {
                        found = true;
                        yield return candidate;
                    }
                }
                if (!found && ends == i && compact.Length > 5)
                {
                    for (var len = Math.Min(compact.Length - 1, 25); len >= 5; len--)
                    {
                        if (!RfReference.IsValid(compact[..len])) continue;
                        yield return compact[..len];
                        break;
                    }
                }
                i = ends;
            }
        }
    }

    /// <summary>
    /// Candidate reference keys: every token and every run of two or three adjacent tokens, normalised; RF tokens
    /// excluded. Each token is normalised once and a window's key is the concatenation of its tokens' keys, so a text costs
    /// a few small strings; the raw text of a window is built only when its key is found.
    /// </summary>
    public static IEnumerable<ReferenceCandidate> ReferenceKeys(IEnumerable<string> texts)
    {
        foreach (var text in texts)
        {
            var tokens = Tokens(text);
            var rf = new bool[tokens.Length];
            for (var i = 0; i < tokens.Length; i++)
            {
                if (!StartsRf(tokens[i])) continue;
                var ends = RfSpan(tokens, i);
                for (var j = i; j <= ends; j++) rf[j] = true;
                i = ends;
            }
            var pieces = new string[tokens.Length];
            var digits = new bool[tokens.Length];
            for (var i = 0; i < tokens.Length; i++)
            {
                pieces[i] = TextKeys.Piece(tokens[i]);
                digits[i] = tokens[i].AsSpan().ContainsAnyInRange('0', '9');
            }
            for (var i = 0; i < tokens.Length; i++)
            {
                if (rf[i]) continue;
                var key = "";
                var hasDigit = false;
                for (var n = 0; n < 3 && i + n < tokens.Length && !rf[i + n]; n++)
                {
                    key = n == 0 ? pieces[i] : key + pieces[i + n];
                    hasDigit |= digits[i + n];
                    // No reference is longer than 35 characters (a notice reference's limit).
                    if (key.Length > 40) break;
                    var trimmed = key.Length > 0 && key[0] == '0' ? key.TrimStart('0') : key;
                    if (trimmed.Length >= 4 && hasDigit) yield return new ReferenceCandidate(trimmed, tokens, i, n + 1);
                }
            }
        }
    }

    private static string[] Tokens(string text) => text.Split(Separators, StringSplitOptions.RemoveEmptyEntries);

    /// <summary>"RF" and two digits, then letters or digits.</summary>
    private static bool StartsRf(string token) =>
        token.Length >= 4 && (token[0] is 'R' or 'r') && (token[1] is 'F' or 'f') && char.IsAsciiDigit(token[2]) && char.IsAsciiDigit(token[3])
        && token.All(char.IsAsciiLetterOrDigit);

    /// <summary>The last token of the RF starting at <paramref name="start"/>: printed groups follow while each previous group had four characters.</summary>
    private static int RfSpan(string[] tokens, int start)
    {
        var compact = tokens[start];
        var end = start;
        while (end + 1 < tokens.Length && tokens[end].Length == 4 && tokens[end + 1].Length is >= 1 and <= 4
               && tokens[end + 1].All(char.IsAsciiLetterOrDigit) && compact.Length + tokens[end + 1].Length <= 25
               // A group without a digit ("LOYE" of LOYER) belongs to the RF only if it completes a valid one ("RF45 G72U UR").
               && (tokens[end + 1].Any(char.IsAsciiDigit) || RfReference.IsValid(compact + tokens[end + 1])))
        {
            end++;
            compact += tokens[end];
        }
        return end;
    }
}

/// <summary>A window of tokens and its normalised key; <see cref="Raw"/> is the text as written.</summary>
internal readonly record struct ReferenceCandidate(string Key, string[] Tokens, int Start, int Count)
{
    public string Raw => string.Join(' ', Tokens, Start, Count);

    public void Deconstruct(out string key, out string raw)
    {
        key = Key;
        raw = Raw;
    }
}
