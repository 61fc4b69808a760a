namespace Reconciliation.Matching;

/// <summary>Who a payment belongs to, how sure we are, and why.</summary>
internal sealed record Identification(Tenant? Tenant, IReadOnlyList<OpenNotice> Notices, bool Strong, int Confidence, List<string> Evidence)
{
    public static Identification None(List<string> evidence) => new(null, [], false, 0, evidence);
}
