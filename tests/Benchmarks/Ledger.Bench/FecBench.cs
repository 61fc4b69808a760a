using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using LocalPostgres;
using Marten;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Primitives;

namespace Ledger.Bench;

/// <summary>
/// Time and peak memory of the FEC export of one year over HTTP, for N tenants with 12 notices and about 12 payments each.
/// Seeding (reported apart) decides every tenant's year with the real decider and projection (so lettrage, journal and
/// read models are the ledger's own) and bulk-inserts the read models the export reads (COPY through Marten); the events
/// themselves are not stored, since the export never reads them.
///   dotnet run -c Release --project tests/Benchmarks/Ledger.Bench -- fec [--tenants 125000]
/// </summary>
public static class FecBench
{
    public static async Task RunAsync(string[] args)
    {
        var tenants = int.Parse(Arg(args, "--tenants") ?? "125000", CultureInfo.InvariantCulture);
        Benchmarks.Shared.BenchJson.UseRunnerServer(args);
        await using var postgres = await ThrowawayPostgres.StartAsync(fast: true);
        var db = await postgres.CreateDatabaseAsync("ledger_fec_bench");
        const string key = "bench-key-0123456789abcdef";
        var app = Ledger.Api.LedgerApp.Build([
            "--urls=http://127.0.0.1:0", $"--ConnectionStrings:Ledger={db}", "--Ledger:ApiKeys:0:Name=bench", $"--Ledger:ApiKeys:0:Key={key}",
            "--Ledger:ApiKeys:0:Scopes=landlords:write journal:read", "--Ledger:ApiKeys:0:Landlords=*", "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        (await http.PutAsJsonAsync(address + "/landlords/bench", new { name = "Bench Habitat", siren = "443061841" })).EnsureSuccessStatusCode();

        var store = app.Services.GetRequiredService<IDocumentStore>();
        var chart = app.Services.GetRequiredService<ChartOfAccounts>();
        var seed = Stopwatch.StartNew();
        long journalDocs = 0;
        const int chunk = 2500;
        for (var start = 0; start < tenants; start += chunk)
        {
            var accounts = new List<AccountView>(chunk);
            var journal = new List<JournalEntryView>(chunk * 26);
            var letters = new List<LetterView>(chunk * 26);
            for (var i = start; i < Math.Min(tenants, start + chunk); i++)
            {
                var output = Year(i, chart);
                accounts.Add(output.Account);
                journal.AddRange(output.Journal);
                letters.AddRange(output.Letters);
            }
            await store.BulkInsertAsync("bench", accounts);
            await store.BulkInsertAsync("bench", journal, batchSize: 5000);
            await store.BulkInsertAsync("bench", letters, batchSize: 5000);
            journalDocs += journal.Count;
            if (start / chunk % 10 == 0) Console.WriteLine($"  seeded {Math.Min(tenants, start + chunk)} tenants, {seed.Elapsed.TotalSeconds:F0} s");
        }
        seed.Stop();
        using (var conn = store.Storage.Database.CreateConnection())
        {
            await conn.OpenAsync();
            await using var analyze = new Npgsql.NpgsqlCommand("analyze", conn) { CommandTimeout = 0 };
            await analyze.ExecuteNonQueryAsync();
        }
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseline = process.WorkingSet64;
        long peakWorkingSet = baseline, peakHeap = GC.GetTotalMemory(false);
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                try { await Task.Delay(50, sampling.Token); } catch (OperationCanceledException) { }
            }
        });

        var export = Stopwatch.StartNew();
        using var response = await http.GetAsync(address + "/landlords/bench/exports/fec?fiscalYearEnd=2025-12-31", HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var firstByte = export.Elapsed;
        await using var body = await response.Content.ReadAsStreamAsync();
        var buffer = new byte[1 << 16];
        long bytes = 0, lines = 0;
        int read;
        while ((read = await body.ReadAsync(buffer)) > 0)
        {
            bytes += read;
            lines += buffer.AsSpan(0, read).Count((byte)'\n');
        }
        export.Stop();
        await sampling.CancelAsync();
        await sampler;

        // Where the time goes: the ordered query alone, read row by row without writing anything.
        var queryOnly = Stopwatch.StartNew();
        long rows = 0;
        await foreach (var _ in Ledger.Api.Features.Exports.JournalRows.ReadAsync(store, "bench", 20250101, 20251231, CancellationToken.None)) rows++;
        queryOnly.Stop();

        if (Environment.GetEnvironmentVariable("FEC_EXPLAIN") == "1")
        {
            await using var conn = store.Storage.Database.CreateConnection();
            await conn.OpenAsync();
            // The settings the export's own transaction uses (JournalRows.ReadAsync).
            await using (var settings = new Npgsql.NpgsqlCommand("set work_mem = '64MB'; set jit = off", conn)) await settings.ExecuteNonQueryAsync();
            await using var explain = new Npgsql.NpgsqlCommand("explain (analyze, buffers) " + Ledger.Api.Features.Exports.JournalRows.Sql, conn) { CommandTimeout = 0 };
            explain.Parameters.AddWithValue("landlord", "bench");
            explain.Parameters.AddWithValue("from", 20250101);
            explain.Parameters.AddWithValue("to", 20251231);
            await using var plan = await explain.ExecuteReaderAsync();
            while (await plan.ReadAsync()) Console.WriteLine(plan.GetString(0));
        }

        Console.WriteLine();
        Console.WriteLine($"query alone (rows read and parsed, nothing written): {rows} entries in {queryOnly.Elapsed.TotalSeconds:F1} s");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, PostgreSQL 15 ({(postgres.IsThrowaway ? "own throwaway cluster, fsync off" : "the server given by --pg or RENT_PG_CONNECTION")}), .NET {Environment.Version}");
        Console.WriteLine($"seeding: {tenants} tenants, {journalDocs} journal entries, {seed.Elapsed.TotalSeconds:F1} s (decider + projection + COPY)");
        Console.WriteLine($"FEC export over HTTP: {export.Elapsed.TotalSeconds:F1} s (first byte after {firstByte.TotalSeconds:F1} s), {lines} lines, {bytes / 1e6:F1} MB, {response.Content.Headers.ContentDisposition?.FileName}");
        Console.WriteLine($"memory during export (host and client in one process): peak working set {peakWorkingSet / 1e6:F0} MB (baseline before export {baseline / 1e6:F0} MB), peak managed heap {peakHeap / 1e6:F0} MB");
        Benchmarks.Shared.BenchJson.Write(args, new System.Text.Json.Nodes.JsonObject
        {
            ["row"] = "fec", ["tenants"] = tenants, ["entries"] = rows, ["lines"] = lines, ["megabytes"] = Math.Round(bytes / 1e6, 1),
            ["seconds"] = Math.Round(export.Elapsed.TotalSeconds, 3), ["firstByteSeconds"] = Math.Round(firstByte.TotalSeconds, 3),
            ["queryOnlySeconds"] = Math.Round(queryOnly.Elapsed.TotalSeconds, 3), ["seedSeconds"] = Math.Round(seed.Elapsed.TotalSeconds, 1),
            ["peakMb"] = Math.Round(peakWorkingSet / 1e6, 1), ["peakHeapMb"] = Math.Round(peakHeap / 1e6, 1),
        });
        if (Environment.GetEnvironmentVariable("FEC_HOLD") is { Length: > 0 } hold)
        {
            // Keeps the seeded cluster for a while, to try queries by hand (psql) on it.
            Console.WriteLine($"holding the cluster for {hold} s: {db}");
            await Task.Delay(TimeSpan.FromSeconds(int.Parse(hold, CultureInfo.InvariantCulture)));
        }
        await app.StopAsync();
    }

    /// <summary>One tenant's 2025, decided by the ledger: 12 notices, a payment a month by its usual channel, a few partial payments and returns.</summary>
    private static LedgerProjection.Output Year(int i, ChartOfAccounts chart)
    {
        var tenant = new TenantReference($"{500000 + i:000000}/01");
        var channel = (i % 10) switch { < 5 => PaymentChannel.DirectDebit, < 7 => PaymentChannel.Transfer, 7 => PaymentChannel.Card, 8 => PaymentChannel.Cheque, _ => PaymentChannel.Eficash };
        var commands = new List<object> { new OpenAccount("bench", tenant, $"Locataire n°{i} Hélène", $"D-{i}", new LocalDate(2024, 12, 1)) };
        var rent = 40000 + (i % 300 * 100);
        for (var m = 1; m <= 12; m++)
        {
            var notice = new NoticeReference($"2025-{m:00}/{i:000000}");
            List<NoticeLine> lines = [new(NoticeLineKind.Rent, "Loyer", Money.Eur(rent)), new(NoticeLineKind.Charges, "Charges", Money.Eur(9000))];
            if (i % 3 == 0) lines.Add(new(NoticeLineKind.Rls, "RLS", Money.Eur(-5000)));
            commands.Add(new IssueNotice(notice, new YearMonth(2025, m), new LocalDate(2025, m, 1), new LocalDate(2025, m, 5), lines, null));
            var due = lines.Sum(l => l.Amount.Cents);
            var amount = i % 17 == m ? due - 2000 : due; // now and then a partial payment
            var paymentId = new PaymentId($"{channel.ToString().ToLowerInvariant()}:B{i}-{m}");
            commands.Add(new RecordPayment(paymentId, channel, Money.Eur(amount), new LocalDate(2025, m, 6),
                new Dictionary<string, string> { ["bankReference"] = $"B{i}-{m}" }, notice));
            if (i % 40 == m && channel is PaymentChannel.DirectDebit or PaymentChannel.Cheque)
                commands.Add(new ReversePayment(paymentId, $"R{i}-{m}", channel == PaymentChannel.Cheque ? ReversalKind.ChequeReturned : ReversalKind.DirectDebitReturned,
                    Money.Eur(amount), new LocalDate(2025, m, 12), "AM04"));
        }
        var (decisions, events, after) = LedgerWriter.DecideAll(TenantAccount.Initial, commands);
        if (decisions[^1] is Decision.Rejected r) throw new InvalidOperationException($"bench tenant {i}: {r.Field} {r.Message}");
        return LedgerProjection.Project(TenantAccount.Initial, events, after, 0, chart);
    }

    private static string? Arg(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
