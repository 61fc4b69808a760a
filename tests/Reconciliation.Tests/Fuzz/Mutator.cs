using System.Globalization;
using System.Text;

namespace Reconciliation.Tests.Fuzz;

/// <summary>
/// Seeded, deterministic mutations of a seed file: the same case seed gives the same bytes and the same description, so
/// a failure printed with its seed replays exactly. Byte flips, deletions, duplications, insertions of the tokens the
/// parsers branch on (record codes, MT940 tags, camt elements, CSV quotes, huge numbers, signs, invalid UTF-8, NUL),
/// line swaps and truncations; one to four per file.
/// </summary>
internal static class Mutator
{
    private static readonly string[] Tokens =
    [
        "\n", "\r\n", "\r", "\"", "\"\"", ",", ";", ":", "/", "//", "-", "+", " ", "\t", "0", "9", "99999999999999999999",
        "-1", "1e9", ",,", ".", "{", "}", "<", ">", "&", "&amp;", "&#0;", "<!DOCTYPE x [<!ENTITY a \"b\">]>", "]]>",
        ":20:", ":25:", ":60F:", ":61:", ":86:", ":62F:", ":28C:", "-}", "{4:", "C", "D", "RC", "RD", "EUR", "XXX", "???",
        "01", "04", "05", "07", "<Ntry>", "</Ntry>", "<Amt Ccy=\"EUR\">", "</Amt>", "<Amt Ccy=\"\">1</Amt>", "<CdtDbtInd>DBIT</CdtDbtInd>",
        "<Stmt>", "</Stmt>", "<Bal>", "<TxDtls>", "<BookgDt><Dt>2026-02-30</Dt></BookgDt>", "NONREF", "?20", "?32", "EREF+",
        "SVWZ+", "/NAME/", "/EREF/", "/CREF/RF", "/RTRN/", "\u00e9", "\u20ac", "\uFEFF", "2026-13-01", "000000", "991231",
    ];

    public static (byte[] Bytes, string Description) Mutate(byte[] seedFile, byte[] otherFile, ulong caseSeed)
    {
        var rng = new SplitMix(caseSeed);
        var data = new List<byte>(seedFile);
        var steps = new List<string>();
        var count = 1 + rng.Below(4);
        for (var i = 0; i < count; i++) steps.Add(Apply(data, otherFile, ref rng));
        return (data.ToArray(), string.Join("; ", steps));
    }

    private static string Apply(List<byte> d, byte[] other, ref SplitMix rng)
    {
        var at = d.Count == 0 ? 0 : rng.Below(d.Count);
        switch (rng.Below(11))
        {
            case 0 when d.Count > 0:
                var b = (byte)rng.Below(256);
                d[at] = b;
                return F($"byte {at} = 0x{b:X2}");
            case 1 when d.Count > 0:
                var n = Math.Min(d.Count - at, 1 + rng.Below(64));
                d.RemoveRange(at, n);
                return F($"delete {n} bytes at {at}");
            case 2 when d.Count > 0:
                var len = Math.Min(d.Count - at, 1 + rng.Below(400));
                var copy = d.GetRange(at, len);
                var to = rng.Below(d.Count + 1);
                d.InsertRange(to, copy);
                return F($"duplicate {len} bytes from {at} to {to}");
            case 3 or 4:
                var token = Tokens[rng.Below(Tokens.Length)];
                d.InsertRange(at, Encoding.UTF8.GetBytes(token));
                return F($"insert \"{Escape(token)}\" at {at}");
            case 5 when d.Count > 0:
                var t2 = Tokens[rng.Below(Tokens.Length)];
                var over = Math.Min(d.Count - at, t2.Length);
                d.RemoveRange(at, over);
                d.InsertRange(at, Encoding.UTF8.GetBytes(t2));
                return F($"overwrite {over} bytes at {at} with \"{Escape(t2)}\"");
            case 6:
                var lines = Lines(d);
                if (lines.Count < 2) return "swap lines (none)";
                int x = rng.Below(lines.Count), y = rng.Below(lines.Count);
                (lines[x], lines[y]) = (lines[y], lines[x]);
                Replace(d, lines);
                return F($"swap lines {x + 1} and {y + 1}");
            case 7:
                var ls = Lines(d);
                if (ls.Count == 0) return "delete line (none)";
                var which = rng.Below(ls.Count);
                if (rng.Below(2) == 0) ls.RemoveAt(which);
                else ls.Insert(which, ls[which]);
                Replace(d, ls);
                return F($"delete or repeat line {which + 1}");
            case 8 when d.Count > 0:
                d.RemoveRange(at, d.Count - at);
                return F($"truncate at {at}");
            case 9 when d.Count > 0:
                // A digit becomes another digit or a letter: dates, amounts, lengths, record codes.
                for (var k = 0; k < 64; k++)
                {
                    var p = (at + k) % d.Count;
                    if (d[p] is >= (byte)'0' and <= (byte)'9')
                    {
                        var c = (byte)"0123456789AZ "[rng.Below(13)];
                        d[p] = c;
                        return F($"digit at {p} = '{(char)c}'");
                    }
                }
                return "digit (none)";
            case 10 when other.Length > 0:
                var from = rng.Below(other.Length);
                var l2 = Math.Min(other.Length - from, 1 + rng.Below(300));
                d.InsertRange(at, other.AsSpan(from, l2).ToArray());
                return F($"splice {l2} bytes of another format from {from} at {at}");
            default:
                d.Add((byte)'\n');
                return "append line break";
        }
    }

    private static List<byte[]> Lines(List<byte> d)
    {
        var result = new List<byte[]>();
        var start = 0;
        for (var i = 0; i < d.Count; i++)
        {
            if (d[i] != '\n') continue;
            result.Add(d.GetRange(start, i - start + 1).ToArray());
            start = i + 1;
        }
        if (start < d.Count) result.Add(d.GetRange(start, d.Count - start).ToArray());
        return result;
    }

    private static void Replace(List<byte> d, List<byte[]> lines)
    {
        d.Clear();
        foreach (var l in lines) d.AddRange(l);
    }

    private static string Escape(string s) => s.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);

    private static string F(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    /// <summary>SplitMix64: tiny, seeded, the same sequence on every machine and runtime.</summary>
    internal struct SplitMix(ulong seed)
    {
        private ulong _state = seed;

        public ulong Next()
        {
            var z = unchecked(_state += 0x9E3779B97F4A7C15UL);
            z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
            z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
            return z ^ (z >> 31);
        }

        public int Below(int n) => (int)(Next() % (ulong)n);
    }
}
