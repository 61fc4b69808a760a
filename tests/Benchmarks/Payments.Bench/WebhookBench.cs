using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Benchmarks.Shared;
using Payments.Api.Adyen;

/// <summary>
/// Webhooks accepted per second: closed loop, <see cref="Concurrency"/> senders, each POST /webhooks/adyen a distinct
/// notification (its own pspReference) with basic auth and the item's HMAC computed as Adyen computes it
/// (Payments.Api.Adyen.NotificationHmac, checked against Adyen's vectors in the payments tests). Bodies are built and signed
/// before the clock starts: the figure is the host's (basic auth, HMAC check, inbox insert and commit), not the client's.
/// The reference is the same host's static 200 (GET /favicon.svg) with the same senders for the same time.
/// </summary>
internal static class WebhookBench
{
    public const string User = "bench";
    public const string Password = "bench-password";
    public static readonly string HmacKey = Convert.ToHexString(Enumerable.Range(0, 32).Select(i => (byte)(i * 7 + 3)).ToArray());
    private const int Concurrency = 16;
    private static int _serial;

    public static async Task<JsonObject> RunAsync(HttpClient http, double seconds, int runs)
    {
        var auth = Auth();
        // Warm-up, then the runs.
        await LoopAsync(http, () => Webhook(auth), 2);
        await LoopAsync(http, Static, 1);
        var perSecond = new List<double>();
        var p99 = new List<double>();
        var staticPerSecond = new List<double>();
        var staticP99 = new List<double>();
        var errors = 0;
        for (var r = 0; r < runs; r++)
        {
            var hooks = await LoopAsync(http, () => Webhook(auth), seconds);
            var still = await LoopAsync(http, Static, seconds);
            perSecond.Add(hooks.PerSecond); p99.Add(hooks.P99); staticPerSecond.Add(still.PerSecond); staticP99.Add(still.P99);
            errors += hooks.Errors;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"webhooks, {Concurrency} senders, run {r + 1}: {hooks.PerSecond:F0} accepted/s, p99 {hooks.P99:F1} ms, errors {hooks.Errors}; static 200: {still.PerSecond:F0}/s, p99 {still.P99:F1} ms"));
        }
        var row = new JsonObject { ["row"] = "webhooks", ["concurrency"] = Concurrency, ["seconds"] = seconds, ["errors"] = errors, ["p99Ms"] = Math.Round(BenchJson.Median(p99), 3) };
        row.WithRuns("PerSecond", perSecond);
        row["reference"] = new JsonObject
        {
            ["label"] = "static 200 (GET /favicon.svg), same host, same senders", ["perSecond"] = Math.Round(BenchJson.Median(staticPerSecond), 1),
            ["p99Ms"] = Math.Round(BenchJson.Median(staticP99), 3),
        };
        return row;
    }

    private static HttpRequestMessage Static() => new(HttpMethod.Get, "/favicon.svg");

    internal static AuthenticationHeaderValue Auth() => new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));

    internal static HttpRequestMessage Webhook(AuthenticationHeaderValue auth)
    {
        var n = Interlocked.Increment(ref _serial);
        var psp = $"BENCH{n:D12}";
        var item = new NotificationItem(psp, null, "DemoHabitatFR", $"demo-habitat:bench-{n}", 51230, "EUR", "AUTHORISATION", "true",
            "2026-11-06T10:00:00+01:00", "visa", null);
        var signature = NotificationHmac.Sign(item, HmacKey);
        var body = new JsonObject
        {
            ["live"] = "false",
            ["notificationItems"] = new JsonArray(new JsonObject
            {
                ["NotificationRequestItem"] = new JsonObject
                {
                    ["additionalData"] = new JsonObject { ["hmacSignature"] = signature },
                    ["amount"] = new JsonObject { ["currency"] = item.Currency, ["value"] = item.AmountValue },
                    ["eventCode"] = item.EventCode, ["eventDate"] = item.EventDate, ["merchantAccountCode"] = item.MerchantAccountCode,
                    ["merchantReference"] = item.MerchantReference, ["paymentMethod"] = item.PaymentMethod, ["pspReference"] = psp, ["success"] = item.Success,
                },
            }),
        };
        var request = new HttpRequestMessage(HttpMethod.Post, "/webhooks/adyen") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Authorization = auth;
        return request;
    }

    private static async Task<(double PerSecond, double P99, int Errors)> LoopAsync(HttpClient http, Func<HttpRequestMessage> make, double seconds)
    {
        // Signed before the clock starts: enough requests for the fastest senders (refilled if they run out).
        var queue = new System.Collections.Concurrent.ConcurrentQueue<HttpRequestMessage>(Enumerable.Range(0, 20000).Select(_ => make()));
        var latencies = new System.Collections.Concurrent.ConcurrentBag<double>();
        var errors = 0;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, Concurrency).Select(async _ =>
        {
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                using var request = queue.TryDequeue(out var ready) ? ready : make();
                var sw = Stopwatch.StartNew();
                try
                {
                    using var response = await http.SendAsync(request);
                    await response.Content.LoadIntoBufferAsync();
                    if (response.StatusCode != HttpStatusCode.OK) Interlocked.Increment(ref errors);
                }
                catch (HttpRequestException) { Interlocked.Increment(ref errors); }
                latencies.Add(sw.Elapsed.TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed.TotalSeconds;
        foreach (var left in queue) left.Dispose();
        var sorted = latencies.Order().ToArray();
        return ((sorted.Length - errors) / elapsed, BenchJson.Percentile(sorted, 99), errors);
    }
}
