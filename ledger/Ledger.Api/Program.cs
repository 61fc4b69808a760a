// The ledger service on its own: configuration from appsettings, environment (ConnectionStrings__Ledger,
// Ledger__ApiKeys__0__Key…) and command line. See README, "Configuration".
// `verify [--landlord <id>] [--checkpoint <file>]` checks the hash chain instead of serving (SECURITY.md, "Tamper evidence").
if (args.Length > 0 && args[0] == Ledger.Api.Infrastructure.Integrity.VerifyCommand.Name)
{
    return await Ledger.Api.Infrastructure.Integrity.VerifyCommand.RunAsync(args[1..], Console.Out, Console.Error);
}
var app = Ledger.Api.LedgerApp.Build(args);
await app.RunAsync();
return 0;
