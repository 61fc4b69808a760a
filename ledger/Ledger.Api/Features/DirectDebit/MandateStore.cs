using Ledger.Api.Infrastructure;
using Ledger.Domain.Accounts;
using Ledger.Domain.DirectDebit;
using Marten;

namespace Ledger.Api.Features.DirectDebit;

/// <summary>
/// Decides a mandate command on the stored state and, when accepted, appends the events with the expected version (a
/// concurrent change fails the save) and rewrites the view, in the caller's session: the caller saves once.
/// </summary>
public static class MandateStore
{
    public static string StreamOf(string rumAtSignature) => "mandate:" + rumAtSignature;

    public static async Task<MandateView?> FindAsync(IQuerySession session, string rum, CancellationToken ct) =>
        await session.LoadAsync<RumKey>(rum, ct) is { } key
            ? await session.Query<MandateView>().FirstOrDefaultAsync(v => v.StreamId == key.StreamId, ct)
            : null;

    /// <summary>The decision, and the new view when something was appended.</summary>
    public static (Decision Decision, MandateView? View) Apply(IDocumentSession session, MandateView? view, string streamId, object command)
    {
        var state = view?.State ?? Mandate.Initial;
        var decision = MandateDecider.Decide(state, command);
        if (decision is not Decision.Accepted accepted) return (decision, view);
        var next = accepted.Events.Aggregate(state, Mandate.Evolve);
        var version = (view?.Version ?? 0) + accepted.Events.Count;
        if (view is null) session.Events.StartStream(streamId, accepted.Events.ToArray());
        else session.Events.Append(streamId, version, accepted.Events.ToArray());
        var rum = next.Terms!.Rum;
        if (view is not null && view.Id != rum) session.Delete<MandateView>(view.Id);
        if (view is null || view.Id != rum) session.Insert(new RumKey(rum, streamId));
        var updated = new MandateView { Id = rum, StreamId = streamId, TenantReference = next.Terms.TenantReference, Version = version, State = next };
        session.Store(updated);
        return (decision, updated);
    }
}
