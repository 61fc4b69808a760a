using System.Globalization;
using Primitives;

namespace Reconciliation.Statements;

/// <summary>
/// Opening + Σ entries = closing. A mismatch is a warning, never fatal: several banks' own sample files do not balance,
/// and refusing the file would leave the accountant with nothing.
/// </summary>
public static class BalanceCheck
{
    public static void Check(Statement s, int index, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(s);
        var currency = s.OpeningBalance?.Currency;
        var mixed = currency is { } c && s.Entries.Any(e => e.Amount.Currency != c);
        var sum = mixed ? 0 : s.Entries.Aggregate(0L, (acc, e) => checked(acc + e.Amount.Cents));
        Check(new StatementInfo(s.Account, s.Currency, s.OpeningBalance, s.ClosingBalance, s.OpeningDate, s.ClosingDate, s.Entries.Count), sum, mixed, index, warnings);
    }

    /// <summary>The same check on a streamed statement: the sum of its entries and whether one was in another currency.</summary>
    public static void Check(StatementInfo s, long entriesSum, bool mixedCurrencies, int index, List<string> warnings)
    {
        ArgumentNullException.ThrowIfNull(s);
        ArgumentNullException.ThrowIfNull(warnings);
        if (s.OpeningBalance is not { } open || s.ClosingBalance is not { } close) return;
        if (open.Currency != close.Currency || mixedCurrencies)
        {
            warnings.Add($"statement {index + 1} ({s.Account}): balances or entries in several currencies; balance not checked");
            return;
        }
        var expected = checked(open.Cents + entriesSum);
        if (expected != close.Cents)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"statement {index + 1} ({s.Account}): opening {Money.FormatCents(open.Cents)} + entries {Money.FormatCents(entriesSum)} = {Money.FormatCents(expected)}, but closing balance is {Money.FormatCents(close.Cents)}"));
        }
    }
}
