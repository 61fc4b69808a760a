using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Reconciliation.Api.Accounts;

/// <summary>Where an account stands: locked until a time, or free; and whether the last failure started a lock.</summary>
public sealed record ThrottleState(int Failures, DateTimeOffset? LockedUntil)
{
    public bool IsLocked(DateTimeOffset now) => LockedUntil is { } until && until > now;
}

/// <summary>
/// Lockout with back-off per account name (ASVS V2.2.1), kept in the reconciliation database so that it holds across
/// restarts and instances. After <see cref="FreeFailures"/> failures (password or second-factor code) the name is locked
/// for 1 minute, then each further failure doubles the lock, up to 15 minutes; a full login clears it. Names that match no
/// account are counted and locked exactly the same way, so the answers never tell which names exist. The key is a
/// SHA-256 of the lower-cased name: a password typed into the name field is not stored.
/// </summary>
public sealed class LoginThrottle(NpgsqlDataSource db, TimeProvider time)
{
    public const int FreeFailures = 5;
    public static readonly TimeSpan FirstLock = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan LongestLock = TimeSpan.FromMinutes(15);

    public static string Key(string userName) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(userName.Trim().ToLowerInvariant())));

    /// <summary>The lock that follows the n-th consecutive failure (none before the fifth).</summary>
    public static TimeSpan? LockAfter(int failures)
    {
        if (failures < FreeFailures) return null;
        var doublings = Math.Min(failures - FreeFailures, 10);
        var span = FirstLock * (1 << doublings);
        return span > LongestLock ? LongestLock : span;
    }

    public async Task<ThrottleState> StateAsync(string userName, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("select failures, locked_until from login_throttle where key = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = Key(userName) });
        await using var r = await cmd.ExecuteReaderAsync(ct);
        return await r.ReadAsync(ct) ? new ThrottleState(r.GetInt32(0), r.IsDBNull(1) ? null : r.GetFieldValue<DateTimeOffset>(1)) : new ThrottleState(0, null);
    }

    /// <summary>Counts one failure (atomically, concurrent attempts each count) and returns the new state.</summary>
    public async Task<ThrottleState> FailAsync(string userName, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var conn = await db.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        int failures;
        await using (var cmd = new NpgsqlCommand("""
            insert into login_throttle (key, failures, last_failure_at) values ($1, 1, $2)
            on conflict (key) do update set failures = login_throttle.failures + 1, last_failure_at = excluded.last_failure_at
            returning failures
            """, conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = Key(userName) });
            cmd.Parameters.Add(new NpgsqlParameter { Value = now });
            failures = (int)(await cmd.ExecuteScalarAsync(ct))!;
        }
        DateTimeOffset? until = LockAfter(failures) is { } span ? now + span : null;
        await using (var cmd = new NpgsqlCommand("update login_throttle set locked_until = $2 where key = $1", conn, tx))
        {
            cmd.Parameters.Add(new NpgsqlParameter { Value = Key(userName) });
            cmd.Parameters.Add(new NpgsqlParameter { Value = until.HasValue ? until.Value : DBNull.Value });
            await cmd.ExecuteNonQueryAsync(ct);
        }
        await tx.CommitAsync(ct);
        return new ThrottleState(failures, until);
    }

    public async Task ResetAsync(string userName, CancellationToken ct)
    {
        await using var cmd = db.CreateCommand("delete from login_throttle where key = $1");
        cmd.Parameters.Add(new NpgsqlParameter { Value = Key(userName) });
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>The French answer while locked (the same for every name, known or not).</summary>
    public static string LockedMessage(DateTimeOffset until, DateTimeOffset now)
    {
        var minutes = Math.Max(1, (int)Math.Ceiling((until - now).TotalMinutes));
        return $"Trop d'échecs de connexion : réessayez dans {minutes} minute{(minutes > 1 ? "s" : "")}.";
    }
}
