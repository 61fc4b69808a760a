using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Reconciliation.Service.Bench;

/// <summary>
/// Bulk posting (issue 10): --payments transfers, one per tenant account, recorded through the ledger's
/// <c>payments/bulk</c> route in calls of 1,000, one after the other as the posting queue sends them; payments per second per
/// run. The reference, in the same run on the same cluster: pgbench running tests/Benchmarks/pgbench/bulk-posting.sql, the
/// statements of one 1,000-payment call's transaction as PostgreSQL logged them (log_statement = all), over as many
/// transactions, so its payments per second are 1,000 × its transactions per second.
/// </summary>
internal static class BulkPostingBench
{
    private const int Chunk = 1_000;

    public static async Task<int> RunAsync(string[] args)
    {
        var payments = BenchArgs.Int(args, "--payments", 125_000);
        var runs = BenchArgs.Int(args, "--runs", 3);
        var inv = CultureInfo.InvariantCulture;
        await using var pg = await BenchArgs.ClusterAsync(args);
        var ledgerDb = await pg.CreateDatabaseAsync("bench_bulk");
        var key = BenchArgs.Secret();
        var ledger = Ledger.Api.LedgerApp.Build([
            "--urls=http://127.0.0.1:0", $"--ConnectionStrings:Ledger={ledgerDb}",
            "--Ledger:ApiKeys:0:Name=bench", $"--Ledger:ApiKeys:0:Key={key}",
            "--Ledger:ApiKeys:0:Scopes=landlords:write notices:write notices:read payments:read payments:write", "--Ledger:ApiKeys:0:Landlords=*",
            "--Ledger:MaxImportBatch=10000", "--Logging:LogLevel:Default=Warning",
        ]);
        await ledger.StartAsync();
        try
        {
            var address = ledger.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address + "/landlords/bench/"), Timeout = TimeSpan.FromMinutes(10) };
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
            (await http.PutAsJsonAsync(address + "/landlords/bench", new { name = "Bench Habitat", tenantReferencePattern = "^\\d{6}/\\d{2}$" })).EnsureSuccessStatusCode();
            var sw = Stopwatch.StartNew();
            for (var start = 0; start < payments; start += 10_000)
            {
                var batch = Enumerable.Range(start, Math.Min(10_000, payments - start)).Select(i => new
                {
                    tenantReference = Tenant(i), tenantName = $"Locataire {i}", noticeReference = $"2026-11/{i:000000}",
                    period = "2026-11", dueDate = "2026-11-05", lines = new[] { new { kind = "Rent", label = "Loyer", amount = "450.00" } },
                });
                (await http.PostAsJsonAsync("notices/import", new { notices = batch })).EnsureSuccessStatusCode();
            }
            Console.WriteLine(string.Create(inv, $"setup: {payments:N0} accounts with one notice each in {sw.Elapsed.TotalSeconds:F0} s"));

            // One call logged statement by statement, on a warm host, for the pgbench script (see tests/Benchmarks/pgbench).
            if (BenchArgs.Arg(args, "--capture") is { } captureFile)
            {
                await CaptureAsync(pg.AdminConnectionString, captureFile, () => PostAsync(http, "capture", 0, Chunk));
            }
            await PostAsync(http, "warmup", 0, Math.Min(Chunk, payments));

            var perSecond = new List<double>();
            for (var run = 1; run <= runs; run++)
            {
                sw.Restart();
                for (var start = 0; start < payments; start += Chunk) await PostAsync(http, $"r{run}", start, Math.Min(Chunk, payments - start));
                perSecond.Add(Math.Round(payments / sw.Elapsed.TotalSeconds));
                Console.WriteLine(string.Create(inv, $"run {run}: {payments:N0} payments in {sw.Elapsed.TotalSeconds:F1} s, {perSecond[^1]:F0}/s"));
            }
            var reference = await PgBench.BulkPostingAsync(new NpgsqlConnectionStringBuilder(ledgerDb), Math.Max(1, payments / Chunk), Chunk, Tenant, i => $"transfer-r1-{i}");
            await BenchArgs.WriteJsonAsync(args, new
            {
                row = "bulk-posting", payments, chunk = Chunk, runs = perSecond,
                medianPerSecond = BenchArgs.Median(perSecond), minPerSecond = perSecond.Min(), maxPerSecond = perSecond.Max(),
                reference = new { label = "pgbench, same statements", perSecond = reference },
            });
            return 0;
        }
        finally
        {
            await ledger.StopAsync();
        }
    }

    private static string Tenant(int i) => $"{100000 + i:000000}/01";

    /// <summary>A call of transfers on accounts start … start+count, each paying its own notice; every one must be 201.</summary>
    private static async Task PostAsync(HttpClient http, string prefix, int start, int count)
    {
        var body = new
        {
            payments = Enumerable.Range(start, count).Select(i => new
            {
                paymentId = $"transfer:{prefix}-{i}", tenantReference = Tenant(i), channel = "Transfer", amount = "450.00", currency = "EUR",
                receivedOn = "2026-11-06", noticeReference = $"2026-11/{i:000000}",
                externalReferences = new Dictionary<string, string> { ["bankReference"] = $"{prefix}-{i}" },
            }),
        };
        using var response = await http.PostAsJsonAsync("payments/bulk", body);
        response.EnsureSuccessStatusCode();
        var answer = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (answer.GetProperty("recorded").GetInt32() != count) throw new InvalidOperationException($"a bulk call recorded {answer.GetProperty("recorded")} of {count}");
    }

    /// <summary>Runs <paramref name="action"/> with log_statement = all and copies what the server logged meanwhile.</summary>
    private static async Task CaptureAsync(string admin, string file, Func<Task> action)
    {
        await using var conn = new NpgsqlConnection(admin);
        await conn.OpenAsync();
        string dataDir;
        await using (var cmd = new NpgsqlCommand("select current_setting('data_directory')", conn)) dataDir = (string)(await cmd.ExecuteScalarAsync())!;
        var log = Path.Combine(Path.GetDirectoryName(dataDir)!, "server.log");
        var from = new FileInfo(log).Length;
        await using (var cmd = new NpgsqlCommand("alter system set log_statement = 'all'; select pg_reload_conf()", conn)) await cmd.ExecuteNonQueryAsync();
        await Task.Delay(500);
        try { await action(); }
        finally
        {
            await using var cmd = new NpgsqlCommand("alter system reset log_statement; select pg_reload_conf()", conn);
            await cmd.ExecuteNonQueryAsync();
        }
        await using var stream = new FileStream(log, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        stream.Seek(from, SeekOrigin.Begin);
        using var reader = new StreamReader(stream);
        await File.WriteAllTextAsync(file, await reader.ReadToEndAsync());
    }
}
