using Ledger.Domain.Bank;
using Primitives;

namespace Ledger.Domain.Journal;

/// <summary>
/// The journal entries of the landlord's bank operations, with the same rules as the tenant events (balanced or refused).
/// The cash side of each is the channel's cash account (512 for what reaches the bank, 5112 cheques, 467 card clearing)
/// in that channel's bank journal, as for a tenant payment of the same channel.
/// </summary>
public static class BankPosting
{
    public static JournalEntry? For(object @event, ChartOfAccounts chart)
    {
        var entry = @event switch
        {
            SuspenseParked e => JournalPosting.Entry(chart.JournalFor(e.Channel), e.ValueDate, Piece("att", e.EntryId), "Mise en attente",
                [JournalPosting.Line(chart.CashAccountFor(e.Channel), null, e.Amount.Cents, "Encaissement à identifier"),
                 JournalPosting.Line(chart.Suspense, null, -e.Amount.Cents, Text(e.Reason))]),
            SuspenseCleared e => Cleared(e, chart),
            BankFeesBooked e => JournalPosting.Entry(chart.JournalFor(e.Channel), e.On, Piece("frais", e.EntryId), "Frais bancaires",
                [JournalPosting.Line(chart.BankFees, null, e.Amount.Cents, Text(e.Reason)),
                 JournalPosting.Line(chart.CashAccountFor(e.Channel), null, -e.Amount.Cents, "Frais")]),
            NotRentReceived e => JournalPosting.Entry(chart.JournalFor(e.Channel), e.On, Piece("hl", e.EntryId), $"Hors loyer {e.Kind}",
                [JournalPosting.Line(chart.CashAccountFor(e.Channel), null, e.Amount.Cents, "Encaissement hors loyer"),
                 JournalPosting.Line(chart.AccountFor(e.Kind), null, -e.Amount.Cents, Text(e.Reason))]),
            // The payments were booked on the channel's clearing account when they were made; the bank's credit moves the
            // money to 512, in the bank journal, so that 467 (net of the PSP's fees) and 5112 come back to zero per remittance.
            RemittanceCredited e => JournalPosting.Entry(chart.BankJournal, e.On, Piece("rem", e.EntryId),
                e.From == PaymentChannel.Card ? "Versement du prestataire de paiement" : "Remise de chèques créditée",
                [JournalPosting.Line(chart.Bank, null, e.Amount.Cents, Text(e.Reason)),
                 JournalPosting.Line(chart.CashAccountFor(e.From), null, -e.Amount.Cents, "Remise")]),
            _ => null,
        };
        return JournalPosting.Checked(entry, @event);
    }

    private static JournalEntry Cleared(SuspenseCleared e, ChartOfAccounts chart)
    {
        // Cleared to tenants, the tenant payments are recorded as ordinary payments of their channel (512 debit, 411
        // credit, exactly as an automatic match, so the relevé, the lettrage and the payment's reversal stay as they are).
        // The clearing therefore takes the money off 471 against that same cash account (471 debit, 512 credit): 512 is
        // debited once in total (parking + payment − clearing), 471 returns to zero and 411 gets the tenant's credit.
        // Clearing 471 against 411 directly would need payments that book no cash line, a second kind of payment in the
        // tenant decider, the lettrage and the FEC. Returned money leaves by the bank; not-rent money goes to its account.
        var (journal, account, label) = e.To switch
        {
            SuspenseClearing.Tenant => (chart.JournalFor(e.Channel), chart.CashAccountFor(e.Channel), "Affecté aux locataires"),
            SuspenseClearing.Returned => (chart.JournalFor(e.Channel), chart.CashAccountFor(e.Channel), "Renvoyé au payeur"),
            _ => (chart.MiscJournal, chart.AccountFor(e.Kind ?? NotRentKind.Other), "Hors loyer"),
        };
        return JournalPosting.Entry(journal, e.On, Piece("sold", e.EntryId), "Apurement du compte d'attente",
            [JournalPosting.Line(chart.Suspense, null, e.Amount.Cents, Text(e.Reason)), JournalPosting.Line(account, null, -e.Amount.Cents, label)]);
    }

    /// <summary>The FEC's PieceRef is short text: a prefix and the entry id, cut to what an export column holds.</summary>
    private static string Piece(string prefix, string entryId)
    {
        var piece = prefix + "-" + entryId;
        return piece.Length > 60 ? piece[..60] : piece;
    }

    private static string Text(string reason) => reason.Length > 80 ? reason[..80] : reason;
}
