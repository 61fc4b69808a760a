using System.Security.Cryptography;
using LocalPostgres;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

// The main command: everything on one machine for a newcomer. Starts a throwaway PostgreSQL 15 (or uses RENT_PG_CONNECTION),
// gives the ledger its own database and login role, starts the ledger with the demo landlord, prints the URLs, and on
// Ctrl+C stops everything and removes the cluster.
//   dotnet run --project tools/DevHost [-- --ledger-port 5100]

var ledgerPort = ArgValue(args, "--ledger-port") ?? "5100";
// Not disposed on purpose: ProcessExit (SIGTERM) may fire after Main has returned.
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();

Console.WriteLine("Starting PostgreSQL 15…");
await using var postgres = await ThrowawayPostgres.StartAsync();
var ledgerDb = await postgres.CreateServiceDatabaseAsync("ledger", "ledger_svc", Secret());
var opsKey = Secret();
var paymentsKey = Secret();

var ledger = Ledger.Api.LedgerApp.Build([
    $"--urls=http://127.0.0.1:{ledgerPort}",
    $"--ConnectionStrings:Ledger={ledgerDb}",
    "--Ledger:ApiKeys:0:Name=operator", $"--Ledger:ApiKeys:0:Key={opsKey}",
    "--Ledger:ApiKeys:0:Scopes=landlords:write accounts:read accounts:write notices:read notices:write payments:read payments:write journal:read",
    "--Ledger:ApiKeys:1:Name=payments", $"--Ledger:ApiKeys:1:Key={paymentsKey}",
    "--Ledger:ApiKeys:1:Scopes=notices:read payments:read payments:write",
    "--Demo:Seed=true",
]);
await ledger.StartAsync(stop.Token);
var ledgerUrl = ledger.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

Console.WriteLine($"""

    PostgreSQL   {(postgres.IsThrowaway ? "throwaway cluster (removed on exit)" : "existing server from RENT_PG_CONNECTION")}
    Ledger       {ledgerUrl}   (internal API; operator key below)
    Demo         landlord demo-habitat, tenants 100001/01 … 100020/01

    Try:
      curl -H "X-Api-Key: {opsKey}" "{ledgerUrl}/landlords/demo-habitat/accounts?tenantReference=100001/01"
      curl -H "X-Api-Key: {opsKey}" "{ledgerUrl}/landlords/demo-habitat/accounts/statement?tenantReference=100004/01"
      curl -H "X-Api-Key: {opsKey}" "{ledgerUrl}/landlords/demo-habitat/journal?from=2026-10-01&to=2026-11-30"

    Ctrl+C stops everything.
    """);

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping…");
}
await ledger.StopAsync(CancellationToken.None);
await ledger.DisposeAsync();

static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

static string? ArgValue(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
