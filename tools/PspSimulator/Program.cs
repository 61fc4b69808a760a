// The PSP simulator on its own (demo): configure Simulator:ApiKey, Simulator:MerchantAccount, Simulator:HmacKey (hex),
// Simulator:WebhookUrl, Simulator:WebhookUser, Simulator:WebhookPassword, and --urls.
await PspSimulator.SimulatorApp.Build(args).RunAsync();
