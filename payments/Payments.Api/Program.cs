// The public payments host on its own: configuration from appsettings, environment variables (Adyen__HmacKeys__0…) and
// command-line arguments. See SECURITY.md and README for the keys.
await Payments.Api.PaymentsApp.Build(args).RunAsync();
