await Reconciliation.Api.ReconciliationApp.Build(args).RunAsync();
