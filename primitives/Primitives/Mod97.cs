namespace Primitives;

/// <summary>ISO 7064 MOD 97-10 over an alphanumeric string (A=10 … Z=35), shared by IBAN and ISO 11649 RF references.</summary>
internal static class Mod97
{
    /// <summary>Remainder mod 97 of the number obtained by replacing letters with two digits; null if a character is not alphanumeric.</summary>
    public static int? Remainder(string alnum)
    {
        var r = 0;
        foreach (var ch in alnum)
        {
            int v;
            if (char.IsAsciiDigit(ch)) v = ch - '0';
            else if (char.IsAsciiLetterUpper(ch)) v = ch - 'A' + 10;
            else if (char.IsAsciiLetterLower(ch)) v = ch - 'a' + 10;
            else return null;
            r = v < 10 ? (r * 10 + v) % 97 : (r * 100 + v) % 97;
        }
        return r;
    }
}
