using Primitives;

namespace Reconciliation.Matching;

public enum MatchDecision
{
    Auto,
    Suggested,
    Unmatched,
}

/// <summary>Money of an entry given to a tenant; <see cref="Notice"/> null means credit on the tenant's account (excess).</summary>
public sealed record Allocation(TenantReference Tenant, NoticeReference? Notice, Money Amount);

/// <summary>
/// The engine's answer for one entry. Confidence is in percent; the evidence is written for an accountant. For a batch
/// entry (a collection, a cheque deposit, an Eficash day, a card payout), <see cref="Decision"/> is the weakest decision
/// of its transactions and <see cref="Transactions"/> holds each transaction's own answer, so that a caller may post the
/// certain ones and send only the others to review.
/// </summary>
public sealed record MatchResult(string EntryId, MatchDecision Decision, IReadOnlyList<Allocation> Allocations, int Confidence, IReadOnlyList<string> Evidence)
{
    /// <summary>One answer per payment of a batch entry, in the batch's order (PSP costs, never a tenant's, are left out); empty for a single payment.</summary>
    public IReadOnlyList<TransactionMatch> Transactions { get; init; } = [];
}

/// <summary>The answer for transaction <see cref="Index"/> (0-based) of a batch entry, and its reference (PSP, cheque number, end-to-end id).</summary>
public sealed record TransactionMatch(int Index, string? Reference, MatchDecision Decision, IReadOnlyList<Allocation> Allocations, int Confidence, IReadOnlyList<string> Evidence);
