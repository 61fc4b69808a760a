using Ledger.Api.Infrastructure.Integrity;
using Ledger.Api.Observability;
using Ledger.Api.Projections;
using Ledger.Domain.Accounts;
using Ledger.Domain.Bank;
using Ledger.Domain.Journal;
using Marten;

namespace Ledger.Api.Infrastructure;

/// <summary>The decision on the landlord's bank operations and their state after the write.</summary>
public sealed record BankWriteResult(Decision Decision, BankOperations State);

/// <summary>
/// Writes the landlord's bank operations (stream <c>bank:&lt;landlord&gt;</c>) the way <see cref="LedgerWriter"/> writes a
/// tenant account: read the stream, decide, append with the expected version, and write the journal entries and the
/// suspense read model in the same transaction; a concurrent writer makes the save fail and the command is decided again.
/// </summary>
public sealed class BankWriter(IDocumentStore store, ChartOfAccounts chart, ILogger<BankWriter> logger, LedgerMetrics? metrics = null)
{
    private const int MaxAttempts = 8;

    /// <summary>Not a tenant reference: those are upper case without ':' (TenantReference's shape).</summary>
    public static string StreamKey(string landlordId) => "bank:" + landlordId;

    public async Task<BankWriteResult> ExecuteAsync(CommandContext ctx, object command, CancellationToken ct)
    {
        var result = await WriteAsync(ctx, command, ct);
        metrics?.Decided([command], [result.Decision]);
        return result;
    }

    private async Task<BankWriteResult> WriteAsync(CommandContext ctx, object command, CancellationToken ct)
    {
        var key = StreamKey(ctx.LandlordId);
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession(ctx.LandlordId);
            session.CorrelationId = ctx.CorrelationId;
            session.CausationId = ctx.CausationId;
            session.LastModifiedBy = ctx.Actor;

            var stream = await session.Events.FetchStreamAsync(key, token: ct);
            var before = BankOperations.Fold(stream.Select(e => e.Data));
            var decision = BankOperationsDecider.Decide(before, command);
            if (decision is not Decision.Accepted accepted) return new BankWriteResult(decision, before);
            var after = accepted.Events.Aggregate(before, BankOperations.Evolve);

            var action = stream.Count == 0
                ? session.Events.StartStream(key, accepted.Events)
                : session.Events.Append(key, stream.Count + accepted.Events.Count, accepted.Events);
            var (journal, suspense) = BankProjection.Project(key, accepted.Events, stream.Count, chart);
            foreach (var j in journal) session.Insert(j);
            foreach (var s in suspense) session.Store(s);
            // A clearing updates the parked entry's view: read it in this session so the update keeps what was parked.
            foreach (var c in accepted.Events.OfType<SuspenseCleared>())
            {
                if (await session.LoadAsync<SuspenseView>(c.EntryId, ct) is { } open) session.Store(BankProjection.Cleared(open, c));
            }
            // Tamper evidence: the bank operations join the landlord's hash chain like the tenants' events (queued last).
            ChainLink.Queue(session, ctx.LandlordId, action, stream.Count + 1);
            try
            {
                await session.SaveChangesAsync(ct);
                return new BankWriteResult(decision, after);
            }
            catch (Exception ex) when (LedgerWriter.IsConcurrencyConflict(ex) && attempt < MaxAttempts)
            {
                logger.LogInformation("Concurrent write on bank operations, attempt {Attempt}: deciding again", attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(5 * attempt), ct);
            }
        }
    }
}
