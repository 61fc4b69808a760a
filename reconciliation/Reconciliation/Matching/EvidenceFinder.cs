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

    /// <summary>Candidate reference keys: every token and every run of two or three adjacent tokens, normalised; RF tokens excluded.</summary>
    public static IEnumerable<(string Key, string Raw)> ReferenceKeys(IEnumerable<string> texts)
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
            for (var i = 0; i < tokens.Length; i++)
            {
                if (rf[i]) continue;
                var raw = tokens[i];
                for (var n = 0; n < 3 && i + n < tokens.Length && !rf[i + n]; n++)
                {
                    if (n > 0) raw += " " + tokens[i + n];
                    var key = TextKeys.ReferenceKey(raw);
                    if (key.Length >= 4 && key.Any(char.IsAsciiDigit)) yield return (key, raw);
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
