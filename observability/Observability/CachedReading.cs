using System.Data.Common;
using Microsoft.Extensions.Logging;

namespace Observability;

/// <summary>
/// A value read from a database for observable gauges: read at most once per <paramref name="maxAge"/> whatever the number of
/// gauges and scrapes, synchronously (gauge callbacks are synchronous). When the database cannot be read the gauges report
/// nothing for that scrape (the series goes absent, which an alert can see) instead of a stale or made-up value.
/// </summary>
public sealed class CachedReading<T>(Func<T> read, TimeSpan maxAge, TimeProvider time, ILogger logger) where T : class
{
    private readonly Lock _gate = new();
    private T? _value;
    private DateTimeOffset _readAt;

    public T? Current
    {
        get
        {
            lock (_gate)
            {
                var now = time.GetUtcNow();
                if (_value is null || now - _readAt >= maxAge)
                {
                    try
                    {
                        _value = read();
                        _readAt = now;
                    }
                    catch (Exception e) when (e is DbException or TimeoutException or InvalidOperationException)
                    {
                        // The kind only: a database error text can quote values.
                        logger.LogWarning("Metrics reading failed: {Kind}", e.GetType().Name);
                        _value = null;
                    }
                }
                return _value;
            }
        }
    }
}
