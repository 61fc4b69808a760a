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
        if (s.OpeningBalance is not { } open || s.ClosingBalance is not { } close) return;
        if (open.Currency != close.Currency || s.Entries.Any(e => e.Amount.Currency != open.Currency))
        {
            warnings.Add($"statement {index + 1} ({s.Account}): balances or entries in several currencies; balance not checked");
            return;
        }
        var sum = s.Entries.Aggregate(0L, (acc, e) => checked(acc + e.Amount.Cents));
        var expected = checked(open.Cents + sum);
        if (expected != close.Cents)
        {
            warnings.Add(string.Create(CultureInfo.InvariantCulture,
                $"statement {index + 1} ({s.Account}): opening {Money.FormatCents(open.Cents)} + entries {Money.FormatCents(sum)} = {Money.FormatCents(expected)}, but closing balance is {Money.FormatCents(close.Cents)}"));
        }
    }
}
