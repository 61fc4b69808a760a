using Ledger.Domain.Accounts;
using Primitives;
using NodaTime;

namespace Ledger.Domain.Journal;

/// <summary>One line of a journal entry: a debit or a credit (never both) in cents on one account.</summary>
public sealed record JournalLine(string Account, string? Auxiliary, long Debit, long Credit, string Label);

/// <summary>A balanced journal entry. Journal codes from the chart: VT (quittancement), BQ / CH / CB (receipts by channel group), OD (adjustments).</summary>
public sealed record JournalEntry(string Journal, LocalDate Date, string PieceRef, string Label, IReadOnlyList<JournalLine> Lines)
{
    public long TotalDebit => Lines.Sum(l => l.Debit);
    public long TotalCredit => Lines.Sum(l => l.Credit);
}

/// <summary>
/// Turns each money fact into a balanced double-entry entry. Pure: the account state before the event gives what the
/// event alone does not say (the channel of a reversed payment). Allocations move nothing between accounts, so they
/// post nothing: they are lettrage, not bookkeeping.
/// </summary>
public static class JournalPosting
{
    public static JournalEntry? For(object @event, TenantAccount before, ChartOfAccounts chart)
    {
        var aux = before.TenantReference?.Value;
        var entry = @event switch
        {
            NoticeIssued e => Entry(chart.BillingJournal, e.IssuedOn, e.NoticeReference.Value, $"Avis {e.Period:yyyy-MM}",
                [Receivable(chart, aux, e.Total.Cents), .. e.Lines.Select(l => Revenue(chart, l, -1))]),
            NoticeCredited e => Entry(chart.BillingJournal, e.On, e.CreditNoteReference, $"Avoir sur {e.NoticeReference}",
                [Receivable(chart, aux, -e.Total.Cents), .. e.Lines.Select(l => Revenue(chart, l, +1))]),
            NoticeCancelled e => Cancelled(chart, aux, before, e),
            NoticeWrittenOff e => Entry(chart.MiscJournal, e.On, e.WriteOffId, $"Créance irrécouvrable {e.NoticeReference}",
                [Line(chart.BadDebt, null, e.Amount.Cents, "Perte"), Receivable(chart, aux, -e.Amount.Cents)]),
            PaymentReceived e => Entry(chart.JournalFor(e.Channel), e.ReceivedOn, e.PaymentId.Value, $"Règlement {e.Channel}",
                [Line(chart.CashAccountFor(e.Channel), null, e.Amount.Cents, "Encaissement"), Receivable(chart, aux, -e.Amount.Cents)]),
            PaymentReversed e => Entry(chart.JournalFor(before.Payment(e.PaymentId)!.Channel), e.On, e.ReversalId, $"{e.Kind} {e.ReasonCode}".Trim(),
                [Receivable(chart, aux, e.Amount.Cents), Line(chart.CashAccountFor(before.Payment(e.PaymentId)!.Channel), null, -e.Amount.Cents, "Rejet")]),
            ReversalCancelled e => Entry(chart.JournalFor(before.Payment(e.PaymentId)!.Channel), e.On, e.ReversalId + "-annul", "Annulation du rejet",
                [Line(chart.CashAccountFor(before.Payment(e.PaymentId)!.Channel), null, e.Amount.Cents, "Encaissement"), Receivable(chart, aux, -e.Amount.Cents)]),
            CreditRefunded e => Entry(chart.BankJournal, e.On, e.RefundId, "Remboursement de trop-perçu",
                [Receivable(chart, aux, e.Amount.Cents), Line(chart.Bank, null, -e.Amount.Cents, "Remboursement")]),
            BalanceAdjusted e => Entry(chart.MiscJournal, e.On, e.AdjustmentId, "Régularisation",
                [Receivable(chart, aux, e.Amount.Cents),
                 Line(e.Amount.IsPositive ? chart.AdjustmentIncome : chart.AdjustmentExpense, null, -e.Amount.Cents, e.Reason)]),
            _ => null,
        };
        return Checked(entry, @event);
    }

    internal static JournalEntry? Checked(JournalEntry? entry, object @event)
    {
        if (entry is { Lines.Count: 0 }) return null; // e.g. cancelling a notice already credited to zero moves nothing
        if (entry is not null && entry.TotalDebit != entry.TotalCredit)
        {
            // An unbalanced entry is a bug in these rules, never a user error: refuse to write it.
            throw new InvalidOperationException($"unbalanced journal entry for {@event.GetType().Name} {entry.PieceRef}");
        }
        return entry;
    }

    private static JournalEntry Cancelled(ChartOfAccounts chart, string? aux, TenantAccount before, NoticeCancelled e)
    {
        // Cancelling takes off what remains of the notice. Untouched, it is the exact mirror of the notice. After credit
        // notes or write-offs, which lines remain is a matter of judgement: the remainder is taken from the positive lines in
        // notice order (rent first), which keeps the entry exact in cents and never invents a rounding difference.
        var notice = before.Notice(e.NoticeReference)!;
        var lines = new List<JournalLine> { Receivable(chart, aux, -e.Amount.Cents) };
        if (notice.Reduced.IsZero)
        {
            lines.AddRange(notice.Lines.Select(l => Revenue(chart, l, +1)));
        }
        else
        {
            var left = e.Amount.Cents;
            foreach (var line in notice.Lines.Where(l => l.Amount.IsPositive))
            {
                var amount = Math.Min(left, line.Amount.Cents);
                lines.Add(Line(chart.RevenueAccountFor(line.Kind), null, amount, line.Label));
                left -= amount;
            }
            if (left != 0) lines.Add(Line(chart.Other, null, left, "Solde annulé"));
        }
        return Entry(chart.BillingJournal, e.On, e.NoticeReference.Value + "-annul", "Annulation d'avis", lines);
    }

    internal static JournalEntry Entry(string journal, LocalDate date, string piece, string label, IEnumerable<JournalLine> lines) =>
        new(journal, date, piece, label, lines.Where(l => l.Debit != 0 || l.Credit != 0).ToList());

    private static JournalLine Receivable(ChartOfAccounts chart, string? aux, long signedDebit) =>
        Line(chart.TenantReceivable, aux, signedDebit, "Locataire");

    /// <summary>A notice line: positive amounts are credited to revenue; negative (RLS) debited. sign -1 books as issued.</summary>
    private static JournalLine Revenue(ChartOfAccounts chart, NoticeLine l, int sign) =>
        Line(chart.RevenueAccountFor(l.Kind), null, checked(sign * l.Amount.Cents), l.Label);

    /// <summary>Positive signedDebit is a debit, negative a credit.</summary>
    internal static JournalLine Line(string account, string? aux, long signedDebit, string label) =>
        signedDebit >= 0 ? new JournalLine(account, aux, signedDebit, 0, label) : new JournalLine(account, aux, 0, checked(-signedDebit), label);
}
