namespace Reconciliation.Service.Tests.Support;

/// <summary>The ledger host stopped and started again on the same address, for the outage tests.</summary>
public partial class ReconStack
{
    private string[] _ledgerArgs = [];

    public async Task StopLedgerAsync()
    {
        if (_ledger is null) return;
        await _ledger.StopAsync();
        await _ledger.DisposeAsync();
        _ledger = null;
    }

    /// <summary>Same database, keys and port as before (the reconciliation host's <c>Ledger:BaseUrl</c> does not change).</summary>
    public async Task StartLedgerAgainAsync()
    {
        _ledger = Ledger.Api.LedgerApp.Build(_ledgerArgs);
        await _ledger.StartAsync();
    }
}
