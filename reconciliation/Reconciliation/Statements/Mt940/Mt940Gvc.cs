using System.Text;

namespace Reconciliation.Statements.Mt940;

/// <summary>
/// The German <c>:86:</c> (DFÜ-Abkommen): a three-digit business code (GVC), then subfields <c>?00</c> booking text,
/// <c>?20</c>–<c>?29</c> and <c>?60</c>–<c>?63</c> purpose, <c>?30</c> bank code or BIC, <c>?31</c> account or IBAN,
/// <c>?32</c>–<c>?33</c> name. The purpose carries the SEPA keywords <c>EREF+</c>, <c>SVWZ+</c>, <c>MREF+</c>… Banks break
/// the purpose into 27-character pieces anywhere, even inside a word or a reference, so the pieces are joined without a space.
/// </summary>
internal static class Mt940Gvc
{
    private static readonly string[] Keywords = ["EREF+", "KREF+", "MREF+", "CRED+", "DEBT+", "SVWZ+", "ABWA+", "ABWE+", "IBAN+", "BIC+", "COAM+", "OAMT+"];

    public static bool Applies(string joined) =>
        joined.Length >= 6 && char.IsAsciiDigit(joined[0]) && char.IsAsciiDigit(joined[1]) && char.IsAsciiDigit(joined[2])
        && joined.IndexOf('?', 3) is >= 3 and <= 4;

    public static Mt940Info Parse(string joined)
    {
        var fields = new SortedDictionary<int, StringBuilder>();
        var i = joined.IndexOf('?');
        while (i >= 0 && i + 2 < joined.Length)
        {
            var next = joined.IndexOf('?', i + 3);
            if (char.IsAsciiDigit(joined[i + 1]) && char.IsAsciiDigit(joined[i + 2]))
            {
                var code = (joined[i + 1] - '0') * 10 + (joined[i + 2] - '0');
                var value = next < 0 ? joined[(i + 3)..] : joined[(i + 3)..next];
                if (!fields.TryGetValue(code, out var sb)) fields[code] = sb = new StringBuilder();
                sb.Append(value);
            }
            i = next;
        }
        string? F(int code) => fields.TryGetValue(code, out var v) && v.ToString().Trim() is { Length: > 0 } s ? s : null;
        var purpose = string.Concat(fields.Where(f => f.Key is (>= 20 and <= 29) or (>= 60 and <= 63)).Select(f => f.Value.ToString()));
        var parts = Split(purpose);
        var free = new List<string>();
        if (parts.TryGetValue("SVWZ+", out var svwz)) free.Add(svwz);
        else if (parts.Count == 0 && purpose.Trim().Length > 0) free.Add(purpose.Trim());
        if (F(0) is { } booking) free.Add(booking);
        var name = string.Join(' ', new[] { F(32), F(33) }.Where(x => x != null));
        var account = F(31);
        var iban = account is { Length: >= 15 } && char.IsAsciiLetter(account[0]) ? account.Replace(" ", "", StringComparison.Ordinal) : null;
        var eref = parts.TryGetValue("EREF+", out var e) && e != "NOTPROVIDED" ? e : null;
        return new Mt940Info(name.Length > 0 ? name : null, iban, eref, null, null, free);
    }

    /// <summary>The purpose's SEPA keywords and their values ("EREF+123SVWZ+Miete" → EREF+ 123, SVWZ+ Miete).</summary>
    private static Dictionary<string, string> Split(string purpose)
    {
        var found = new List<(int At, string Key)>();
        foreach (var k in Keywords)
        {
            for (var at = purpose.IndexOf(k, StringComparison.Ordinal); at >= 0; at = purpose.IndexOf(k, at + k.Length, StringComparison.Ordinal))
            {
                found.Add((at, k));
            }
        }
        found.Sort((a, b) => a.At.CompareTo(b.At));
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var j = 0; j < found.Count; j++)
        {
            var start = found[j].At + found[j].Key.Length;
            var end = j + 1 < found.Count ? found[j + 1].At : purpose.Length;
            result.TryAdd(found[j].Key, purpose[start..end].Trim());
        }
        return result;
    }
}
