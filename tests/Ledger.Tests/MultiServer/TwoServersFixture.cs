using LocalPostgres;
using Ledger.Api.Infrastructure;
using Microsoft.Extensions.Configuration;
using Ledger.Tests.Api;

namespace Ledger.Tests.MultiServer;

/// <summary>
/// The ledger host over two PostgreSQL servers: the shared test server (RENT_PG_CONNECTION) is the default database, a
/// second throwaway cluster started here holds <see cref="LandlordB"/> (Ledger:Databases:big). <see cref="LandlordA"/> is
/// listed nowhere, so it is in the default database. The second cluster is removed when the fixture ends.
/// </summary>
public sealed class TwoServersFixture : LedgerHostFixture
{
    public const string LandlordA = "bailleur-a";
    public const string LandlordB = "bailleur-b";
    public const string KeyA = "test-key-of-a-only-0123456789";
    public const string KeyB = "test-key-of-b-only-0123456789";

    private SecondLedgerServer? _second;

    /// <summary>Superuser connection to the second server's ledger database (to look at its rows).</summary>
    public string SecondAdminConnectionString { get; private set; } = null!;

    /// <summary>The options the host got for the second database, for the verify command.</summary>
    public string[] DatabaseArgs { get; private set; } = [];

    protected override bool SeedDemo => false;

    /// <summary>The placement the host runs with, read from the same settings (service roles).</summary>
    public LedgerPlacement Placement() => LedgerPlacement.FromConfiguration(new ConfigurationBuilder()
        .AddCommandLine([$"--ConnectionStrings:Ledger={ServiceConnectionString}", .. DatabaseArgs]).Build());

    protected override async Task BeforeStartAsync()
    {
        _second = await SecondLedgerServer.StartAsync("ledger_big");
        SecondAdminConnectionString = _second.AdminConnectionString;
        DatabaseArgs = _second.PlacementArgs("big", LandlordB);
    }

    protected override IEnumerable<string> ExtraArgs =>
    [
        .. DatabaseArgs,
        $"--Ledger:Checkpoints:SigningKey={Integrity.ChainFixture.PrivateKey}", $"--Ledger:Checkpoints:KeyId={Integrity.ChainFixture.KeyId}",
        "--Ledger:ApiKeys:2:Name=payments-b", $"--Ledger:ApiKeys:2:Key={KeyB}",
        "--Ledger:ApiKeys:2:Scopes=notices:read payments:read payments:write accounts:read",
        $"--Ledger:ApiKeys:2:Landlords={LandlordB}",
        "--Ledger:ApiKeys:3:Name=payments-a", $"--Ledger:ApiKeys:3:Key={KeyA}",
        "--Ledger:ApiKeys:3:Scopes=notices:read payments:read payments:write accounts:read",
        $"--Ledger:ApiKeys:3:Landlords={LandlordA}",
    ];

    protected override async Task AfterStopAsync()
    {
        if (_second is not null) await _second.DisposeAsync();
    }
}
