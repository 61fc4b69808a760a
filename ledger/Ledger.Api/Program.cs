// The ledger service on its own: configuration from appsettings, environment (ConnectionStrings__Ledger,
// Ledger__ApiKeys__0__Key…) and command line. See README, "Configuration".
var app = Ledger.Api.LedgerApp.Build(args);
await app.RunAsync();
