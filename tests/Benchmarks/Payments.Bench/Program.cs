using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Benchmarks.Shared;
using System.Text.RegularExpressions;
using LocalPostgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

// The tenant lookup through the public payments page (POST /avis: antiforgery, rate limiter, ledger lookup over HTTP, 303)
// at fixed request rates, open loop: request i is due at start + i/rate and its latency counts from that due time, so a
// slow answer delays nobody's clock (no coordinated omission). The reference in the same run is a static 200 from the same
// host (GET /favicon.svg) at the same rates. The issue's figure is the p99 at 500 req/s, measured --runs times.
// Then webhooks (WebhookBench): distinct notifications signed as Adyen signs them, accepted per second, p99, against the
// same static 200 at the same concurrency. A figure, not a test:
//   dotnet run -c Release --project tests/Benchmarks/Payments.Bench [-- --rates 100,250,500,750,1000 --seconds 10 --runs 3
//       --webhook-seconds 10 --json-out FILE --pg ADMIN]
var inv = CultureInfo.InvariantCulture;
var rates = (Arg("--rates") ?? "100,250,500,750,1000").Split(',').Select(r => int.Parse(r, inv)).ToArray();
var seconds = double.Parse(Arg("--seconds") ?? "10", inv);
var runs = BenchJson.Runs(args);
var webhookSeconds = double.Parse(Arg("--webhook-seconds") ?? "10", inv);
const int HeadlineRate = 500;
BenchJson.UseRunnerServer(args);

await using var postgres = await ThrowawayPostgres.StartAsync(fast: false);
var ledgerDb = await postgres.CreateOwnedServiceDatabaseAsync("bench_ledger");
var paymentsDb = await postgres.CreateOwnedServiceDatabaseAsync("bench_payments");
var ledgerKey = Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
var ledger = Ledger.Api.LedgerApp.Build([
    "--urls=http://127.0.0.1:0",
    $"--ConnectionStrings:Ledger={ledgerDb.ServiceConnectionString}", $"--ConnectionStrings:LedgerOwner={ledgerDb.OwnerConnectionString}",
    "--Ledger:ApiKeys:0:Name=payments", $"--Ledger:ApiKeys:0:Key={ledgerKey}",
    "--Ledger:ApiKeys:0:Scopes=notices:read payments:read payments:write", "--Ledger:ApiKeys:0:Landlords=demo-habitat",
    "--Demo:Seed=true", "--Logging:LogLevel:Default=Warning",
]);
await ledger.StartAsync();
var ledgerUrl = AddressOf(ledger);
var port = FreePort();
// The PSP's side, so that checkout starts (the load mode) get their hosted-page redirect.
var simulator = PspSimulator.SimulatorApp.Build([
    "--urls=http://127.0.0.1:0", "--Simulator:ApiKey=bench", "--Simulator:MerchantAccount=DemoHabitatFR",
    "--Simulator:HmacKey=" + WebhookBench.HmacKey, $"--Simulator:WebhookUser={WebhookBench.User}",
    $"--Simulator:WebhookPassword={WebhookBench.Password}", "--Logging:LogLevel:Default=Warning",
]);
await simulator.StartAsync();
var simulatorUrl = new Uri(AddressOf(simulator));
var payments = Payments.Api.PaymentsApp.Build([
    $"--urls=http://127.0.0.1:{port}", $"--Payments:PublicBaseUrl=http://127.0.0.1:{port}",
    $"--ConnectionStrings:Payments={paymentsDb.ServiceConnectionString}", $"--ConnectionStrings:PaymentsOwner={paymentsDb.OwnerConnectionString}",
    // No card is paid here: checkout starts stop at the simulator's hosted page; the webhooks are signed by the bench.
    "--Adyen:Environment=Test", "--Adyen:ApiKey=bench", "--Adyen:MerchantAccount=DemoHabitatFR",
    "--Adyen:HmacKeys:0=" + WebhookBench.HmacKey, $"--Adyen:WebhookUser={WebhookBench.User}", $"--Adyen:WebhookPassword={WebhookBench.Password}",
    $"--Adyen:AllowedRedirectHosts:0={simulatorUrl.Authority}", $"--Adyen:CheckoutBaseUrl={simulatorUrl}",
    $"--Ledger:BaseUrl={ledgerUrl}", $"--Ledger:ApiKey={ledgerKey}", "--Ledger:LandlordId=demo-habitat",
    "--Landlord:Name=Demo Habitat", "--Landlord:AccountHolder=DEMO HABITAT LOYERS", "--Landlord:Iban=FR7630006000011234567890189",
    "--Landlord:Bic=AGRIFRPPXXX", "--Landlord:ChequePayee=Demo Habitat", "--Landlord:ChequeAddress=Demo Habitat, TSA 10001, 75000 Paris",
    "--Landlord:Phone=01 00 00 00 00",
    // One client address sends everything here: the per-IP and per-tenant limits would answer 429 to a benchmark.
    "--RateLimits:PerIpPerMinute=100000000", "--RateLimits:PerTenantPerMinute=100000000",
    // The benchmark's webhooks name no payment attempt: the inbox processor dead-letters each one, with a warning.
    "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Payments.Api.Features.Webhooks.InboxProcessor=Error",
]);
await payments.StartAsync();
var baseUrl = new Uri($"http://127.0.0.1:{port}/");

var cookies = new CookieContainer();
using var http = new HttpClient(new SocketsHttpHandler
{
    CookieContainer = cookies, UseCookies = true, AllowAutoRedirect = false, MaxConnectionsPerServer = 512,
    PooledConnectionLifetime = TimeSpan.FromMinutes(10),
}) { BaseAddress = baseUrl, Timeout = TimeSpan.FromSeconds(30) };
var form = await http.GetStringAsync("/");
var token = WebUtility.HtmlDecode(Regex.Match(form, "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value);

HttpRequestMessage Lookup(int i)
{
    var n = i % 20 + 1;
    return new HttpRequestMessage(HttpMethod.Post, "/avis")
    {
        Content = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tenantReference"] = $"{100000 + n}/01", ["noticeReference"] = $"2026-11/{n:000000}", ["__RequestVerificationToken"] = token,
        }),
    };
}
HttpRequestMessage Static(int i) => new(HttpMethod.Get, "/favicon.svg");

// The bounded load test (issue 10 §4): `-- load --seconds 120`, mixed traffic, then exit.
if (args.Length > 0 && args[0] == "load")
{
    BenchJson.Write(args, await LoadBench.RunAsync(http, token, double.Parse(Arg("--seconds") ?? "120", inv), int.Parse(Arg("--rate") ?? "300", inv)));
    await payments.StopAsync();
    await simulator.StopAsync();
    await ledger.StopAsync();
    return;
}

// Warm-up: JIT, connection pools, the ledger's caches.
await RunAsync("warm-up", Lookup, HttpStatusCode.SeeOther, 100, 3, print: false);
await RunAsync("warm-up", Static, HttpStatusCode.OK, 100, 2, print: false);
Console.WriteLine($"machine: {Environment.ProcessorCount} cores, .NET {Environment.Version}, load average {File.ReadAllText("/proc/loadavg").Trim()}");
Console.WriteLine("what | rate req/s | sent | errors | achieved req/s | p50 ms | p99 ms | max ms");
var curve = new JsonArray();
var headline = new List<double>();
var headlineStatic = new List<double>();
foreach (var rate in rates)
{
    var repeat = rate == HeadlineRate ? runs : 1;
    for (var r = 0; r < repeat; r++)
    {
        var lookup = await RunAsync("lookup POST /avis", Lookup, HttpStatusCode.SeeOther, rate, seconds);
        var still = await RunAsync("static GET /favicon.svg", Static, HttpStatusCode.OK, rate, seconds);
        if (rate == HeadlineRate) { headline.Add(lookup.P99); headlineStatic.Add(still.P99); }
        if (r == 0)
        {
            curve.Add(new JsonObject
            {
                ["rate"] = rate, ["p50Ms"] = lookup.P50, ["p99Ms"] = lookup.P99, ["errors"] = lookup.Errors, ["achievedPerSecond"] = lookup.Achieved,
                ["staticP50Ms"] = still.P50, ["staticP99Ms"] = still.P99,
            });
        }
    }
}
var rows = new List<JsonObject>();
var lookupRow = new JsonObject { ["row"] = "lookup", ["rate"] = HeadlineRate, ["seconds"] = seconds, ["curve"] = curve };
if (headline.Count > 0)
{
    lookupRow.WithRuns("P99Ms", headline);
    lookupRow["reference"] = new JsonObject { ["label"] = "static 200 (GET /favicon.svg), same host, same rate", ["p99Ms"] = Math.Round(BenchJson.Median(headlineStatic), 3) };
}
rows.Add(lookupRow);
rows.Add(await WebhookBench.RunAsync(http, webhookSeconds, runs));
BenchJson.Write(args, BenchJson.Rows(rows));
await payments.StopAsync();
await simulator.StopAsync();
await ledger.StopAsync();

async Task<(double P50, double P99, int Errors, double Achieved)> RunAsync(string what, Func<int, HttpRequestMessage> make, HttpStatusCode expected, int rate, double duration, bool print = true)
{
    var count = (int)(rate * duration);
    var errors = 0;
    var (latencies, elapsed) = await OpenLoop.RunAsync(rate, count, async index =>
    {
        try
        {
            using var request = make(index);
            using var response = await http.SendAsync(request);
            await response.Content.LoadIntoBufferAsync();
            if (response.StatusCode != expected) Interlocked.Increment(ref errors);
        }
        catch (HttpRequestException) { Interlocked.Increment(ref errors); }
        catch (TaskCanceledException) { Interlocked.Increment(ref errors); }
    });
    var result = (Math.Round(BenchJson.Percentile(latencies, 50), 3), Math.Round(BenchJson.Percentile(latencies, 99), 3), errors, Math.Round(count / elapsed, 1));
    if (print)
    {
        Console.WriteLine(string.Create(inv,
            $"{what} | {rate} | {count} | {errors} | {count / elapsed:F0} | {result.Item1:F2} | {result.Item2:F2} | {latencies[^1]:F2}"));
    }
    return result;
}

string? Arg(string name) => args.SkipWhile(a => a != name).Skip(1).FirstOrDefault();

static string AddressOf(WebApplication app) =>
    app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";

static int FreePort()
{
    using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
    listener.Start();
    return ((IPEndPoint)listener.LocalEndpoint).Port;
}
