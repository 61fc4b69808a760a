using System.Text.Json;
using Fault.Shared;
using Npgsql;
using Reconciliation.Service.Tests.Support;

namespace Reconciliation.Service.Tests.Fault;

/// <summary>
/// Issue 11, killed imports: the generated month (camt.053, CFONB 120, camt.054, Adyen settlement, cheque slips, Eficash)
/// is imported with <c>recon import</c>, and half-way PostgreSQL is stopped with <c>-m immediate</c> and restarted, or
/// the host is killed and started again. Afterwards no import is half-written (its entries are all there or none, each
/// automatic entry with its postings, nothing left "en cours"), importing the same files again completes it (a third
/// import finds nothing new), and every automatic match is in the ledger exactly once with the ledger's invariants
/// holding (<see cref="LedgerInvariants"/>). Seeded: the seed is in every failure message; bounded by a deadline each.
/// </summary>
[Trait("Category", "Fault")]
public sealed class PostgresCrashDuringImportTests(CrashableReconStack stack) : IClassFixture<CrashableReconStack>
{
    private const int Seed = 1_100_601;

    [Fact]
    public Task Import_PostgresStoppedImmediateHalfWay_NothingPartialAndImportingAgainCompletesIt() =>
        new KilledImport(stack, Seed).RunAsync("PostgreSQL stopped -m immediate", async (rng, ct) =>
        {
            await stack.Server.StopImmediateAsync(ct);
            await Task.Delay(rng.Next(500, 2000), ct);
            await stack.Server.RestartAsync(ct);
        });
}

[Trait("Category", "Fault")]
public sealed class HostKilledDuringImportTests(CrashableReconStack stack) : IClassFixture<CrashableReconStack>
{
    private const int Seed = 1_100_602;

    [Fact]
    public Task Import_HostKilledHalfWay_NothingPartialAndImportingAgainCompletesIt() =>
        new KilledImport(stack, Seed).RunAsync("host killed", (_, _) => stack.KillAndRestartReconAsync());
}

/// <summary>One killed import and everything checked after it (shared by the two faults).</summary>
public sealed class KilledImport(CrashableReconStack stack, int seed)
{
    public async Task RunAsync(string fault, Func<Random, CancellationToken, Task> strike)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(150));
        var ct = deadline.Token;
        var rng = new Random(seed);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // Half-way: once the import has sent a seeded number of its postings to the ledger (0: as soon as it exists, while
        // it is still matching against the ledger's open items).
        var after = rng.Next(0, 150);
        var first = Task.Run(() => Import(stack.ReconUrl), ct);
        (await EventuallyAsync(async () => after == 0
                ? await ScalarAsync("select count(*) from imports", ct) > 0
                : await ScalarAsync("select count(*) from postings where status <> 'Pending'", ct) >= after, ct))
            .ShouldBeTrue($"seed {seed}: the import never reached {after} postings sent");
        var before = await StageAsync(ct);
        await strike(rng, ct);
        var (code, _, _) = await first.WaitAsync(TimeSpan.FromSeconds(60), ct);
        var why = $"seed {seed}: {fault} at {clock.ElapsedMilliseconds} ms, when {before}; that import exited {code}";
        code.ShouldNotBe(0, $"the fault came after the import had finished: {why}");

        foreach (var (id, status, total, stored, autoWithout) in await ImportsAsync(ct))
        {
            (stored == 0 || stored == total).ShouldBeTrue($"import {id} ({status}) has {stored} of its {total} entries: {why}");
            autoWithout.ShouldBe(0, $"import {id}: automatic entries without their postings: {why}");
        }

        var importedAt = clock.ElapsedMilliseconds;
        var again = await Task.Run(() => Import(stack.ReconUrl), ct).WaitAsync(TimeSpan.FromSeconds(60), ct);
        why += $"; importing again took {clock.ElapsedMilliseconds - importedAt} ms";
        again.Code.ShouldBe(0, $"importing again: {again.Stderr} ({why})");
        (await EventuallyAsync(async () => await ScalarAsync("select count(*) from postings where status = 'Pending'", ct) == 0, ct))
            .ShouldBeTrue($"postings still pending after importing again: {why}");
        why += $", the queue was empty at {clock.ElapsedMilliseconds} ms";
        var third = JsonDocument.Parse((await Task.Run(() => Import(stack.ReconUrl), ct).WaitAsync(TimeSpan.FromSeconds(60), ct)).Stdout).RootElement;
        third.GetProperty("new").GetInt32().ShouldBe(0, $"a third import still found new entries: {why}");

        foreach (var (id, status, total, stored, autoWithout) in await ImportsAsync(ct))
        {
            status.ShouldNotBe("Running", $"import {id} is still shown as running: {why}");
            (stored == 0 || stored == total).ShouldBeTrue($"import {id} ({status}) has {stored} of its {total} entries: {why}");
            autoWithout.ShouldBe(0, $"import {id}: automatic entries without their postings: {why}; {await AutoWithoutPostingsAsync(ct)}");
        }
        (await ScalarAsync("select count(*) from postings where status not in ('Done', 'Present')", ct)).ShouldBe(0, why);
        var payments = await PaymentPostingsAsync(ct);
        payments.Count.ShouldBe(payments.Distinct(StringComparer.Ordinal).Count(), why);
        var check = await LedgerInvariants.CheckAsync(stack.LedgerConnection, ReconStack.Landlord, ct);
        check.Problems.ShouldBeEmpty($"{why}: {string.Join("; ", check.Problems.Take(5))}");
        var notOnce = payments.Where(p => check.PaymentsReceived.GetValueOrDefault(p) != 1).ToList();
        notOnce.ShouldBeEmpty($"{why}: not in the ledger exactly once: {string.Join(", ", notOnce.Take(10))}");
        var entries = await ScalarAsync("select count(*) from entries", ct);
        Console.WriteLine($"{why}; then {entries} entries stored, {payments.Count} payment postings each once in the ledger; "
            + $"ledger: {check.Streams} streams, {check.Events} events, {check.Debits} = {check.Credits} cents, {check.Tombstones} Marten tombstones");
    }

    private (int Code, string Stdout, string Stderr) Import(Uri service) => ReconStack.RunRecon([
        "import", .. stack.ImportFiles.Select(f => Path.Combine(stack.MonthDir, f)), "--service", service.ToString(), "--api-key", stack.ImportKey, "--json"]);

    private async Task<string> StageAsync(CancellationToken ct) =>
        $"{await ScalarAsync("select count(*) from entries", ct)} entries were stored and "
        + $"{await ScalarAsync("select count(*) from postings where status <> 'Pending'", ct)} of {await ScalarAsync("select count(*) from postings", ct)} postings sent";

    /// <summary>
    /// An automatic entry whose match allocates money but that has no posting: what a half-written batch would leave. (An
    /// automatic entry with no allocation, such as a TIP SEPA batch credit explained by its batch, has none in a clean
    /// import either.)
    /// </summary>
    private const string AutoWithoutPostings = """
        e.decision = 'auto' and jsonb_path_exists(e.result_json::jsonb, '$.units[*].allocations[*]')
        and not exists (select 1 from postings p where p.entry_id = e.entry_id)
        """;

    /// <summary>Per import: status, how many new entries it counted, how many are stored, and automatic entries stored without a posting.</summary>
    private async Task<List<(long Id, string Status, long Total, long Stored, long AutoWithoutPostings)>> ImportsAsync(CancellationToken ct)
    {
        var list = new List<(long, string, long, long, long)>();
        await using var db = Database();
        await using var cmd = db.CreateCommand($"""
            select i.id, i.status, i.total, (select count(*) from entries e where e.import_id = i.id),
                   (select count(*) from entries e where e.import_id = i.id and {AutoWithoutPostings})
            from imports i order by i.id
            """);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add((r.GetInt64(0), r.GetString(1), r.GetInt32(2), r.GetInt64(3), r.GetInt64(4)));
        return list;
    }

    private async Task<string> AutoWithoutPostingsAsync(CancellationToken ct)
    {
        await using var db = Database();
        await using var cmd = db.CreateCommand($"""
            select string_agg(e.entry_id || ' ' || e.amount_cents || ' ' || left(e.result_json, 600), ' | ') from entries e
            where {AutoWithoutPostings}
            """);
        return (await cmd.ExecuteScalarAsync(ct))?.ToString() ?? "";
    }

    private async Task<List<string>> PaymentPostingsAsync(CancellationToken ct)
    {
        await using var db = Database();
        await using var cmd = db.CreateCommand("select payment_id from postings where kind = 'payment'");
        var list = new List<string>();
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct)) list.Add(r.GetString(0));
        return list;
    }

    private async Task<long> ScalarAsync(string sql, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                await using var db = Database();
                await using var cmd = db.CreateCommand(sql);
                return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
            }
            catch (NpgsqlException) when (!ct.IsCancellationRequested)
            {
                await Task.Delay(200, ct);
            }
        }
    }

    /// <summary>The reconciliation database as its owner, without pooling: a pooled connection from before a crash is broken.</summary>
    private NpgsqlDataSource Database() =>
        NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(stack.ReconOwnerConnection) { Pooling = false }.ConnectionString);

    private static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, CancellationToken ct)
    {
        var until = Environment.TickCount64 + 60_000;
        while (Environment.TickCount64 < until)
        {
            if (await condition()) return true;
            await Task.Delay(100, ct);
        }
        return await condition();
    }
}
