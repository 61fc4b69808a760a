using System.Collections.Concurrent;
using Payments.Api.Web;

namespace Payments.Api.Features.Pay;

/// <summary>
/// The per-tenant limit of the lookup and of "Payer par carte" (the same counter for both, keyed by the normalised tenant
/// reference, so typing a reference differently does not buy more guesses). Only failed tries count: a tenant who types
/// both references right never uses up the limit. After <c>RateLimits:PerTenantPerMinute</c> failures in a window of one
/// minute, every try for that reference (right or wrong, so the answer reveals nothing) gets 429 until the window ends: a
/// stranger's guesses can block a tenant for at most one minute at a time, never for long.
/// </summary>
public sealed class TenantLimiter(int failuresPerMinute, TimeProvider time)
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);
    private const int MaxTracked = 100_000;
    private readonly ConcurrentDictionary<string, Counter> _counters = new(StringComparer.Ordinal);

    private sealed class Counter(DateTimeOffset start)
    {
        public DateTimeOffset Start = start;
        public int Failures;
    }

    /// <summary>When the reference is locked, how long until it is not; null when a try is allowed.</summary>
    public TimeSpan? LockedFor(string tenantKey)
    {
        var now = time.GetUtcNow();
        if (!_counters.TryGetValue(tenantKey, out var c)) return null;
        lock (c)
        {
            var ends = c.Start + Window;
            if (now >= ends) return null;
            return c.Failures >= failuresPerMinute ? ends - now : null;
        }
    }

    public void RecordFailure(string tenantKey)
    {
        var now = time.GetUtcNow();
        if (_counters.Count > MaxTracked) Prune(now);
        var c = _counters.GetOrAdd(tenantKey, _ => new Counter(now));
        lock (c)
        {
            if (now >= c.Start + Window)
            {
                c.Start = now;
                c.Failures = 0;
            }
            c.Failures++;
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var (key, c) in _counters)
        {
            if (now >= c.Start + Window) _counters.TryRemove(key, out _);
        }
    }

    /// <summary>The French 429 page with Retry-After, shared by the per-IP limiter and the per-tenant one.</summary>
    public static IResult TooMany(HttpContext http, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TenantPages.Message("Trop de tentatives", $"Trop de tentatives. Pour protéger les comptes des locataires, réessayez dans {seconds} secondes.", 429);
    }
}

public static class RateLimits
{
    public const string LookupPolicy = "lookup";
}
