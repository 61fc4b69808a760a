using LocalPostgres;
using Reconciliation.Service.Tests.Support;

namespace Reconciliation.Service.Tests.Fault;

/// <summary>
/// The ledger and the reconciliation host with a generated landlord of 400 tenants, on a PostgreSQL cluster of their own
/// (the fault tests stop it with <c>-m immediate</c>; never the shared server), the month left for the test to import.
/// </summary>
public sealed class CrashableReconStack : ReconStack
{
    private ThrowawayPostgres? _server;

    protected override int Tenants => 400;

    protected override bool ImportMonthAtStart => false;

    public ThrowawayPostgres Server => _server ?? throw new InvalidOperationException("the stack is not started");

    protected override async Task<ThrowawayPostgres> ServerAsync() => _server ??= await ThrowawayPostgres.StartDedicatedAsync();

    /// <summary>
    /// The host killed as close as a test process can: stopped with an already cancelled token (connections aborted,
    /// requests and the posting worker cancelled where they are, no graceful drain), disposed, then a new one started on
    /// the same database.
    /// </summary>
    public async Task KillAndRestartReconAsync()
    {
        await Recon.StopAsync(new CancellationToken(canceled: true));
        await Recon.DisposeAsync();
        await StartReconAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        if (_server is not null) await _server.DisposeAsync();
    }
}
