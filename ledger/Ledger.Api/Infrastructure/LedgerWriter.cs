using JasperFx.Events;
using Ledger.Api.Infrastructure.Integrity;
using Ledger.Api.Observability;
using Ledger.Api.Projections;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Marten;
using Marten.Exceptions;
using Npgsql;

namespace Ledger.Api.Infrastructure;

/// <summary>Who asked and why: stored on every event as Marten metadata (user name, correlation and causation ids).</summary>
public sealed record CommandContext(string LandlordId, string Actor, string CorrelationId, string? CausationId);

/// <summary>The decision of the last command (or the first rejection), the account state after the write, and what was projected.</summary>
public sealed record WriteResult(Decision Decision, TenantAccount State, LedgerProjection.Output? Projection)
{
    public IReadOnlyList<Decision> Decisions { get; init; } = [Decision];
}

/// <summary>
/// The single way money facts are written: read the tenant account's stream, decide, append the events with the expected
/// stream version, and write the inline read models in the same transaction. A concurrent writer on the same account makes
/// the save fail on the version check; the command is then decided again on the fresh state (bounded retries), so no
/// update is lost and no invariant is checked against stale state.
/// </summary>
public sealed class LedgerWriter(IDocumentStore store, ChartOfAccounts chart, ILogger<LedgerWriter> logger, LedgerMetrics? metrics = null)
{
    private const int MaxAttempts = 8;

    public Task<WriteResult> ExecuteAsync(CommandContext ctx, string tenantReference, object command, CancellationToken ct) =>
        ExecuteAsync(ctx, tenantReference, [command], ct);

    /// <summary>
    /// Several commands on one account in one transaction, decided in order on the evolving state: all are written or,
    /// if one is rejected, none (the import of a rent roll relies on this).
    /// </summary>
    public async Task<WriteResult> ExecuteAsync(CommandContext ctx, string tenantReference, IReadOnlyList<object> commands, CancellationToken ct)
    {
        var result = await WriteAsync(ctx, tenantReference, commands, ct);
        metrics?.Decided(commands, result.Decisions);
        return result;
    }

    private async Task<WriteResult> WriteAsync(CommandContext ctx, string tenantReference, IReadOnlyList<object> commands, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession(ctx.LandlordId);
            session.CorrelationId = ctx.CorrelationId;
            session.CausationId = ctx.CausationId;
            session.LastModifiedBy = ctx.Actor;

            var stream = await session.Events.FetchStreamAsync(tenantReference, token: ct);
            var before = TenantAccount.Fold(stream.Select(e => e.Data));
            var (decisions, events, after) = DecideAll(before, commands);
            var decision = decisions[^1];
            if (decision is Decision.Rejected || events.Count == 0)
            {
                return new WriteResult(decision, before, null) { Decisions = decisions };
            }

            var projection = LedgerProjection.Project(before, events, after, stream.Count, chart);
            // Payment ids and notice references are unique per landlord across accounts, which one stream cannot see. Checked
            // here on every attempt: after losing a race for a key, the retry must answer 409, not fail the same way again.
            if (await ClaimedByAnotherAccountAsync(session, tenantReference, projection, ct) is { } taken)
            {
                return new WriteResult(taken, before, null) { Decisions = [.. decisions[..^1], taken] };
            }
            var action = stream.Count == 0
                ? session.Events.StartStream(tenantReference, events)
                : session.Events.Append(tenantReference, stream.Count + events.Count, events);
            session.Store(projection.Account);
            foreach (var n in projection.Notices) session.Store(n);
            foreach (var p in projection.Payments) session.Store(p);
            foreach (var j in projection.Journal) session.Insert(j);
            foreach (var k in projection.NewPaymentKeys) session.Insert(k);
            foreach (var k in projection.NewNoticeKeys) session.Insert(k);
            foreach (var l in projection.Letters) session.Store(l);
            // Tamper evidence: the new events join the landlord's hash chain in this same transaction, queued last so that the
            // chain's lock is held only from there to the commit.
            ChainLink.Queue(session, ctx.LandlordId, action, stream.Count + 1);

            try
            {
                await session.SaveChangesAsync(ct);
                return new WriteResult(decision, after, projection) { Decisions = decisions };
            }
            catch (Exception ex) when (IsConcurrencyConflict(ex) && attempt < MaxAttempts)
            {
                // Another request changed this account (or took this payment id / notice reference) first: decide again.
                logger.LogInformation("Concurrent write on an account, attempt {Attempt}: deciding again", attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(5 * attempt), ct);
            }
        }
    }

    /// <summary>
    /// For commands addressed by payment id or notice reference: the key document says which account holds it.
    /// Returns null when no account does.
    /// </summary>
    public async Task<(string Owner, WriteResult Result)?> ExecuteOnOwnerAsync<TKey>(CommandContext ctx, string keyId, object command, CancellationToken ct)
        where TKey : class, IAccountKey
    {
        string? owner;
        await using (var session = store.QuerySession(ctx.LandlordId))
        {
            owner = (await session.LoadAsync<TKey>(keyId, ct))?.TenantReference;
        }
        return owner is null ? null : (owner, await ExecuteAsync(ctx, owner, command, ct));
    }

    private static async Task<Decision.Rejected?> ClaimedByAnotherAccountAsync(
        IDocumentSession session, string tenantReference, LedgerProjection.Output projection, CancellationToken ct)
    {
        if (projection.NewPaymentKeys.Count > 0)
        {
            var owners = await session.LoadManyAsync<PaymentKey>(ct, projection.NewPaymentKeys.Select(k => k.Id));
            if (owners.Any(o => o.TenantReference != tenantReference))
                return new Decision.Rejected(RejectionKind.Conflict, "paymentId", "this payment id was already recorded on another tenant account");
        }
        if (projection.NewNoticeKeys.Count > 0)
        {
            var owners = await session.LoadManyAsync<NoticeKey>(ct, projection.NewNoticeKeys.Select(k => k.Id));
            if (owners.Any(o => o.TenantReference != tenantReference))
                return new Decision.Rejected(RejectionKind.Conflict, "noticeReference", "this notice reference belongs to another tenant account");
        }
        return null;
    }

    /// <summary>Decides each command on the state left by the previous ones; stops at the first rejection.</summary>
    public static (List<Decision> Decisions, List<object> Events, TenantAccount After) DecideAll(TenantAccount before, IReadOnlyList<object> commands)
    {
        var decisions = new List<Decision>();
        var events = new List<object>();
        var state = before;
        foreach (var command in commands)
        {
            var decision = TenantAccountDecider.Decide(state, command);
            decisions.Add(decision);
            if (decision is Decision.Rejected) break;
            if (decision is Decision.Accepted accepted)
            {
                events.AddRange(accepted.Events);
                state = accepted.Events.Aggregate(state, TenantAccount.Evolve);
            }
        }
        return (decisions, events, state);
    }

    internal static bool IsConcurrencyConflict(Exception ex) => ex switch
    {
        EventStreamUnexpectedMaxEventIdException => true,
        Marten.Exceptions.ExistingStreamIdCollisionException => true,
        JasperFx.Events.ExistingStreamIdCollisionException => true,
        JasperFx.ConcurrencyException => true,
        JasperFx.DocumentAlreadyExistsException => true,
        MartenCommandException { InnerException: PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } } => true,
        PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } => true,
        _ when ex.InnerException is not null => IsConcurrencyConflict(ex.InnerException),
        _ => false,
    };
}
