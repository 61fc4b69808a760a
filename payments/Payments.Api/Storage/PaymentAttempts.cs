using System.Security.Cryptography;
using Npgsql;
using Payments.Api.Ledger;

namespace Payments.Api.Storage;

/// <summary>A payment attempt: one try at paying one notice by card, with the idempotency key every call to Adyen repeats.</summary>
public sealed record Attempt(string Id, string IdempotencyKey, long AmountCents, string Status, string? RedirectUrl, DateTimeOffset ExpiresAt);

/// <summary>
/// Opening attempts. The unique partial index (one Created/Redirected attempt per notice) settles double clicks and races;
/// an attempt whose amount no longer matches the ledger, or that expired, is superseded by a new one.
/// </summary>
public static class PaymentAttempts
{
    /// <summary>The open attempt of this notice for this amount, or a new one (stored before any call to Adyen).</summary>
    public static async Task<Attempt> OpenAsync(NpgsqlDataSource db, LedgerNotice notice, long due, DateTimeOffset now, CancellationToken ct)
    {
        for (var i = 0; i < 3; i++)
        {
            await using (var close = db.CreateCommand("""
                update payment_attempts set status = 'Superseded', updated_at = $3
                where notice_reference = $1 and status in ('Created', 'Redirected') and (expires_at <= $3 or amount_cents <> $2)
                """))
            {
                close.Parameters.Add(new() { Value = notice.NoticeReference });
                close.Parameters.Add(new() { Value = due });
                close.Parameters.Add(new() { Value = now });
                await close.ExecuteNonQueryAsync(ct);
            }
            await using (var select = db.CreateCommand("""
                select attempt_id, idempotency_key, amount_cents, status, redirect_url, expires_at from payment_attempts
                where notice_reference = $1 and status in ('Created', 'Redirected')
                """))
            {
                select.Parameters.Add(new() { Value = notice.NoticeReference });
                await using var reader = await select.ExecuteReaderAsync(ct);
                if (await reader.ReadAsync(ct))
                {
                    return new Attempt(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetString(3),
                        reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5));
                }
            }
            var attempt = new Attempt("AT" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10)),
                Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)), due, "Created", null, now.AddMinutes(60));
            await using var insert = db.CreateCommand("""
                insert into payment_attempts (attempt_id, idempotency_key, tenant_reference, notice_reference, amount_cents, currency, status,
                    expires_at, created_at, updated_at)
                values ($1, $2, $3, $4, $5, $6, 'Created', $7, $8, $8)
                """);
            insert.Parameters.Add(new() { Value = attempt.Id });
            insert.Parameters.Add(new() { Value = attempt.IdempotencyKey });
            insert.Parameters.Add(new() { Value = notice.TenantReference });
            insert.Parameters.Add(new() { Value = notice.NoticeReference });
            insert.Parameters.Add(new() { Value = due });
            insert.Parameters.Add(new() { Value = notice.Currency });
            insert.Parameters.Add(new() { Value = attempt.ExpiresAt });
            insert.Parameters.Add(new() { Value = now });
            try
            {
                await insert.ExecuteNonQueryAsync(ct);
                return attempt;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                // Another click won the race: loop and reuse its attempt.
            }
        }
        throw new InvalidOperationException("could not open a payment attempt");
    }

    /// <summary>
    /// An attempt of this notice authorised in the last 15 minutes: its payment may not have reached the ledger yet, so the
    /// amount due still looks unpaid. A second checkout then would charge the tenant twice.
    /// </summary>
    public static async Task<string?> RecentlyAuthorisedAsync(NpgsqlDataSource db, string noticeReference, DateTimeOffset now, CancellationToken ct)
    {
        await using var select = db.CreateCommand("""
            select attempt_id from payment_attempts where notice_reference = $1 and status in ('Authorised', 'Review') and updated_at > $2
            order by updated_at desc limit 1
            """);
        select.Parameters.Add(new() { Value = noticeReference });
        select.Parameters.Add(new() { Value = now.AddMinutes(-15) });
        return await select.ExecuteScalarAsync(ct) as string;
    }
}
