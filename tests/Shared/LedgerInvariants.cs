using Ledger.Api.Infrastructure;
using Ledger.Api.Infrastructure.Integrity;
using Ledger.Api.Projections;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Marten;
using Npgsql;

namespace Fault.Shared;

/// <summary>What <see cref="LedgerInvariants.CheckAsync"/> found: the broken invariants (empty when all hold) and what was counted.</summary>
public sealed record LedgerCheck(
    IReadOnlyList<string> Problems, IReadOnlyDictionary<string, int> PaymentsReceived, int Streams, long Events, long JournalEntries, long Debits, long Credits,
    long Tombstones);

/// <summary>
/// The money invariants a fault must not break, read from the ledger's database as its owner after the fault:
/// every stream's versions are 1..n with no gap or repeat (and the stream row says n); a payment id is received once
/// in the whole landlord; every journal entry balances and so does the journal; and the read models rebuilt from the
/// events, by the ledger's own fold (<see cref="TenantAccount.Fold"/>) and inline projection (<see cref="LedgerProjection.Project"/>)
/// replayed from an empty account, equal the documents the live writes left (account, notices, payments, journal
/// entries, lettrage); and the landlord's hash chain verifies. Marten's projection rebuild does not apply: the ledger's read models are written by its writer,
/// not by registered Marten projections. The bank stream is checked for versions and its journal, not rebuilt.
/// Linked into the payments and reconciliation fault tests (tests/Shared).
/// </summary>
public static class LedgerInvariants
{
    /// <summary>
    /// Marten's own stream of placeholders for event sequence numbers reserved by an append that then failed (what a crash
    /// or a terminated backend leaves): not an account, so it is counted, not checked.
    /// </summary>
    public const string TombstoneStream = "mt_tombstone";

    public static async Task<LedgerCheck> CheckAsync(string ledgerOwnerConnection, string landlord, CancellationToken ct)
    {
        // Fresh connections only: a pooled one from before a crash is broken.
        ledgerOwnerConnection = new NpgsqlConnectionStringBuilder(ledgerOwnerConnection) { Pooling = false }.ConnectionString;
        var problems = new List<string>();
        using var store = DocumentStore.For(o => LedgerStore.Configure(o, ledgerOwnerConnection, autoCreate: false));
        var (streams, events, tombstones) = await CheckVersionsAsync(ledgerOwnerConnection, landlord, problems, ct);

        await using var session = store.QuerySession(landlord);
        var json = store.Options.Serializer();
        var journal = await session.Query<JournalEntryView>().ToListAsync(ct);
        long debits = 0, credits = 0;
        foreach (var j in journal)
        {
            long d = j.Lines.Sum(l => l.Debit), c = j.Lines.Sum(l => l.Credit);
            if (d != c || d != j.TotalDebitCents || c != j.TotalCreditCents) problems.Add($"journal entry {j.Id} does not balance: lines {d}/{c}, totals {j.TotalDebitCents}/{j.TotalCreditCents}");
            debits = checked(debits + d);
            credits = checked(credits + c);
        }
        if (debits != credits) problems.Add($"the journal does not balance: debits {debits}, credits {credits}");

        var received = new Dictionary<string, int>(StringComparer.Ordinal);
        var chart = new ChartOfAccounts();
        var storedJournal = journal.ToLookup(j => j.TenantReference, StringComparer.Ordinal);
        // Everything in a few queries (one per document type, one for the events), not a few per account.
        var accounts = (await session.Query<AccountView>().ToListAsync(ct)).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var notices = (await session.Query<NoticeView>().ToListAsync(ct)).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var payments = (await session.Query<PaymentView>().ToListAsync(ct)).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var letters = (await session.Query<LetterView>().ToListAsync(ct)).ToDictionary(d => d.Id, StringComparer.Ordinal);
        var byStream = (await session.Events.QueryAllRawEvents().ToListAsync(ct)).ToLookup(e => e.StreamKey!, StringComparer.Ordinal);
        foreach (var key in streams.Where(s => !s.StartsWith("bank:", StringComparison.Ordinal)))
        {
            var data = byStream[key].OrderBy(e => e.Version).Select(e => e.Data).ToList();
            foreach (var p in data.OfType<PaymentReceived>()) received[p.PaymentId.Value] = received.GetValueOrDefault(p.PaymentId.Value) + 1;
            var after = TenantAccount.Fold(data);
            var rebuilt = LedgerProjection.Project(TenantAccount.Initial, data, after, 0, chart);
            void Same<T>(string what, T expected, T? live) where T : class
            {
                if (live is null) problems.Add($"{key}: {what} missing from the read models");
                else if (json.ToJson(expected) != json.ToJson(live)) problems.Add($"{key}: {what} differs from its rebuild: live {json.ToJson(live)}, rebuilt {json.ToJson(expected)}");
            }
            Same("account", rebuilt.Account, accounts.GetValueOrDefault(key));
            foreach (var n in rebuilt.Notices) Same($"notice {n.Id}", n, notices.GetValueOrDefault(n.Id));
            foreach (var p in rebuilt.Payments) Same($"payment {p.Id}", p, payments.GetValueOrDefault(p.Id));
            foreach (var l in rebuilt.Letters) Same($"lettrage {l.Id}", l, letters.GetValueOrDefault(l.Id));
            var live = storedJournal[key].OrderBy(j => j.Id, StringComparer.Ordinal).Select(json.ToJson).ToList();
            var expected = rebuilt.Journal.OrderBy(j => j.Id, StringComparer.Ordinal).Select(json.ToJson).ToList();
            if (!live.SequenceEqual(expected)) problems.Add($"{key}: journal entries differ from their rebuild ({live.Count} live, {expected.Count} rebuilt)");
        }
        foreach (var (id, count) in received.Where(p => p.Value != 1)) problems.Add($"payment {id} received {count} times");

        // Tamper evidence survives the fault too: the landlord's hash chain links every event, as `verify` checks it.
        await using (var connection = new NpgsqlConnection(ledgerOwnerConnection))
        {
            await connection.OpenAsync(ct);
            var chain = await ChainVerifier.VerifyAsync(connection, landlord, [], ct);
            if (chain.Problem is { } broken) problems.Add($"hash chain: {broken.Describe()}");
        }
        return new LedgerCheck(problems, received, streams.Count, events, journal.Count, debits, credits, tombstones);
    }

    /// <summary>Versions 1..n, each once, per stream, and the stream row's version n; returns the stream keys and the event counts.</summary>
    private static async Task<(List<string> Streams, long Events, long Tombstones)> CheckVersionsAsync(string connection, string landlord, List<string> problems, CancellationToken ct)
    {
        await using var db = NpgsqlDataSource.Create(connection);
        await using var cmd = db.CreateCommand("""
            select s.id, s.version, count(e.seq_id), coalesce(min(e.version), 0), coalesce(max(e.version), 0), count(distinct e.version)
            from ledger.mt_streams s left join ledger.mt_events e on e.stream_id = s.id and e.tenant_id = s.tenant_id
            where s.tenant_id = $1 group by s.id, s.version order by s.id
            """);
        cmd.Parameters.Add(new() { Value = landlord });
        var streams = new List<string>();
        long events = 0, tombstones = 0;
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            var (key, version, count, min, max, distinct) = (r.GetString(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3), r.GetInt64(4), r.GetInt64(5));
            if (key == TombstoneStream)
            {
                tombstones = count;
                continue;
            }
            streams.Add(key);
            events += count;
            if (count == 0 || min != 1 || max != count || distinct != count || version != count)
                problems.Add($"stream {key}: {count} events, versions {min}..{max} ({distinct} distinct), stream version {version}");
        }
        return (streams, events, tombstones);
    }
}
