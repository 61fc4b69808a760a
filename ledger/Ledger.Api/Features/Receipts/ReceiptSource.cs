using JasperFx.Events;
using Ledger.Api.Projections;
using Ledger.Domain.Receipts;
using Marten;
using Primitives;

namespace Ledger.Api.Features.Receipts;

/// <summary>
/// Reads a tenant account's events and derives its notices' documents (<see cref="ReceiptHistory"/>). Nothing is stored:
/// the stream is append-only, so the same facts always give the same documents, numbers and dates.
/// </summary>
public static class ReceiptSource
{
    /// <summary>What a document needs besides the ledger's facts: who issues it and to whom.</summary>
    public sealed record Parties(string LandlordName, string TenantReference, string TenantName, string DwellingReference);

    public sealed record Account(Parties Parties, IReadOnlyDictionary<string, NoticeDocuments> Notices);

    /// <summary>The account holding the notice, or null when no account of this landlord does.</summary>
    public static async Task<Account?> ForNoticeAsync(IQuerySession session, string landlordId, NoticeReference notice, CancellationToken ct)
    {
        var key = await session.LoadAsync<NoticeKey>(notice.Value, ct);
        return key is null ? null : await ForTenantAsync(session, landlordId, key.TenantReference, ct);
    }

    public static async Task<Account?> ForTenantAsync(IQuerySession session, string landlordId, string tenant, CancellationToken ct)
    {
        var landlord = await session.LoadAsync<LandlordProfile>(landlordId, ct);
        var account = await session.LoadAsync<AccountView>(tenant, ct);
        return landlord is null || account is null ? null : await DeriveAsync(session, landlord, account, ct);
    }

    /// <summary>One account's documents, for callers that loaded the landlord and the account view already (the batch).</summary>
    public static async Task<Account> DeriveAsync(IQuerySession session, LandlordProfile landlord, AccountView account, CancellationToken ct)
    {
        var events = await session.Events.FetchStreamAsync(account.Id, token: ct);
        return new Account(new Parties(landlord.Name, account.Id, account.TenantName, account.DwellingReference),
            ReceiptHistory.Derive(Commits(events)));
    }

    /// <summary>
    /// The events grouped by the transaction that appended them: one writer call (one command, or an import's commands for
    /// this account) shares its timestamp (PostgreSQL's transaction time), correlation and causation ids.
    /// </summary>
    public static IEnumerable<IReadOnlyList<object>> Commits(IReadOnlyList<IEvent> events)
    {
        var commit = new List<object>();
        IEvent? previous = null;
        foreach (var e in events.OrderBy(e => e.Version))
        {
            if (previous is not null && !SameCommit(previous, e))
            {
                yield return commit;
                commit = [];
            }
            commit.Add(e.Data);
            previous = e;
        }
        if (commit.Count > 0) yield return commit;
    }

    private static bool SameCommit(IEvent a, IEvent b) =>
        a.Timestamp == b.Timestamp && a.CausationId == b.CausationId && a.CorrelationId == b.CorrelationId;
}
