using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Primitives;

namespace Ledger.Domain.Accounts;

/// <summary>
/// The content hash that makes a repeated command recognisable: same id and same fingerprint is an idempotent repeat,
/// same id and another fingerprint is a conflict. Computed the same way from a command and from the event it produced.
/// </summary>
public static class Fingerprint
{
    public static string Of(params object?[] parts)
    {
        var text = string.Join('\u001f', parts.Select(Render));
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
    }

    public static string Of(NoticeCredited e) => Of("credit", e.NoticeReference, Lines(e.Lines), e.On, e.Reason);
    public static string Of(NoticeWrittenOff e) => Of("writeoff", e.NoticeReference, e.Amount, e.On, e.ApprovedBy, e.Reason);
    public static string Of(CreditRefunded e) => Of("refund", e.Amount, e.On, e.ApprovedBy, e.Reason);
    public static string Of(BalanceAdjusted e) => Of("adjust", e.Amount, e.On, e.ApprovedBy, e.Reason);

    // Free text (labels, references) is length-prefixed: without it "X;chequeNumber=1" in one value would fingerprint like
    // two separate references, and a changed payment would be taken for a repeat instead of a conflict.
    public static string Lines(IEnumerable<NoticeLine> lines) =>
        string.Concat(lines.Select(l => $"{l.Kind}|{Text(l.Label)}|{l.Amount.Cents}|{l.Amount.Currency};"));

    public static string References(IReadOnlyDictionary<string, string> refs) =>
        string.Concat(refs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{Text(kv.Key)}{Text(kv.Value)}"));

    private static string Text(string s) => $"{s.Length}:{s}";

    private static string Render(object? part) => part switch
    {
        null => "\u2400",
        Money m => $"{m.Cents}{m.Currency}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => part.ToString() ?? "",
    };
}
