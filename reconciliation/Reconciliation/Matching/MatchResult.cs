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

/// <summary>The engine's answer for one entry. Confidence is in percent; the evidence is written for an accountant.</summary>
public sealed record MatchResult(string EntryId, MatchDecision Decision, IReadOnlyList<Allocation> Allocations, int Confidence, IReadOnlyList<string> Evidence);
