using System.Diagnostics.Metrics;
using Ledger.Domain.Accounts;
using Marten;
using Npgsql;
using Observability;
using static Observability.Tags;

namespace Ledger.Api.Observability;

/// <summary>
/// The ledger's instruments (meter <c>Rent.Ledger</c>), counted by the writers where commands are decided. Tags are the
/// command's type name, the outcome and the rejection kind, and for suspense the landlord and currency: never a tenant,
/// a reference or a tenant's amount.
/// </summary>
public sealed class LedgerMetrics
{
    public const string Name = "Rent.Ledger";

    private readonly Counter<long> _commands;
    private readonly CachedReading<IReadOnlyList<SuspenseTotal>> _suspense;

    public sealed record SuspenseTotal(string Landlord, string Currency, long Entries, long Cents);

    public LedgerMetrics(IMeterFactory factory, IDocumentStore store, ILogger<LedgerMetrics> logger)
    {
        var meter = factory.Create(Name);
        _commands = meter.CreateCounter<long>("ledger.commands", "{command}",
            "Commands decided by the ledger, by command, outcome (accepted, unchanged, rejected) and rejection kind");
        _suspense = new CachedReading<IReadOnlyList<SuspenseTotal>>(() => ReadSuspense(store), TimeSpan.FromSeconds(1), TimeProvider.System, logger);
        meter.CreateObservableGauge("ledger.suspense.cents", () => Suspense(s => s.Cents), "{cent}",
            "Money still parked on suspense 471, in cents, signed as on the statement (positive: received, not yet cleared)");
        meter.CreateObservableGauge("ledger.suspense.entries", () => Suspense(s => s.Entries), "{entry}",
            "Bank lines still parked on suspense 471");
    }

    /// <summary>
    /// One count per decided command. When the write ends in a rejection nothing of it was written: only the rejected command
    /// counts (as rejected), not the ones accepted before it in the same all-or-nothing batch.
    /// </summary>
    public void Decided(IReadOnlyList<object> commands, IReadOnlyList<Decision> decisions)
    {
        if (decisions.Count == 0) return;
        if (decisions[^1] is Decision.Rejected rejected)
        {
            Count(commands[Math.Min(decisions.Count, commands.Count) - 1], rejected);
            return;
        }
        for (var i = 0; i < decisions.Count && i < commands.Count; i++) Count(commands[i], decisions[i]);
    }

    private void Count(object command, Decision decision)
    {
        var name = Tag("command", command.GetType().Name);
        switch (decision)
        {
            case Decision.Accepted: _commands.Add(1, name, Tag("outcome", "accepted")); break;
            case Decision.Unchanged: _commands.Add(1, name, Tag("outcome", "unchanged")); break;
            case Decision.Rejected r: _commands.Add(1, name, Tag("outcome", "rejected"), Tag("rejection", Kind(r.Kind))); break;
        }
    }

    private static string Kind(RejectionKind kind) => kind switch
    {
        RejectionKind.Invalid => "invalid",
        RejectionKind.NotFound => "not_found",
        RejectionKind.Conflict => "conflict",
        _ => "other",
    };

    private Measurement<long>[] Suspense(Func<SuspenseTotal, long> value) =>
        _suspense.Current is { } totals
            ? [.. totals.Select(t => new Measurement<long>(value(t), [Tag("landlord", t.Landlord), Tag("currency", t.Currency)]))]
            : [];

    /// <summary>One grouped read of the open suspense documents (indexed by status), in every database of the ledger.</summary>
    private static IReadOnlyList<SuspenseTotal> ReadSuspense(IDocumentStore store)
    {
        var totals = new List<SuspenseTotal>();
        // A cached reading on the metrics thread: synchronous, as before there were several databases.
        foreach (var database in store.Storage.AllDatabases().AsTask().GetAwaiter().GetResult())
        {
            using var connection = database.CreateConnection();
            connection.Open();
            using var command = new NpgsqlCommand("""
                select tenant_id, data ->> 'currency', count(*), coalesce(sum((data ->> 'amountCents')::bigint), 0)
                from ledger.mt_doc_suspenseview where data ->> 'status' = 'Open' group by 1, 2 order by 1, 2
                """, connection) { CommandTimeout = 5 };
            try
            {
                using var reader = command.ExecuteReader();
                while (reader.Read()) totals.Add(new SuspenseTotal(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3)));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
            {
                // No bank operation yet in this database: nothing is in suspense.
            }
        }
        return totals;
    }
}
