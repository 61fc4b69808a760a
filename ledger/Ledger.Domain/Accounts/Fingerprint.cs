using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Ledger.Domain.ValueObjects;

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

    public static string Lines(IEnumerable<NoticeLine> lines) =>
        string.Join(';', lines.Select(l => $"{l.Kind}:{l.Label}:{l.Amount.Cents}:{l.Amount.Currency}"));

    public static string References(IReadOnlyDictionary<string, string> refs) =>
        string.Join(';', refs.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key}={kv.Value}"));

    private static string Render(object? part) => part switch
    {
        null => "\u2400",
        Money m => $"{m.Cents}{m.Currency}",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => part.ToString() ?? "",
    };
}
