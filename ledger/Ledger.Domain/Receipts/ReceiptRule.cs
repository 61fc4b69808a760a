using System.Collections.Immutable;
using Ledger.Domain.Accounts;
using Primitives;

namespace Ledger.Domain.Receipts;

// Which document a tenant may have for a notice, as a pure function of the account's state and its lettrage. An avis
// d'échéance is not a quittance (Cass. 3e civ., 24 March 2004): a quittance says the period is paid, so it is issued only
// when the notice's 411 line is settled by payments in a lettrage group (art. 21 loi 89-462: the quittance details the
// sums paid, loyer apart from charges); a partial payment gets a reçu. A written-off notice is settled but not paid: the
// tenant gets a reçu for what was paid, never a quittance. Both are free of charge.

public enum ReceiptKind
{
    /// <summary>Quittance de loyer: the period is fully paid.</summary>
    Quittance,
    /// <summary>Reçu: a partial payment.</summary>
    Recu,
    /// <summary>Annulation: an earlier quittance or reçu voided (a payment returned, a notice cancelled…).</summary>
    Annulation,
}

/// <summary>One payment's share of a notice, as the lettrage links it (its allocation to the notice).</summary>
public sealed record PaidPart(PaymentId Payment, PaymentChannel Channel, NodaTime.LocalDate ReceivedOn, Money Amount);

/// <summary>What reduced a notice besides payments: credit notes' lines (taken off the notice) and write-offs.</summary>
public sealed record NoticeReductions(ImmutableArray<NoticeLine> Credited, Money WrittenOff)
{
    public static NoticeReductions None(Currency currency) => new([], Money.Zero(currency));
}

/// <summary>
/// The document a notice calls for now. <c>Kind</c> null: none (nothing paid, or the notice cancelled). <c>Lines</c> are
/// the notice's lines with its credit notes as negative lines; <c>Loyer</c> + <c>Charges</c> + <c>Other</c> = <c>Due</c>.
/// </summary>
public sealed record ReceiptDecision(
    ReceiptKind? Kind, NoticeReference Notice, Money Due, Money Paid, Money Loyer, Money Charges, Money Other,
    ImmutableArray<NoticeLine> Lines, ImmutableArray<PaidPart> Payments, string? LettrageCode)
{
    public Money Remaining => Due - Paid;

    /// <summary>What makes two decisions the same document: kind, amounts due and each payment's share.</summary>
    public string Key => $"{Kind}|{Due.Cents}|" + string.Join(",", Payments.Select(p => $"{p.Payment.Value}={p.Amount.Cents}"));
}

public static class ReceiptRule
{
    public static ReceiptDecision Decide(TenantAccount account, NoticeReference reference, NoticeReductions reductions)
    {
        var notice = account.Notice(reference) ?? throw new ArgumentException("no such notice on this account", nameof(reference));
        var zero = Money.Zero(account.Currency);
        var lines = notice.Lines
            .Concat(reductions.Credited.Select(l => l with { Label = "Avoir : " + l.Label, Amount = -l.Amount }))
            .ToImmutableArray();
        Money Sum(Func<NoticeLineKind, bool> kinds) => lines.Where(l => kinds(l.Kind)).Aggregate(zero, (s, l) => s + l.Amount);
        var loyer = Sum(k => k is NoticeLineKind.Rent or NoticeLineKind.Sls or NoticeLineKind.Rls);
        var charges = Sum(k => k is NoticeLineKind.Charges);
        var other = Sum(k => k is NoticeLineKind.Other);
        // The sums paid are the allocations the lettrage links to this notice, oldest payment first.
        var parts = account.Payments.Values
            .Where(p => p.Allocations.ContainsKey(reference.Value))
            .OrderBy(p => p.ReceivedOn).ThenBy(p => p.Id.Value, StringComparer.Ordinal)
            .Select(p => new PaidPart(p.Id, p.Channel, p.ReceivedOn, p.Allocations[reference.Value].Amount))
            .ToImmutableArray();
        var paid = parts.Aggregate(zero, (s, p) => s + p.Amount);
        var group = account.Lettrage.GroupOf(Lettrage.NoticeItem(reference.Value));
        var kind = notice.Cancelled || !paid.IsPositive ? (ReceiptKind?)null
            : Quittanced(notice, paid, reductions, group) ? ReceiptKind.Quittance
            : ReceiptKind.Recu;
        return new ReceiptDecision(kind, reference, notice.NetDue, paid, loyer, charges, other, lines, parts, group?.Display);
    }

    // Fully paid by the tenant: the lettrage group holds the notice with its payments and the notice's own 411 total is
    // zero (nothing outstanding), with nothing written off.
    private static bool Quittanced(NoticeState notice, Money paid, NoticeReductions reductions, LetterGroup? group) =>
        group is not null && notice.Outstanding.IsZero && paid == notice.NetDue && reductions.WrittenOff.IsZero;
}
