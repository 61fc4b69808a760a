using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;

namespace Payments.Api.Storage;

/// <summary>
/// Ready means the payments database answers: without it no attempt can be opened and no webhook stored, so a load balancer
/// must send tenants (and Adyen's retries) elsewhere. The ledger is not checked: the lookup degrades on its own when it is down.
/// </summary>
public sealed class PaymentsDatabaseHealthCheck(NpgsqlDataSource db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            await using var command = db.CreateCommand("select count(*) from payment_attempts where false");
            await command.ExecuteScalarAsync(ct);
            return HealthCheckResult.Healthy();
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("database unreachable");
        }
    }
}
