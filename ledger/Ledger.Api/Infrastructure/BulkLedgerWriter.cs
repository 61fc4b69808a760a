using JasperFx.Events;
using Ledger.Api.Infrastructure.Integrity;
using Ledger.Api.Projections;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Marten;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// The bulk face of <see cref="LedgerWriter"/>, for the rent run and for batches of payments: many accounts in one
/// transaction. The same decider, projection and key checks; what changes is the number of round trips. Every account's
/// stream is read in one query, every notice and payment key in one query each, and everything is written by one
/// <c>SaveChanges</c>. All or nothing: the first rejection writes nothing; a concurrent change to any account (the stream
/// version check, or a key taken meanwhile) decides the whole batch again on fresh state, as the single writer does.
/// </summary>
public sealed partial class BulkLedgerWriter(IDocumentStore store, ChartOfAccounts chart, ILogger<BulkLedgerWriter> logger,
    Observability.LedgerMetrics? metrics = null)
{
    private const int MaxAttempts = 4;

    /// <summary>One account's commands, decided in order on its evolving state.</summary>
    public sealed record Item(string TenantReference, IReadOnlyList<object> Commands);

    /// <summary>
    /// The decisions per item, in the items' order; or, when <see cref="RejectedItem"/> is set, the index of the first item
    /// rejected (its last decision is the rejection) and nothing was written.
    /// </summary>
    public sealed record Result(IReadOnlyList<IReadOnlyList<Decision>> Decisions, int? RejectedItem)
    {
        public Decision.Rejected? Rejection => RejectedItem is { } i ? (Decision.Rejected)Decisions[i][^1] : null;

        /// <summary>The payment id or notice reference another account holds, when that is the rejection.</summary>
        public string? ConflictingKey { get; init; }

        /// <summary>Each account's state after the write, in the items' order (set by <see cref="ExecuteEachAsync"/>).</summary>
        public IReadOnlyList<TenantAccount> After { get; init; } = [];
    }

    public async Task<Result> ExecuteAsync(CommandContext ctx, IReadOnlyList<Item> items, CancellationToken ct)
    {
        var result = await WriteAsync(ctx, items, each: false, ct);
        if (metrics is not null)
        {
            // All or nothing: a rejected batch counts its rejected command only, an accepted one every decision.
            if (result.RejectedItem is { } rejected) metrics.Decided(items[rejected].Commands, result.Decisions[rejected]);
            else for (var i = 0; i < result.Decisions.Count; i++) metrics.Decided(items[i].Commands, result.Decisions[i]);
        }
        return result;
    }

    private async Task<Result> WriteAsync(CommandContext ctx, IReadOnlyList<Item> items, bool each, CancellationToken ct)
    {
        if (items.Select(i => i.TenantReference).Distinct(StringComparer.Ordinal).Count() != items.Count)
            throw new ArgumentException("one item per account: group the commands of an account into one item", nameof(items));
        for (var attempt = 1; ; attempt++)
        {
            // One transaction, several Marten sessions: a session's unit of work grows more than linearly with the number of
            // streams and documents it holds (measured: 10 s to queue 10,000 accounts in one session, 0.15 s per 1,000), so
            // the batch is written in chunks, and committed once, so that it stays all or nothing.
            await using var connection = store.DatabaseOf(ctx.LandlordId).CreateConnection();
            await connection.OpenAsync(ct);
            await using var transaction = await connection.BeginTransactionAsync(ct);
            var decided = new List<IReadOnlyList<Decision>>(items.Count);
            var after = new List<TenantAccount>(each ? items.Count : 0);
            try
            {
                for (var offset = 0; offset < items.Count; offset += ChunkSize)
                {
                    var chunk = items.Skip(offset).Take(ChunkSize).ToList();
                    if (await WriteChunkAsync(ctx, transaction, chunk, decided, each ? after : null, ct) is { } rejected)
                    {
                        await transaction.RollbackAsync(ct);
                        return rejected with { RejectedItem = offset + rejected.RejectedItem, Decisions = [.. decided, .. rejected.Decisions] };
                    }
                }
                await transaction.CommitAsync(ct);
                return new Result(decided, null) { After = after };
            }
            catch (Exception ex) when (LedgerWriter.IsConcurrencyConflict(ex) && attempt < MaxAttempts)
            {
                logger.LogInformation("Concurrent write during a batch of {Count} accounts, attempt {Attempt}: deciding again", items.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(20 * attempt), ct);
            }
        }
    }

    private const int ChunkSize = 1_000;

    /// <summary>
    /// Decides and writes one chunk in the batch's transaction, adding its decisions to <paramref name="decided"/>; or returns
    /// the chunk's decisions up to its first rejection (index within the chunk), having written nothing of it. With
    /// <paramref name="after"/> (the per-command mode) nothing is returned: a rejected command is skipped and the states
    /// after the write are added to it.
    /// </summary>
    private async Task<Result?> WriteChunkAsync(
        CommandContext ctx, Npgsql.NpgsqlTransaction transaction, List<Item> items, List<IReadOnlyList<Decision>> decided,
        List<TenantAccount>? after, CancellationToken ct)
    {
        var options = Marten.Services.SessionOptions.ForTransaction(transaction);
        options.TenantId = ctx.LandlordId;
        await using var session = store.LightweightSession(options);
        session.CorrelationId = ctx.CorrelationId;
        session.CausationId = ctx.CausationId;
        session.LastModifiedBy = ctx.Actor;

        var streams = await ReadStreamsAsync(session, items, ct);
        // Per-command mode: the commands refused because another account holds their key, decided again without them.
        var refused = new Dictionary<(int Item, int Command), Decision.Rejected>();
        List<IReadOnlyList<Decision>> chunkDecisions;
        List<(Item Item, long Version, List<object> Events, LedgerProjection.Output Projection)> writes;
        var states = new List<TenantAccount>(items.Count);
        while (true)
        {
            chunkDecisions = new(items.Count);
            writes = [];
            states.Clear();
            for (var i = 0; i < items.Count; i++)
            {
                var (version, before) = streams.GetValueOrDefault(items[i].TenantReference, (0L, TenantAccount.Fold([])));
                var item = i;
                var (decisions, events, state) = after is null
                    ? LedgerWriter.DecideAll(before, items[i].Commands)
                    : DecideEach(before, items[i].Commands, c => refused.GetValueOrDefault((item, c)));
                chunkDecisions.Add(decisions);
                states.Add(state);
                if (after is null && decisions[^1] is Decision.Rejected) return new Result(chunkDecisions, i);
                if (events.Count > 0) writes.Add((items[i], version, events, LedgerProjection.Project(before, events, state, version, chart)));
            }
            if (await ClaimedByAnotherAccountAsync(session, writes.Select(w => (w.Item.TenantReference, w.Projection)).ToList(), ct) is not { } taken) break;
            var index = items.FindIndex(x => x.TenantReference == taken.Tenant);
            if (after is not null && CommandClaiming(items[index].Commands, taken.Key) is { } command)
            {
                refused[(index, command)] = taken.Rejection;
                continue;
            }
            chunkDecisions[index] = [.. chunkDecisions[index].SkipLast(1), taken.Rejection];
            return new Result(chunkDecisions[..(index + 1)], index) { ConflictingKey = taken.Key };
        }

        var appends = new List<(StreamAction, long)>(writes.Count);
        foreach (var (item, version, events, projection) in writes)
        {
            var action = version == 0
                ? session.Events.StartStream(item.TenantReference, events)
                : session.Events.Append(item.TenantReference, version + events.Count, events);
            // New documents are inserted rather than upserted: cheaper, and a unique violation if a concurrent writer got there
            // first, which decides the batch again.
            if (version == 0) session.Insert(projection.Account); else session.Store(projection.Account);
            var newNotices = projection.NewNoticeKeys.Select(k => k.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var n in projection.Notices) { if (newNotices.Contains(n.Id)) session.Insert(n); else session.Store(n); }
            var newPayments = projection.NewPaymentKeys.Select(k => k.Id).ToHashSet(StringComparer.Ordinal);
            foreach (var p in projection.Payments) { if (newPayments.Contains(p.Id)) session.Insert(p); else session.Store(p); }
            foreach (var j in projection.Journal) session.Insert(j);
            foreach (var k in projection.NewPaymentKeys) session.Insert(k);
            foreach (var k in projection.NewNoticeKeys) session.Insert(k);
            foreach (var l in projection.Letters) session.Store(l);
            appends.Add((action, version + 1));
        }
        // Tamper evidence, as in LedgerWriter, one statement for the chunk. The landlord's chain lock is taken by the first
        // chunk and held to the batch's commit: other writes of this landlord wait for the rent run (one transaction anyway).
        ChainLink.Queue(session, ctx.LandlordId, appends);
        await session.SaveChangesAsync(ct);
        decided.AddRange(chunkDecisions);
        after?.AddRange(states);
        return null;
    }

    /// <summary>Every account's events in one query, folded: the stream version and the state, per tenant reference.</summary>
    private static async Task<Dictionary<string, (long Version, TenantAccount State)>> ReadStreamsAsync(
        IDocumentSession session, IReadOnlyList<Item> items, CancellationToken ct)
    {
        var keys = items.Select(i => i.TenantReference).ToArray();
        var events = new List<IEvent>();
        // Chunked so that the parameter array stays reasonable for a rent run of 10,000 accounts.
        foreach (var chunk in keys.Chunk(2_000))
        {
            events.AddRange(await session.Events.QueryAllRawEvents()
                .Where(e => e.StreamKey!.IsOneOf(chunk))
                .OrderBy(e => e.Sequence)
                .ToListAsync(ct));
        }
        return events.GroupBy(e => e.StreamKey!, StringComparer.Ordinal).ToDictionary(
            g => g.Key,
            g => ((long)g.Count(), TenantAccount.Fold(g.OrderBy(e => e.Version).Select(e => e.Data))),
            StringComparer.Ordinal);
    }

    /// <summary>
    /// A payment id or notice reference of the batch that another account holds already, or that two accounts of the batch
    /// would both take: the account that loses, the key, and the 409 it gets.
    /// </summary>
    private static async Task<(string Tenant, string Key, Decision.Rejected Rejection)?> ClaimedByAnotherAccountAsync(
        IDocumentSession session, IReadOnlyList<(string Tenant, LedgerProjection.Output Projection)> writes, CancellationToken ct)
    {
        var payments = Claims(writes.SelectMany(w => w.Projection.NewPaymentKeys.Select(k => (k.Id, k.TenantReference))));
        var notices = Claims(writes.SelectMany(w => w.Projection.NewNoticeKeys.Select(k => (k.Id, k.TenantReference))));
        var paymentTaken = new Decision.Rejected(RejectionKind.Conflict, "paymentId", "this payment id was already recorded on another tenant account");
        var noticeTaken = new Decision.Rejected(RejectionKind.Conflict, "noticeReference", "this notice reference belongs to another tenant account");
        if (payments.Twice is { } p) return (p.Tenant, p.Key, paymentTaken);
        if (notices.Twice is { } n) return (n.Tenant, n.Key, noticeTaken);
        foreach (var chunk in payments.Owner.Keys.Chunk(2_000))
        {
            foreach (var existing in await session.LoadManyAsync<PaymentKey>(ct, chunk))
            {
                if (existing.TenantReference != payments.Owner[existing.Id]) return (payments.Owner[existing.Id], existing.Id, paymentTaken);
            }
        }
        foreach (var chunk in notices.Owner.Keys.Chunk(2_000))
        {
            foreach (var existing in await session.LoadManyAsync<NoticeKey>(ct, chunk))
            {
                if (existing.TenantReference != notices.Owner[existing.Id]) return (notices.Owner[existing.Id], existing.Id, noticeTaken);
            }
        }
        return null;
    }

    private static (Dictionary<string, string> Owner, (string Tenant, string Key)? Twice) Claims(IEnumerable<(string Key, string Tenant)> claims)
    {
        var owner = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, tenant) in claims)
        {
            if (!owner.TryAdd(key, tenant) && owner[key] != tenant) return (owner, (tenant, key));
        }
        return (owner, null);
    }
}
