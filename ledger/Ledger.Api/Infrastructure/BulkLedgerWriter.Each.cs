using Ledger.Domain.Accounts;

namespace Ledger.Api.Infrastructure;

public sealed partial class BulkLedgerWriter
{
    /// <summary>
    /// The bulk payment path: many accounts in one transaction, as <see cref="ExecuteAsync"/>, but each command stands on its
    /// own. A rejected command (bad content, an id recorded with other content, a key another account holds) gets its
    /// rejection and is skipped; the account's other commands are decided on the state without it, as if they had been sent
    /// one by one, and every accepted one is written. The batch is still one transaction: a failure to write writes nothing.
    /// </summary>
    public async Task<Result> ExecuteEachAsync(CommandContext ctx, IReadOnlyList<Item> items, CancellationToken ct)
    {
        var result = await WriteAsync(ctx, items, each: true, ct);
        if (metrics is not null)
        {
            for (var i = 0; i < result.Decisions.Count; i++) metrics.Decided(items[i].Commands, result.Decisions[i]);
        }
        return result;
    }

    /// <summary>Decides every command on the state left by the accepted ones before it; a refused one is not decided.</summary>
    private static (List<Decision> Decisions, List<object> Events, TenantAccount After) DecideEach(
        TenantAccount before, IReadOnlyList<object> commands, Func<int, Decision.Rejected?> refused)
    {
        var decisions = new List<Decision>(commands.Count);
        var events = new List<object>();
        var state = before;
        for (var c = 0; c < commands.Count; c++)
        {
            var decision = refused(c) ?? TenantAccountDecider.Decide(state, commands[c]);
            decisions.Add(decision);
            if (decision is Decision.Accepted accepted)
            {
                events.AddRange(accepted.Events);
                state = accepted.Events.Aggregate(state, TenantAccount.Evolve);
            }
        }
        return (decisions, events, state);
    }

    /// <summary>The index of the command that would take <paramref name="key"/> (a payment id), if one does.</summary>
    private static int? CommandClaiming(IReadOnlyList<object> commands, string key)
    {
        for (var c = 0; c < commands.Count; c++)
        {
            if (commands[c] is RecordPayment p && p.PaymentId.Value == key) return c;
        }
        return null;
    }
}
