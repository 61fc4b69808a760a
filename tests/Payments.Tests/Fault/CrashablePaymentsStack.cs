using LocalPostgres;
using Npgsql;
using Payments.Tests.Support;

namespace Payments.Tests.Fault;

/// <summary>
/// The payments stack (ledger, simulator, payments host) on a PostgreSQL cluster of its own, which the fault tests stop
/// with <c>-m immediate</c>, restart, and whose service backends they terminate. Never the shared server: other test
/// classes and other runs use that one.
/// </summary>
public sealed class CrashablePaymentsStack : PaymentsStack
{
    // Not disposed with the stack: the cluster stays until the test process exits (ThrowawayPostgres removes it then).
    // Regression: removing it with the stack broke the card-data scan, which runs last and dumps every database our
    // services owned, these too.
    private ThrowawayPostgres? _server;

    public ThrowawayPostgres Server => _server ?? throw new InvalidOperationException("the stack is not started");

    protected override async Task<ThrowawayPostgres> ServerAsync() => _server ??= await ThrowawayPostgres.StartDedicatedAsync();

    /// <summary>Terminates every backend of the services' login roles; returns how many were terminated.</summary>
    public async Task<int> TerminateServiceBackendsAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(Server.AdminConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "select count(*) filter (where pg_terminate_backend(pid)) from pg_stat_activity where usename = any($1) and pid <> pg_backend_pid()", connection);
        command.Parameters.Add(new() { Value = ServiceRoles.ToArray() });
        return Convert.ToInt32(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }
}
