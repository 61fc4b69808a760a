using System.Security.Cryptography;
using System.Text;
using Primitives;
using NodaTime;
using NodaTime.Text;

namespace Reconciliation.Statements;

/// <summary>
/// Stable, format-independent entry ids for de-duplication on re-import. The bank reference is used when there is one;
/// otherwise a hash of account, dates, amount and texts. An occurrence counter keeps two genuinely identical transfers
/// on the same day as two entries ("…-2"), the way a re-import of the same file yields the same ids in the same order.
/// </summary>
public sealed class EntryIds
{
    private static readonly HashSet<string> NoReference = new(StringComparer.OrdinalIgnoreCase) { "NONREF", "NOTPROVIDED", "NONE" };
    // The keys seen so far, by a 64-bit hash: a 125,000-entry file costs 2 MB here instead of 20 MB of strings (a set of
    // hashes, 16 bytes a slot, plus counts only for the rare keys seen twice; a Dictionary<ulong, int> of every key took
    // 24 bytes a slot). Two different keys sharing a hash (about one chance in 10^9 per file) would only give the second
    // a "-2": still stable.
    private readonly HashSet<ulong> _seen = [];
    private readonly Dictionary<ulong, int> _repeated = [];

    public string Next(string account, string? bankReference, LocalDate? booking, LocalDate? value, Money amount, IEnumerable<string?> texts)
    {
        string key;
        if (!string.IsNullOrWhiteSpace(bankReference) && !NoReference.Contains(bankReference.Trim()))
        {
            key = "ref:" + account + ":" + bankReference.Trim();
        }
        else
        {
            key = Hashed(account, booking, value, amount, texts);
        }
        var seen = Fnv(key);
        if (_seen.Add(seen)) return key;
        var n = _repeated.TryGetValue(seen, out var c) ? c + 1 : 2;
        _repeated[seen] = n;
        return $"{key}-{n}";
    }

    // Its own method, not inlined: the cryptography assembly (and OpenSSL) is loaded only by a file that has entries
    // without a bank reference, not by every parse (1.4 MB of the process's resident memory otherwise).
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static string Hashed(string account, LocalDate? booking, LocalDate? value, Money amount, IEnumerable<string?> texts)
    {
        var sb = new StringBuilder();
        sb.Append(account).Append('|').Append(Date(booking)).Append('|').Append(Date(value)).Append('|')
          .Append(amount.Cents).Append(amount.Currency.Code);
        foreach (var t in texts) sb.Append('|').Append(t);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(sb.ToString()));
        return "h:" + Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }

    private static ulong Fnv(string s)
    {
        var h = 14695981039346656037UL;
        foreach (var ch in s) h = unchecked((h ^ ch) * 1099511628211UL);
        return h;
    }

    private static string Date(LocalDate? d) => d is { } x ? LocalDatePattern.Iso.Format(x) : "";
}
