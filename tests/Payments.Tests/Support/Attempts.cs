using Npgsql;

namespace Payments.Tests.Support;

/// <summary>Payment attempts written straight into the payments database, for webhook tests that do not go through a browser.</summary>
public static class Attempts
{
    public static async Task InsertAsync(NpgsqlDataSource db, string attemptId, string tenant, string notice, long cents, string status = "Expired")
    {
        await using var insert = db.CreateCommand("""
            insert into payment_attempts (attempt_id, idempotency_key, tenant_reference, notice_reference, amount_cents, currency, status,
                expires_at, created_at, updated_at)
            values ($1, $1 || '-key', $2, $3, $4, 'EUR', $5, now(), now(), now())
            """);
        insert.Parameters.Add(new() { Value = attemptId });
        insert.Parameters.Add(new() { Value = tenant });
        insert.Parameters.Add(new() { Value = notice });
        insert.Parameters.Add(new() { Value = cents });
        insert.Parameters.Add(new() { Value = status });
        await insert.ExecuteNonQueryAsync();
    }
}
