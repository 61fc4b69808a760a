using System.Diagnostics;

/// <summary>
/// An open loop at a fixed rate, shared by the lookup curve and the load test: request i is due at start + i/rate and its
/// latency counts from that due time, so a slow answer delays nobody's clock (no coordinated omission).
/// </summary>
internal static class OpenLoop
{
    /// <summary>Calls <paramref name="send"/> for 0 … count-1 at <paramref name="rate"/> per second; it must not throw.</summary>
    public static async Task<(double[] SortedLatenciesMs, double ElapsedSeconds)> RunAsync(int rate, int count, Func<int, Task> send)
    {
        var latencies = new double[count];
        var tasks = new List<Task>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = i * 1000.0 / rate;
            var wait = due - clock.Elapsed.TotalMilliseconds;
            if (wait > 1) await Task.Delay(TimeSpan.FromMilliseconds(wait));
            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                await send(index);
                latencies[index] = clock.Elapsed.TotalMilliseconds - due;
            }));
        }
        await Task.WhenAll(tasks);
        var elapsed = clock.Elapsed.TotalSeconds;
        Array.Sort(latencies);
        return (latencies, elapsed);
    }
}
