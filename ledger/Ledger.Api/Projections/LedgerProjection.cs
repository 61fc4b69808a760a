using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using NodaTime.Text;

namespace Ledger.Api.Projections;

/// <summary>
/// The inline projection: from the state before, the new events and the state after, the documents to write in the same
/// transaction as the events. Pure, so it is tested without a database, and it is the only code that shapes read models.
/// </summary>
public static class LedgerProjection
{
    public sealed record Output(
        AccountView Account, IReadOnlyList<NoticeView> Notices, IReadOnlyList<PaymentView> Payments,
        IReadOnlyList<JournalEntryView> Journal, IReadOnlyList<PaymentKey> NewPaymentKeys, IReadOnlyList<NoticeKey> NewNoticeKeys)
    {
        /// <summary>Items whose lettrage changed in this write (upserted).</summary>
        public IReadOnlyList<LetterView> Letters { get; init; } = [];
    }

    public static Output Project(TenantAccount before, IReadOnlyList<object> events, TenantAccount after, long versionBefore, ChartOfAccounts chart)
    {
        var tenant = after.TenantReference!.Value;
        var touchedNotices = new SortedSet<string>(StringComparer.Ordinal);
        var touchedPayments = new SortedSet<string>(StringComparer.Ordinal);
        var journal = new List<JournalEntryView>();
        var newPayments = new List<PaymentKey>();
        var newNotices = new List<NoticeKey>();
        var lettered = new SortedSet<string>(StringComparer.Ordinal);
        var state = before;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            switch (e)
            {
                case NoticeIssued n: touchedNotices.Add(n.NoticeReference.Value); newNotices.Add(new NoticeKey(n.NoticeReference.Value, tenant)); break;
                case NoticeCancelled n: touchedNotices.Add(n.NoticeReference.Value); break;
                case NoticeCredited n: touchedNotices.Add(n.NoticeReference.Value); break;
                case NoticeWrittenOff n: touchedNotices.Add(n.NoticeReference.Value); break;
                case PaymentReceived p: touchedPayments.Add(p.PaymentId.Value); newPayments.Add(new PaymentKey(p.PaymentId.Value, tenant)); break;
                case PaymentAllocated a: touchedPayments.Add(a.PaymentId.Value); touchedNotices.Add(a.NoticeReference.Value); break;
                case PaymentDeallocated d: touchedPayments.Add(d.PaymentId.Value); touchedNotices.Add(d.NoticeReference.Value); break;
                case PaymentReversed r: touchedPayments.Add(r.PaymentId.Value); break;
                case ReversalCancelled r: touchedPayments.Add(r.PaymentId.Value); break;
                case CreditRefunded r: foreach (var p in r.Portions) touchedPayments.Add(p.PaymentId.Value); break;
                // Lettrage: the items of a group applied or undone get their current code written.
                case LettrageApplied l: lettered.UnionWith(l.Items); break;
                case LettrageUndone u when state.Lettrage.Groups.GetValueOrDefault(u.Code) is { } g: lettered.UnionWith(g.Items); break;
            }
            if (JournalPosting.For(e, state, chart) is { } entry)
            {
                journal.Add(new JournalEntryView
                {
                    Id = $"{tenant}|{versionBefore + i + 1}", TenantReference = tenant, Journal = entry.Journal, Date = entry.Date,
                    DateKey = DateKey(entry.Date), PieceRef = entry.PieceRef, Label = entry.Label,
                    TotalDebitCents = entry.TotalDebit, TotalCreditCents = entry.TotalCredit, Lines = [.. entry.Lines],
                    LetterItem = Lettrage.ItemOf(e),
                });
            }
            state = TenantAccount.Evolve(state, e);
        }

        return new Output(
            Account(after, versionBefore + events.Count),
            touchedNotices.Select(n => Notice(tenant, after.Notices[n])).ToList(),
            touchedPayments.Select(p => Payment(tenant, after.Payments[p])).ToList(),
            journal, newPayments, newNotices)
        {
            Letters = lettered.Select(item => Letter(tenant, item, after.Lettrage.GroupOf(item))).ToList(),
        };
    }

    public static LetterView Letter(string tenant, string item, LetterGroup? group) => new()
    {
        Id = LetterView.IdOf(tenant, item), TenantReference = tenant, Code = group?.Display, DateLet = group?.DateLet,
    };

    public static int DateKey(NodaTime.LocalDate d) => checked((d.Year * 10000) + (d.Month * 100) + d.Day);

    public static AccountView Account(TenantAccount s, long version) => new()
    {
        Id = s.TenantReference!.Value, TenantName = s.TenantName, DwellingReference = s.DwellingReference, Closed = s.Closed,
        Currency = s.Currency.Code, BalanceCents = s.Balance.Cents, CreditCents = s.Credit.Cents, AdjustmentsCents = s.Adjustments.Cents,
        StreamVersion = version,
        OpenNotices = s.OpenNotices.Select(n => new OpenNoticeItem(n.Reference.Value, Period(n.Period), n.DueDate, n.Outstanding.Cents)).ToList(),
    };

    public static NoticeView Notice(string tenant, NoticeState n) => new()
    {
        Id = n.Reference.Value, TenantReference = tenant, Period = Period(n.Period), IssuedOn = n.IssuedOn, DueDate = n.DueDate,
        DueDateKey = DateKey(n.DueDate), RfReference = n.RfReference.Value, Currency = n.Issued.Currency.Code,
        TotalCents = n.Issued.Cents, NetDueCents = n.NetDue.Cents, PaidCents = n.Allocated.Cents,
        OutstandingCents = n.Cancelled ? 0 : n.Outstanding.Cents, Status = n.Status.ToString(),
        Lines = n.Lines.Select(l => new NoticeLineView(l.Kind.ToString(), l.Label, l.Amount.Cents)).ToList(),
    };

    public static PaymentView Payment(string tenant, PaymentState p) => new()
    {
        Id = p.Id.Value, TenantReference = tenant, Channel = p.Channel.ToString(), Currency = p.Amount.Currency.Code,
        AmountCents = p.Amount.Cents, ReversedCents = p.Reversed.Cents, RefundedCents = p.Refunded.Cents,
        UnallocatedCents = p.Unallocated.Cents, ReceivedOn = p.ReceivedOn,
        Status = p.Reversed.IsZero ? "Recorded" : p.Net.IsZero ? "Reversed" : "PartlyReversed",
        Allocations = p.Allocations.Values.Select(a => new AllocationView(a.Notice.Value, a.Amount.Cents)).ToList(),
    };

    public static string Period(NodaTime.YearMonth period) => YearMonthPattern.Iso.Format(period);
}
