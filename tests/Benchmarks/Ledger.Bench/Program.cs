using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using LocalPostgres;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

// Payments recorded per second through the ledger's HTTP API at concurrency 1, 8 and 32, with p50/p99 latency, and the same
// server's pgbench figure for a one-row-insert transaction as the physical reference, measured in the same run.
// A figure, not a test: run with
//   dotnet run -c Release --project tests/Benchmarks/Ledger.Bench [-- --tenants 2000 --requests 4000 --seconds 15]
// The cluster is durable (fsync on), unlike the test clusters.

// The FEC export benchmark (issue 8): dotnet run -c Release --project tests/Benchmarks/Ledger.Bench -- fec [--tenants 125000]
if (args.Length > 0 && args[0] == "fec")
{
    await Ledger.Bench.FecBench.RunAsync(args);
    return;
}

// The month's quittances as one zip (issue 12): dotnet run -c Release --project tests/Benchmarks/Ledger.Bench -- quittances [--tenants 2000]
if (args.Length > 0 && args[0] == "quittances")
{
    await Ledger.Bench.QuittanceBench.RunAsync(args);
    return;
}

var tenants = int.Parse(Arg("--tenants") ?? "2000", CultureInfo.InvariantCulture);
var requests = int.Parse(Arg("--requests") ?? "4000", CultureInfo.InvariantCulture);
var pgbenchSeconds = Arg("--seconds") ?? "15";
// The rent run goes through the import endpoint in batches of its maximum (Ledger:MaxImportBatch, 10,000 by default), each
// batch one transaction on the bulk writer.
var importBatch = int.Parse(Arg("--batch") ?? "10000", CultureInfo.InvariantCulture);

await using var postgres = await ThrowawayPostgres.StartAsync(fast: false);
var db = await postgres.CreateDatabaseAsync("ledger_bench");
const string key = "bench-key-0123456789abcdef";
var app = Ledger.Api.LedgerApp.Build([
    "--urls=http://127.0.0.1:0", $"--ConnectionStrings:Ledger={db}", "--Ledger:ApiKeys:0:Name=bench", $"--Ledger:ApiKeys:0:Key={key}",
    "--Ledger:ApiKeys:0:Scopes=landlords:write notices:write notices:read payments:write", "--Ledger:ApiKeys:0:Landlords=*",
    $"--Ledger:MaxImportBatch={importBatch}", "--Logging:LogLevel:Default=Warning",
]);
await app.StartAsync();
var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
using var http = new HttpClient { BaseAddress = new Uri(address + "/landlords/bench/"), Timeout = TimeSpan.FromMinutes(5) };
http.DefaultRequestHeaders.Add("X-Api-Key", key);
(await http.PutAsJsonAsync(address + "/landlords/bench", new { name = "Bench Habitat", tenantReferencePattern = "^\\d{6}/\\d{2}$" })).EnsureSuccessStatusCode();

Console.WriteLine($"Seeding {tenants} tenants with one notice each…");
var importClock = Stopwatch.StartNew();
for (var start = 0; start < tenants; start += importBatch)
{
    var batch = Enumerable.Range(start, Math.Min(importBatch, tenants - start)).Select(i => new
    {
        tenantReference = $"{400000 + i:000000}/01", tenantName = $"Locataire {i}", noticeReference = $"2026-11/{400000 + i:000000}",
        period = "2026-11", dueDate = "2026-11-05", lines = new[] { new { kind = "Rent", label = "Loyer", amount = "9000.00" } },
    });
    (await http.PostAsJsonAsync("notices/import", new { notices = batch })).EnsureSuccessStatusCode();
}

importClock.Stop();
var import = string.Create(CultureInfo.InvariantCulture,
    $"{tenants / importClock.Elapsed.TotalSeconds:F0} notices/s ({tenants} new accounts and notices in batches of {importBatch}, {importClock.Elapsed.TotalSeconds:F1} s)");
Console.WriteLine($"import: {import}");
var serial = await Run("concurrency 1", 1, requests / 4, 0);
var parallel = await Run("concurrency 8", 8, requests, requests);
var wide = await Run("concurrency 32", 32, requests, 2 * requests);
var pg1 = PgBench(postgres.AdminConnectionString, db, 1);
var pg8 = PgBench(postgres.AdminConnectionString, db, 8);
var pg32 = PgBench(postgres.AdminConnectionString, db, 32);
Console.WriteLine();
// The server's durability as it is, not as intended: with RENT_PG_CONNECTION set, the bench runs on that server (a test
// server usually has fsync off, which flatters every figure here).
var durability = await Durability(postgres.AdminConnectionString);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, PostgreSQL 15 ({(postgres.IsThrowaway ? "throwaway cluster" : "server of RENT_PG_CONNECTION")}, {durability}), .NET {Environment.Version}");
Console.WriteLine($"ledger HTTP, notice import: {import}");
Console.WriteLine($"ledger HTTP, record payment, concurrency 1: {serial}");
Console.WriteLine($"ledger HTTP, record payment, concurrency 8: {parallel}");
Console.WriteLine($"ledger HTTP, record payment, concurrency 32: {wide}");
Console.WriteLine($"pgbench one-row insert, 1 client:  {pg1}");
Console.WriteLine($"pgbench one-row insert, 8 clients: {pg8}");
Console.WriteLine($"pgbench one-row insert, 32 clients: {pg32}");
await app.StopAsync();

async Task<string> Run(string label, int concurrency, int count, int offset)
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
            var n = offset + i;
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
            using var response = await http.SendAsync(request);
            latencies[i] = sw.Elapsed.TotalMilliseconds;
            if (response.StatusCode == System.Net.HttpStatusCode.Conflict) Interlocked.Increment(ref conflicts);
            else response.EnsureSuccessStatusCode();
        }
    }));
    total.Stop();
    Array.Sort(latencies);
    var result = string.Create(CultureInfo.InvariantCulture,
        $"{count / total.Elapsed.TotalSeconds:F0} payments/s over {count} requests, p50 {latencies[count / 2]:F1} ms, p99 {latencies[(int)(count * 0.99)]:F1} ms, 409s {conflicts}");
    Console.WriteLine($"{label}: {result}");
    return result;
}

string PgBench(string admin, string dbConnection, int clients)
{
    var b = new NpgsqlConnectionStringBuilder(dbConnection);
    using (var conn = new NpgsqlConnection(dbConnection))
    {
        conn.Open();
        using var cmd = new NpgsqlCommand("CREATE TABLE IF NOT EXISTS bench_insert (id bigserial primary key, v int not null)", conn);
        cmd.ExecuteNonQuery();
    }
    var script = Path.GetTempFileName();
    File.WriteAllText(script, "INSERT INTO bench_insert (v) VALUES (1);\n");
    var psi = new ProcessStartInfo("/usr/lib/postgresql/15/bin/pgbench",
        ["-n", "-f", script, "-c", clients.ToString(CultureInfo.InvariantCulture), "-j", clients.ToString(CultureInfo.InvariantCulture),
         "-T", pgbenchSeconds, "-h", b.Host!, "-p", b.Port.ToString(CultureInfo.InvariantCulture), "-U", b.Username!, b.Database!])
    { RedirectStandardOutput = true, RedirectStandardError = true };
    psi.Environment["PGPASSWORD"] = b.Password;
    using var p = Process.Start(psi)!;
    var output = p.StandardOutput.ReadToEnd();
    p.WaitForExit();
    File.Delete(script);
    var tps = output.Split('\n').FirstOrDefault(l => l.StartsWith("tps", StringComparison.Ordinal))?.Trim() ?? "pgbench failed: " + p.StandardError.ReadToEnd();
    var latency = output.Split('\n').FirstOrDefault(l => l.StartsWith("latency average", StringComparison.Ordinal))?.Trim() ?? "";
    return $"{tps}; {latency}";
}

string? Arg(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static async Task<string> Durability(string adminConnection)
{
    await using var connection = new Npgsql.NpgsqlConnection(adminConnection);
    await connection.OpenAsync();
    await using var command = new Npgsql.NpgsqlCommand("SELECT current_setting('fsync') || '/' || current_setting('synchronous_commit')", connection);
    var fsync = (string)(await command.ExecuteScalarAsync())!;
    return $"fsync/synchronous_commit {fsync}";
}
