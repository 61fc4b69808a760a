using LocalPostgres;
using Reconciliation.Service.Tests.Support;

namespace Reconciliation.Service.Tests.MultiServer;

/// <summary>
/// Issue 10 §3: the reconciliation host does not know where the ledger keeps a landlord. Here the ledger places the
/// generated landlord on a second PostgreSQL server (Ledger:Databases); the morning import matches and posts as always,
/// and every posting lands on that server. (The other tests of this project run with the landlord on the default server.)
/// </summary>
public sealed class ImportOnSecondServerTests(ImportOnSecondServerTests.Stack stack) : IClassFixture<ImportOnSecondServerTests.Stack>
{
    public sealed class Stack : ReconStack
    {
        protected override int Tenants => 80;

        protected override string[] LandlordsOnSecondServer => [Landlord];
    }

    [Fact]
    public async Task Import_LandlordOnSecondServer_PostedThereOnly()
    {
        var import = stack.FirstImport;
        import.GetProperty("posted").GetInt32().ShouldBeGreaterThan(0);
        import.GetProperty("pending").GetInt32().ShouldBe(0);
        import.GetProperty("failed").GetInt32().ShouldBe(0);

        var payments = await SecondLedgerServer.CountAsync(stack.SecondServer!.AdminConnectionString, $"select count(*) from ledger.mt_doc_paymentview where tenant_id = '{ReconStack.Landlord}'");
        payments.ShouldBeGreaterThanOrEqualTo(import.GetProperty("posted").GetInt32() / 2);
        (await SecondLedgerServer.CountAsync(stack.SecondServer!.AdminConnectionString, $"select count(*) from ledger.mt_doc_accountview where tenant_id = '{ReconStack.Landlord}'")).ShouldBe(stack.Truth.Tenants.Count);
        (await SecondLedgerServer.CountAsync(stack.LedgerConnection, "select count(*) from ledger.mt_events")).ShouldBe(0);
        // Read back through the ledger's API, as the accountants' pages do: the account answers from the second server.
        var tenant = stack.Truth.Tenants[0].Tenant;
        (await stack.LedgerGetAsync($"accounts?tenantReference={Uri.EscapeDataString(tenant)}")).GetProperty("balance").GetString().ShouldNotBeNull();
    }
}
