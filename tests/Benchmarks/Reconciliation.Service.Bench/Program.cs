// The reconciliation service's figures (issue 10, tests/Benchmarks/../bench-contract):
//   dotnet run -c Release --project tests/Benchmarks/Reconciliation.Service.Bench -- bulk-posting --payments N --runs R --json-out FILE [--pg CONN]
//   dotnet run -c Release --project tests/Benchmarks/Reconciliation.Service.Bench -- e2e --entries N --json-out FILE [--pg CONN]
// --pg: the admin connection of a durable cluster the caller started; without it the program starts its own (fsync on),
// never RENT_PG_CONNECTION's test server.
return args.FirstOrDefault() switch
{
    "bulk-posting" => await Reconciliation.Service.Bench.BulkPostingBench.RunAsync(args),
    "e2e" => await Reconciliation.Service.Bench.E2eBench.RunAsync(args),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: bulk-posting --payments N --runs R --json-out FILE [--pg CONN] | e2e --entries N --json-out FILE [--pg CONN]");
    return 2;
}
