using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Benchmarks.Shared;

/// <summary>
/// The bounded load test (issue 10 §4): for a fixed time (at most 2 minutes, refused above), loopback only, an open loop
/// at a fixed total rate of mixed traffic to the public payments host — 70 % tenant lookups (POST /avis, expect 303),
/// 20 % checkout starts (POST /paiement/carte, expect the 303 to the PSP simulator's hosted page, or the notice page when
/// the notice is already paid), 10 % signed webhooks (POST /webhooks/adyen, expect 200). It stops by itself and reports
/// every answer that is neither expected nor a 429 as an error (the target: none), the p99 over all requests, and the
/// process's memory (managed heap after a full collection, and the working set) before and after.
/// </summary>
internal static class LoadBench
{
    public static async Task<JsonObject> RunAsync(HttpClient http, string antiforgery, double seconds, int rate)
    {
        if (seconds is <= 0 or > 120) throw new ArgumentOutOfRangeException(nameof(seconds), "the load test runs at most 120 s");
        if (!http.BaseAddress!.IsLoopback) throw new InvalidOperationException("the load test only targets 127.0.0.1");
        var auth = WebhookBench.Auth();
        var (heapBefore, rssBefore) = Memory();
        var count = (int)(rate * seconds);
        int ok = 0, tooMany = 0, other = 0;
        var (latencies, elapsed) = await OpenLoop.RunAsync(rate, count, async index =>
        {
            try
            {
                var (request, expected) = Make(index, antiforgery, auth);
                using (request)
                using (var response = await http.SendAsync(request))
                {
                    await response.Content.LoadIntoBufferAsync();
                    if (expected.Contains(response.StatusCode)) Interlocked.Increment(ref ok);
                    else if (response.StatusCode == HttpStatusCode.TooManyRequests) Interlocked.Increment(ref tooMany);
                    else Interlocked.Increment(ref other);
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException) { Interlocked.Increment(ref other); }
        });
        var (heapAfter, rssAfter) = Memory();
        var p99 = Math.Round(BenchJson.Percentile(latencies, 99), 3);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"load: {count} requests in {elapsed:F1} s ({rate}/s asked), {ok} expected, {tooMany} × 429, {other} other errors, p99 {p99:F1} ms; heap {heapBefore} → {heapAfter} MB, working set {rssBefore} → {rssAfter} MB"));
        return new JsonObject
        {
            ["row"] = "load", ["seconds"] = Math.Round(elapsed, 1), ["rate"] = rate, ["requests"] = count, ["expected"] = ok,
            ["errorsOther"] = other, ["count429"] = tooMany, ["p99Ms"] = p99,
            ["memoryBeforeMb"] = rssBefore, ["memoryAfterMb"] = rssAfter, ["heapBeforeMb"] = heapBefore, ["heapAfterMb"] = heapAfter,
        };
    }

    // The mix is fixed by the request's index, so two runs send the same sequence.
    private static (HttpRequestMessage Request, HttpStatusCode[] Expected) Make(int i, string antiforgery, System.Net.Http.Headers.AuthenticationHeaderValue auth)
    {
        var n = i % 20 + 1;
        var references = new Dictionary<string, string>
        {
            ["tenantReference"] = $"{100000 + n}/01", ["noticeReference"] = $"2026-11/{n:000000}", ["__RequestVerificationToken"] = antiforgery,
        };
        return (i % 10) switch
        {
            < 7 => (new HttpRequestMessage(HttpMethod.Post, "/avis") { Content = new FormUrlEncodedContent(references) }, [HttpStatusCode.SeeOther]),
            < 9 => (new HttpRequestMessage(HttpMethod.Post, "/paiement/carte") { Content = new FormUrlEncodedContent(references) },
                [HttpStatusCode.SeeOther, HttpStatusCode.Found, HttpStatusCode.OK]),
            _ => (WebhookBench.Webhook(auth), [HttpStatusCode.OK]),
        };
    }

    private static (long HeapMb, long WorkingSetMb) Memory()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        using var self = Process.GetCurrentProcess();
        return (GC.GetTotalMemory(forceFullCollection: true) / 1048576, self.WorkingSet64 / 1048576);
    }
}
