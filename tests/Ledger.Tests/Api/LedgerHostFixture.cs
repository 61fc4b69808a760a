using System.Net.Http.Json;
using LocalPostgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Tests.Api;

/// <summary>
/// The real ledger host on Kestrel (127.0.0.1, free port) over its own fresh database on the shared throwaway PostgreSQL
/// server: one per test class (xunit class fixture), so classes run in parallel without seeing each other's data.
/// </summary>
public abstract class LedgerHostFixture : IAsyncLifetime
{
    public const string OpsKey = "test-ops-key-0123456789";
    public const string PaymentsKey = "test-payments-key-0123456789";
    public const string Landlord = "demo-habitat";

    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>The running ledger's services, for tests that start a second copy of one of its workers.</summary>
    public IServiceProvider Services => _app!.Services;

    /// <summary>The owner role's connection (migrations only), for tests that check what the database itself allows.</summary>
    public string ConnectionString { get; private set; } = null!;

    /// <summary>The service role's connection: what the running ledger uses.</summary>
    public string ServiceConnectionString { get; private set; } = null!;

    /// <summary>A superuser connection to the same database (to break things on purpose).</summary>
    public string AdminConnectionString { get; private set; } = null!;

    public string ServiceRole { get; private set; } = null!;

    protected virtual IEnumerable<string> ExtraArgs => [];

    /// <summary>Client with every scope (an operator tool).</summary>
    public HttpClient Ops { get; private set; } = null!;

    /// <summary>Client with the payments service's scopes only.</summary>
    public HttpClient Payments { get; private set; } = null!;

    public HttpClient Anonymous { get; private set; } = null!;

    protected virtual bool SeedDemo => true;

    public async Task InitializeAsync()
    {
        var server = await SharedServer.GetAsync();
        // Unique per fixture instance: two classes may share a fixture type, and CreateDatabaseAsync drops a leftover of the same name.
        // Owner and service roles, as in production: the ledger migrates with the owner and serves with the service role.
        var name = $"ledger_{Guid.NewGuid():N}"[..20];
        var db = await server.CreateOwnedServiceDatabaseAsync(name);
        ConnectionString = db.OwnerConnectionString;
        ServiceConnectionString = db.ServiceConnectionString;
        ServiceRole = db.ServiceRole;
        AdminConnectionString = new Npgsql.NpgsqlConnectionStringBuilder(server.AdminConnectionString) { Database = name }.ConnectionString;
        await BeforeStartAsync();
        _app = Ledger.Api.LedgerApp.Build([
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:Ledger={db.ServiceConnectionString}",
            $"--ConnectionStrings:LedgerOwner={db.OwnerConnectionString}",
            "--Ledger:ApiKeys:0:Name=ops", $"--Ledger:ApiKeys:0:Key={OpsKey}",
            $"--Ledger:ApiKeys:0:Scopes={AllScopes}",
            "--Ledger:ApiKeys:0:Landlords=*",
            "--Ledger:ApiKeys:1:Name=payments", $"--Ledger:ApiKeys:1:Key={PaymentsKey}",
            "--Ledger:ApiKeys:1:Scopes=notices:read payments:read payments:write",
            $"--Ledger:ApiKeys:1:Landlords={Landlord}",
            "--Ledger:MaxImportBatch=50",
            $"--Demo:Seed={SeedDemo}",
            "--Logging:LogLevel:Default=Warning",
            .. ExtraArgs,
        ]);
        ConfigureLogging(_app);
        await _app.StartAsync();
        var address = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        BaseAddress = new Uri(address + "/landlords/" + Landlord + "/");
        Ops = Client(OpsKey);
        Payments = Client(PaymentsKey);
        Anonymous = Client(null);
    }

    public const string AllScopes =
        "landlords:write accounts:read accounts:write notices:read notices:write payments:read payments:write journal:read openitems:read " +
        "bank:read bank:write integrity:read integrity:write";

    /// <summary>Where a fixture prepares what its <see cref="ExtraArgs"/> name (another server) before the host is built.</summary>
    protected virtual Task BeforeStartAsync() => Task.CompletedTask;

    /// <summary>Where a fixture removes what it prepared, once the host has stopped.</summary>
    protected virtual Task AfterStopAsync() => Task.CompletedTask;

    /// <summary>Where a fixture adds a logger provider before the host starts.</summary>
    protected virtual void ConfigureLogging(WebApplication app) { }

    public HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    public async Task DisposeAsync()
    {
        Ops?.Dispose();
        Payments?.Dispose();
        Anonymous?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
        await AfterStopAsync();
    }
}

public static class LedgerHttp
{
    public static Task<HttpResponseMessage> PostPaymentAsync(this HttpClient client, object body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "payments") { Content = JsonContent.Create(body) };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request);
    }

    public static object Payment(string id, string tenant, string amount, string? notice = null, string channel = "Transfer", string currency = "EUR") => new
    {
        paymentId = id, tenantReference = tenant, channel, amount, currency, receivedOn = "2026-11-06", noticeReference = notice,
        externalReferences = new Dictionary<string, string> { ["bankReference"] = id.Split(':')[^1] },
    };
}
