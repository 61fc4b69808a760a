using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Ready means the ledger can reach every one of its databases; a ledger that cannot write must not take traffic, and a
/// ledger that can write for some landlords only is not ready either (the load balancer cannot route by landlord). The
/// answer names the databases that failed, never a connection string.
/// </summary>
public sealed class DatabaseHealthCheck(IDocumentStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        var down = new List<string>();
        // Identifier is the name the placement gave the database (Ledger:Databases:<name>, "default"); Id is host and database.
#pragma warning disable CS0618
        foreach (var database in await store.Storage.AllDatabases())
        {
            try
            {
                await using var connection = database.CreateConnection();
                await connection.OpenAsync(ct);
                await using var command = new Npgsql.NpgsqlCommand("select 1", connection);
                if (await command.ExecuteScalarAsync(ct) is not 1) down.Add(database.Identifier);
            }
            catch (Exception ex) when (ex is Npgsql.NpgsqlException or TimeoutException or InvalidOperationException)
            {
                down.Add(database.Identifier);
            }
        }
#pragma warning restore CS0618
        return down.Count == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"database unreachable: {string.Join(", ", down)}");
    }
}
