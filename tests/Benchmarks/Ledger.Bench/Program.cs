using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Benchmarks.Shared;
using Ledger.Bench;
using LocalPostgres;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

// Two rows of issue 10, each with its reference measured in the same run on the same durable cluster (fsync on):
// - the rent run: N accounts opened and notices issued through POST …/notices/import, next to a COPY of the same rows
//   (CopyReference: every table the run wrote, copied into empty copies of those tables);
// - payments recorded per second through the ledger's HTTP API at concurrency 1, 8 and 32 with p50/p99, next to pgbench
//   running the ledger's own statements (tests/Benchmarks/pgbench/record-payment.sql) at the same concurrency.
// A figure, not a test:
//   dotnet run -c Release --project tests/Benchmarks/Ledger.Bench [-- --tenants 2000 --requests 4000 --seconds 15
//       --runs 3 --rent-runs 1 --json-out FILE --pg ADMIN]
// The FEC export benchmark (issue 8): dotnet run -c Release --project tests/Benchmarks/Ledger.Bench -- fec [--tenants 125000]
if (args.Length > 0 && args[0] == "fec")
{
    await FecBench.RunAsync(args);
    return;
}

// The month's quittances as one zip (issue 12): dotnet run -c Release --project tests/Benchmarks/Ledger.Bench -- quittances [--tenants 2000]
if (args.Length > 0 && args[0] == "quittances")
{
    await Ledger.Bench.QuittanceBench.RunAsync(args);
    return;
}

BenchJson.UseRunnerServer(args);
var inv = CultureInfo.InvariantCulture;
var tenants = int.Parse(BenchJson.Arg(args, "--tenants") ?? "2000", inv);
var requests = int.Parse(BenchJson.Arg(args, "--requests") ?? "4000", inv);
var pgbenchSeconds = BenchJson.Arg(args, "--seconds") ?? "15";
var runs = BenchJson.Runs(args);
var rentRuns = int.Parse(BenchJson.Arg(args, "--rent-runs") ?? "1", inv);
// The rent run goes through the import endpoint in batches of its maximum (Ledger:MaxImportBatch, 10,000 by default), each
// batch one transaction on the bulk writer.
var importBatch = int.Parse(BenchJson.Arg(args, "--batch") ?? "10000", inv);

await using var postgres = await ThrowawayPostgres.StartAsync(fast: false);
var durability = await PgBench.SettingsAsync(postgres.AdminConnectionString);
if (durability["fsync"] != "on") Console.WriteLine("WARNING: fsync is off on this server: every figure below is flattered");

var rentSeconds = new List<double>();
var copySeconds = new List<double>();
string db = "";
Microsoft.AspNetCore.Builder.WebApplication? app = null;
HttpClient? http = null;
for (var r = 0; r < rentRuns; r++)
{
    if (app is not null) await app.DisposeAsync();
    http?.Dispose();
    // A fresh database each run: the run opens N new accounts.
    db = await postgres.CreateDatabaseAsync("ledger_bench");
    (app, http) = await StartLedgerAsync(db);
    Console.WriteLine($"rent run {r + 1}/{rentRuns}: {tenants} accounts opened and notices issued…");
    var clock = Stopwatch.StartNew();
    for (var start = 0; start < tenants; start += importBatch)
    {
        var batch = Enumerable.Range(start, Math.Min(importBatch, tenants - start)).Select(i => new
        {
            tenantReference = $"{400000 + i:000000}/01", tenantName = $"Locataire {i}", noticeReference = $"2026-11/{400000 + i:000000}",
            period = "2026-11", dueDate = "2026-11-05", lines = new[] { new { kind = "Rent", label = "Loyer", amount = "9000.00" } },
        });
        (await http.PostAsJsonAsync("notices/import", new { notices = batch })).EnsureSuccessStatusCode();
    }
    rentSeconds.Add(clock.Elapsed.TotalSeconds);
    var copy = await CopyReference.RunAsync(db);
    copySeconds.Add(copy.Seconds);
    Console.WriteLine(string.Create(inv, $"  {rentSeconds[^1]:F1} s ({tenants / rentSeconds[^1]:F0}/s); COPY of the same {copy.Rows} rows in {copy.Tables} tables: {copy.Seconds:F2} s"));
}

var rows = new List<JsonObject>
{
    new JsonObject { ["row"] = "rent-run", ["notices"] = tenants, ["batch"] = importBatch }.WithRuns("Seconds", rentSeconds)
        .Also(o => o["reference"] = new JsonObject { ["label"] = "COPY of the same rows", ["seconds"] = Math.Round(BenchJson.Median(copySeconds), 4) }),
};
var script = PgBench.FindScript();
var offset = 0;
foreach (var concurrency in new[] { 1, 8, 32 })
{
    var count = concurrency == 1 ? requests / 4 : requests;
    var perSecond = new List<double>();
    var p50 = new List<double>();
    var p99 = new List<double>();
    var reference = new List<double>();
    for (var r = 0; r < runs; r++)
    {
        var (rate, l50, l99, conflicts) = await RecordPaymentsAsync(http!, concurrency, count, offset);
        offset += count;
        var tps = PgBench.Run(script, db, tenants, concurrency, pgbenchSeconds);
        Console.WriteLine(string.Create(inv, $"concurrency {concurrency}, run {r + 1}: {rate:F0} payments/s, p50 {l50:F1} ms, p99 {l99:F1} ms, 409s {conflicts}; pgbench same statements {tps:F0}/s"));
        perSecond.Add(rate); p50.Add(l50); p99.Add(l99); reference.Add(tps);
    }
    rows.Add(new JsonObject
    {
        ["row"] = $"ledger-payments-c{concurrency}", ["concurrency"] = concurrency, ["requests"] = count,
        ["p50Ms"] = Math.Round(BenchJson.Median(p50), 3), ["p99Ms"] = Math.Round(BenchJson.Median(p99), 3),
        ["reference"] = new JsonObject
        {
            ["label"] = "pgbench, the ledger's statements (tests/Benchmarks/pgbench/record-payment.sql)", ["perSecond"] = Math.Round(BenchJson.Median(reference), 2),
            ["runs"] = new JsonArray(reference.Select(x => (JsonNode)JsonValue.Create(Math.Round(x, 2))).ToArray()),
        },
    }.WithRuns("PerSecond", perSecond));
}
await app!.StopAsync();
var settings = new JsonObject { ["row"] = "postgres", ["isThrowaway"] = postgres.IsThrowaway };
foreach (var (k, v) in durability) settings[k] = v;
rows.Add(settings);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, PostgreSQL {durability["server_version"]}, fsync {durability["fsync"]}, synchronous_commit {durability["synchronous_commit"]}");
BenchJson.Write(args, BenchJson.Rows(rows));

static async Task<(Microsoft.AspNetCore.Builder.WebApplication App, HttpClient Http)> StartLedgerAsync(string db)
{
    const string key = "bench-key-0123456789abcdef";
    var app = Ledger.Api.LedgerApp.Build([
        "--urls=http://127.0.0.1:0", $"--ConnectionStrings:Ledger={db}", "--Ledger:ApiKeys:0:Name=bench", $"--Ledger:ApiKeys:0:Key={key}",
        "--Ledger:ApiKeys:0:Scopes=landlords:write notices:write notices:read payments:write", "--Ledger:ApiKeys:0:Landlords=*",
        "--Logging:LogLevel:Default=Warning",
    ]);
    await app.StartAsync();
    var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
    var http = new HttpClient { BaseAddress = new Uri(address + "/landlords/bench/"), Timeout = TimeSpan.FromMinutes(5) };
    http.DefaultRequestHeaders.Add("X-Api-Key", key);
    (await http.PutAsJsonAsync(address + "/landlords/bench", new { name = "Bench Habitat", tenantReferencePattern = "^\\d{6}/\\d{2}$" })).EnsureSuccessStatusCode();
    return (app, http);
}

async Task<(double PerSecond, double P50, double P99, int Conflicts)> RecordPaymentsAsync(HttpClient client, int concurrency, int count, int first)
{
    var latencies = new double[count];
    var next = -1;
    var conflicts = 0;
    var total = Stopwatch.StartNew();
    await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
    {
        int i;
        while ((i = Interlocked.Increment(ref next)) < count)
        {
            var n = first + i;
            var id = $"transfer:BENCH-{n}";
            using var request = new HttpRequestMessage(HttpMethod.Post, "payments")
            {
                Content = JsonContent.Create(new
                {
                    paymentId = id, tenantReference = $"{400000 + (n * 7919 % tenants):000000}/01", channel = "Transfer", amount = "1.00",
                    currency = "EUR", receivedOn = "2026-11-06", externalReferences = new Dictionary<string, string> { ["bankReference"] = $"BENCH-{n}" },
                }),
            };
            request.Headers.Add("Idempotency-Key", id);
            var sw = Stopwatch.StartNew();
            using var response = await client.SendAsync(request);
            latencies[i] = sw.Elapsed.TotalMilliseconds;
            if (response.StatusCode == System.Net.HttpStatusCode.Conflict) Interlocked.Increment(ref conflicts);
            else response.EnsureSuccessStatusCode();
        }
    }));
    var seconds = total.Elapsed.TotalSeconds;
    Array.Sort(latencies);
    return (count / seconds, BenchJson.Percentile(latencies, 50), BenchJson.Percentile(latencies, 99), conflicts);
}

internal static class JsonObjectExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}
