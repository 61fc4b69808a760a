using System.Security.Cryptography;
using LocalPostgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

// The main command: everything on one machine for a newcomer. Starts a throwaway PostgreSQL 15 (or uses RENT_PG_CONNECTION),
// gives the ledger and the payments host each their own database and login role, starts the ledger with the demo landlord,
// the PSP simulator (the PSP's side: its hosted page takes the test card) and the public payments host, prints the URLs,
// and on Ctrl+C stops everything and removes the cluster.
//   dotnet run --project tools/DevHost [-- --ledger-port 5100 --payments-port 5200 --psp-port 5300 --recon-port 5400]

var ledgerPort = ArgValue(args, "--ledger-port") ?? "5100";
var paymentsPort = ArgValue(args, "--payments-port") ?? "5200";
var pspPort = ArgValue(args, "--psp-port") ?? "5300";
var reconPort = ArgValue(args, "--recon-port") ?? "5400";
// Not disposed on purpose: ProcessExit (SIGTERM) may fire after Main has returned.
var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
// SIGTERM (kill, systemd, CI) must behave like Ctrl+C. Each host's console lifetime also catches it and cancels the
// process's termination, so without our own handler the hosts stopped but the process, and its database cluster, stayed.
using var onTerm = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
using var onQuit = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGQUIT, context => { context.Cancel = true; stop.Cancel(); });

Console.WriteLine("Starting PostgreSQL 15…");
await using var postgres = await ThrowawayPostgres.StartAsync();
// Each service: an owner role that migrates at start-up, and a service role that owns nothing (SECURITY.md §5).
var ledgerDb = await postgres.CreateOwnedServiceDatabaseAsync("ledger", "ledger_owner", "ledger_svc");
var paymentsDb = await postgres.CreateOwnedServiceDatabaseAsync("payments", "payments_owner", "payments_svc");
var reconDb = await postgres.CreateOwnedServiceDatabaseAsync("reconciliation", "reconciliation_owner", "reconciliation_svc");
var reconLedgerKey = Secret();
var reconImportKey = Secret();
var accountantPassword = "compta-" + Secret()[..10];
var approverPassword = "approb-" + Secret()[..10];
var opsKey = Secret();
var metricsKey = Secret();
var paymentsKey = Secret();
var pspApiKey = Secret();
var hmacKey = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
var webhookPassword = Secret();
const string merchant = "DemoHabitatFR";
// The demo's checkpoint signing key lives as long as this process: a real deployment's comes from its secret store.
using var checkpointKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
var checkpointPublicKey = Convert.ToBase64String(checkpointKey.ExportSubjectPublicKeyInfo());

var ledger = Ledger.Api.LedgerApp.Build([
    $"--urls=http://127.0.0.1:{ledgerPort}",
    $"--ConnectionStrings:Ledger={ledgerDb.ServiceConnectionString}",
    $"--ConnectionStrings:LedgerOwner={ledgerDb.OwnerConnectionString}",
    "--Ledger:ApiKeys:0:Name=operator", $"--Ledger:ApiKeys:0:Key={opsKey}",
    "--Ledger:ApiKeys:0:Scopes=landlords:write accounts:read accounts:write notices:read notices:write payments:read payments:write journal:read openitems:read bank:read bank:write integrity:read integrity:write",
    "--Ledger:ApiKeys:0:Landlords=*",
    $"--Ledger:Checkpoints:SigningKey={Convert.ToBase64String(checkpointKey.ExportPkcs8PrivateKey())}", "--Ledger:Checkpoints:KeyId=demo-ephemeral",
    "--Ledger:ApiKeys:1:Name=payments", $"--Ledger:ApiKeys:1:Key={paymentsKey}",
    "--Ledger:ApiKeys:1:Scopes=notices:read payments:read payments:write",
    "--Ledger:ApiKeys:1:Landlords=demo-habitat",
    // Reconciliation: open items, statements, payments, write-offs once approved, and the rent run (notices:write: it
    // launches the print batch; the scope also allows importing notices, see reconciliation/README.md); no landlord writes.
    "--Ledger:ApiKeys:2:Name=reconciliation", $"--Ledger:ApiKeys:2:Key={reconLedgerKey}",
    "--Ledger:ApiKeys:2:Scopes=notices:read notices:write openitems:read accounts:read accounts:write payments:read payments:write journal:read bank:read bank:write",
    "--Ledger:ApiKeys:2:Landlords=demo-habitat",
    // The scraper's key: GET /metrics and nothing else.
    "--Ledger:ApiKeys:3:Name=prometheus", $"--Ledger:ApiKeys:3:Key={metricsKey}", "--Ledger:ApiKeys:3:Scopes=metrics:read",
    "--Demo:Seed=true",
]);
await ledger.StartAsync(stop.Token);
var ledgerUrl = AddressOf(ledger);

var simulator = PspSimulator.SimulatorApp.Build([
    $"--urls=http://127.0.0.1:{pspPort}",
    $"--Simulator:ApiKey={pspApiKey}", $"--Simulator:MerchantAccount={merchant}", $"--Simulator:HmacKey={hmacKey}",
    "--Simulator:WebhookUser=adyen-webhooks", $"--Simulator:WebhookPassword={webhookPassword}",
]);
await simulator.StartAsync(stop.Token);
var simulatorUrl = new Uri(AddressOf(simulator));

var payments = Payments.Api.PaymentsApp.Build([
    $"--urls=http://127.0.0.1:{paymentsPort}",
    $"--ConnectionStrings:Payments={paymentsDb.ServiceConnectionString}",
    $"--ConnectionStrings:PaymentsOwner={paymentsDb.OwnerConnectionString}",
    // The return URL and host filtering: open the demo at exactly this address.
    $"--Payments:PublicBaseUrl=http://127.0.0.1:{paymentsPort}",
    "--Adyen:Environment=Test", $"--Adyen:ApiKey={pspApiKey}", $"--Adyen:MerchantAccount={merchant}", $"--Adyen:HmacKeys:0={hmacKey}",
    "--Adyen:WebhookUser=adyen-webhooks", $"--Adyen:WebhookPassword={webhookPassword}",
    $"--Adyen:AllowedRedirectHosts:0={simulatorUrl.Authority}", $"--Adyen:CheckoutBaseUrl={simulatorUrl}",
    $"--Ledger:BaseUrl={ledgerUrl}/", $"--Ledger:ApiKey={paymentsKey}", "--Ledger:LandlordId=demo-habitat",
    "--Landlord:Name=Demo Habitat", "--Landlord:AccountHolder=DEMO HABITAT LOYERS", "--Landlord:Iban=FR7630006000011234567890189",
    "--Landlord:Bic=AGRIFRPPXXX", "--Landlord:ChequePayee=Demo Habitat", "--Landlord:ChequeAddress=Demo Habitat, TSA 10001, 75000 Paris",
    "--Landlord:Phone=01 00 00 00 00",
    $"--Payments:MetricsUrl=http://127.0.0.1:{int.Parse(paymentsPort, System.Globalization.CultureInfo.InvariantCulture) + 1}",
]);
await payments.StartAsync(stop.Token);
var paymentsUrl = AddressOf(payments);

var recon = Reconciliation.Api.ReconciliationApp.Build([
    $"--urls=http://127.0.0.1:{reconPort}",
    $"--ConnectionStrings:Reconciliation={reconDb.ServiceConnectionString}",
    $"--ConnectionStrings:ReconciliationOwner={reconDb.OwnerConnectionString}",
    $"--Ledger:BaseUrl={ledgerUrl}/", $"--Ledger:ApiKey={reconLedgerKey}", "--Ledger:LandlordId=demo-habitat",
    "--Reconciliation:ApiKeys:0:Name=script", $"--Reconciliation:ApiKeys:0:Key={reconImportKey}",
    "--Reconciliation:Users:0:UserName=compta", "--Reconciliation:Users:0:DisplayName=Claire Comptable",
    $"--Reconciliation:Users:0:Password={accountantPassword}", "--Reconciliation:Users:0:Roles=Accountant",
    "--Reconciliation:Users:1:UserName=approb", "--Reconciliation:Users:1:DisplayName=Paul Approbateur",
    $"--Reconciliation:Users:1:Password={approverPassword}", "--Reconciliation:Users:1:Roles=Accountant Approver",
    $"--Reconciliation:MetricsUrl=http://127.0.0.1:{int.Parse(reconPort, System.Globalization.CultureInfo.InvariantCulture) + 1}",
]);
await recon.StartAsync(stop.Token);
var reconUrl = AddressOf(recon);
simulator.Configuration["Simulator:WebhookUrl"] = $"{paymentsUrl}/webhooks/adyen";

Console.WriteLine($"""

    PostgreSQL   {(postgres.IsThrowaway ? "throwaway cluster (removed on exit)" : "existing server from RENT_PG_CONNECTION")}
    Payments     {paymentsUrl}/   (public page: pay a rent notice)
    PSP          {simulatorUrl}   (simulated Adyen hosted checkout; test card 4111 1111 1111 1111, any future expiry)
    Ledger       {ledgerUrl}   (internal API; operator key below)
    Reconcil.    {reconUrl}/   (accountants: compta / {accountantPassword} (Accountant), approb / {approverPassword} (Approver))
                 scripted: dotnet run --project reconciliation/Reconciliation.Cli -- import <file>... --service {reconUrl} --api-key {reconImportKey} --json
    Demo         landlord demo-habitat, tenants 100001/01 … 100020/01

    Pay a notice: open {paymentsUrl}/ and enter tenant 100001/01, notice 2026-11/000001.

    Ledger:
      curl -H "X-Api-Key: {opsKey}" "{ledgerUrl}/landlords/demo-habitat/accounts?tenantReference=100001/01"
      curl -H "X-Api-Key: {opsKey}" "{ledgerUrl}/landlords/demo-habitat/accounts/statement?tenantReference=100004/01"
      curl -H "X-Api-Key: {opsKey}" "{ledgerUrl}/landlords/demo-habitat/journal?from=2026-10-01&to=2026-11-30"

    Tamper evidence (export the signed checkpoint, then recompute the chain):
      curl -X POST -H "X-Api-Key: {opsKey}" "{ledgerUrl}/landlords/demo-habitat/checkpoints" > checkpoint.json   (or GET …/checkpoints/latest: the daily one)
      dotnet run --project ledger/Ledger.Api -- verify --checkpoint checkpoint.json "--ConnectionStrings:Ledger={ledgerDb.ServiceConnectionString}" --Ledger:Checkpoints:VerificationKeys:0:KeyId=demo-ephemeral --Ledger:Checkpoints:VerificationKeys:0:PublicKey={checkpointPublicKey}

    Metrics (Prometheus text; README "Observability"):
      curl -H "X-Api-Key: {metricsKey}" {ledgerUrl}/metrics
      curl {MetricsAddress(payments)}   (loopback only, not on the public address)
      curl {MetricsAddress(recon)}

    Ctrl+C (or SIGTERM) stops everything.
    """);

try
{
    await Task.Delay(Timeout.Infinite, stop.Token);
}
catch (OperationCanceledException)
{
    Console.WriteLine("Stopping…");
}
foreach (var app in new[] { recon, payments, simulator, ledger })
{
    await app.StopAsync(CancellationToken.None);
    await app.DisposeAsync();
}

static string AddressOf(WebApplication app) =>
    app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

static Uri? MetricsAddress(WebApplication app) => app.Services.GetService<Observability.ManagementListener>()?.Address;

static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

static string? ArgValue(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
