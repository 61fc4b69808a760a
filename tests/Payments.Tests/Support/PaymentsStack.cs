using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using LocalPostgres;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Npgsql;

namespace Payments.Tests.Support;

/// <summary>
/// The three hosts on real Kestrel at 127.0.0.1 with real PostgreSQL: the ledger (demo landlord, its own database), the PSP
/// simulator, and the payments host (its own database and login role). The ledger listens on a fixed port so that a test can
/// stop it and start it again at the same address.
/// </summary>
public class PaymentsStack : IAsyncLifetime
{
    public const string Landlord = "demo-habitat";
    public const string MerchantAccount = "DemoHabitatFR";
    public const string WebhookUser = "adyen-webhooks";

    /// <summary>Every database our services owned during the run (for the card-data scan).</summary>
    public static ConcurrentBag<string> OwnedDatabases { get; } = [];

    public string HmacKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    public string PreviousHmacKey { get; } = Convert.ToHexString(RandomNumberGenerator.GetBytes(32));
    public string WebhookPassword { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));
    public string LedgerKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public string OpsKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    public string PspApiKey { get; } = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public Uri PaymentsUrl { get; private set; } = null!;
    public Uri SimulatorUrl { get; private set; } = null!;
    public Uri LedgerUrl { get; private set; } = null!;
    /// <summary>The payments database as its owner role (tests inspect and arrange rows with it).</summary>
    public string PaymentsConnection { get; private set; } = "";

    /// <summary>The payments host's own connection: the service role, which owns nothing.</summary>
    public string PaymentsServiceConnection { get; private set; } = "";
    public NpgsqlDataSource PaymentsDb { get; private set; } = null!;
    public WebApplication Simulator { get; private set; } = null!;
    public WebApplication Payments { get; private set; } = null!;
    public HttpClient LedgerOps { get; private set; } = null!;

    private WebApplication? _ledger;
    private string _ledgerConnection = "";
    private string _ledgerOwnerConnection = "";
    private int _ledgerPort;

    protected virtual bool WithLedger => true;

    /// <summary>Production-like by default: the return URL comes from Payments:PublicBaseUrl and other hosts get 400.</summary>
    protected virtual bool WithPublicBaseUrl => true;

    protected virtual IEnumerable<string> ExtraPaymentsArgs => [];

    /// <summary>Landlords the ledger places on a second PostgreSQL server of the stack's own (Ledger:Databases, issue 10 §3).</summary>
    protected virtual string[] LandlordsOnSecondServer => [];

    /// <summary>That second server, when <see cref="LandlordsOnSecondServer"/> names any; removed with the stack.</summary>
    public SecondLedgerServer? SecondServer { get; private set; }

    /// <summary>Where the databases live: the shared server; the fault tests give the stack a cluster of its own to crash.</summary>
    protected virtual Task<ThrowawayPostgres> ServerAsync() => SharedServer.GetAsync();

    /// <summary>The ledger database as its owner role (the fault tests read events and read models with it).</summary>
    public string LedgerOwnerConnection => _ledgerOwnerConnection;

    /// <summary>The login roles the ledger and the payments host run with (whose backends a fault test terminates).</summary>
    public IReadOnlyList<string> ServiceRoles { get; private set; } = [];

    public async Task InitializeAsync()
    {
        var server = await ServerAsync();
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        var roles = new List<string>();
        if (LandlordsOnSecondServer.Length > 0) SecondServer = await SecondLedgerServer.StartAsync();
        if (WithLedger)
        {
            var ledgerDb = await server.CreateOwnedServiceDatabaseAsync($"ledger_{suffix}");
            roles.Add(ledgerDb.ServiceRole);
            _ledgerConnection = ledgerDb.ServiceConnectionString;
            _ledgerOwnerConnection = ledgerDb.OwnerConnectionString;
            OwnedDatabases.Add(_ledgerOwnerConnection);
            _ledgerPort = FreePort();
            await StartLedgerAsync();
        }
        LedgerUrl = new Uri($"http://127.0.0.1:{(WithLedger ? _ledgerPort : 9)}/");
        LedgerOps = new HttpClient { BaseAddress = new Uri(LedgerUrl, $"landlords/{Landlord}/"), Timeout = TimeSpan.FromSeconds(30) };
        LedgerOps.DefaultRequestHeaders.Add("X-Api-Key", OpsKey);

        // Owner migrates, service role serves (as in production). Tests read and write the tables as the owner.
        var paymentsDb = await server.CreateOwnedServiceDatabaseAsync($"payments_{suffix}");
        PaymentsConnection = paymentsDb.OwnerConnectionString;
        PaymentsServiceConnection = paymentsDb.ServiceConnectionString;
        ServiceRoles = [.. roles, paymentsDb.ServiceRole];
        OwnedDatabases.Add(PaymentsConnection);
        PaymentsDb = NpgsqlDataSource.Create(PaymentsConnection);
        var paymentsPort = FreePort();

        Simulator = PspSimulator.SimulatorApp.Build([
            "--urls=http://127.0.0.1:0",
            $"--Simulator:ApiKey={PspApiKey}", $"--Simulator:MerchantAccount={MerchantAccount}", $"--Simulator:HmacKey={HmacKey}",
            $"--Simulator:WebhookUser={WebhookUser}", $"--Simulator:WebhookPassword={WebhookPassword}",
        ]);
        CapturedLogs.Attach(Simulator, "simulator");
        await Simulator.StartAsync();
        SimulatorUrl = AddressOf(Simulator);

        Payments = Api.PaymentsApp.Build([
            $"--urls=http://127.0.0.1:{paymentsPort}",
            $"--ConnectionStrings:Payments={PaymentsServiceConnection}",
            $"--ConnectionStrings:PaymentsOwner={PaymentsConnection}",
            .. WithPublicBaseUrl ? [$"--Payments:PublicBaseUrl=http://127.0.0.1:{paymentsPort}"] : Array.Empty<string>(),
            "--Adyen:Environment=Test", $"--Adyen:ApiKey={PspApiKey}", $"--Adyen:MerchantAccount={MerchantAccount}",
            $"--Adyen:HmacKeys:0={HmacKey}", $"--Adyen:HmacKeys:1={PreviousHmacKey}",
            $"--Adyen:WebhookUser={WebhookUser}", $"--Adyen:WebhookPassword={WebhookPassword}",
            $"--Adyen:AllowedRedirectHosts:0={SimulatorUrl.Authority}", $"--Adyen:CheckoutBaseUrl={SimulatorUrl}",
            "--Adyen:AttemptTimeout=00:00:01", "--Adyen:BreakDuration=00:00:20",
            $"--Ledger:BaseUrl={LedgerUrl}", $"--Ledger:ApiKey={LedgerKey}", $"--Ledger:LandlordId={Landlord}",
            "--Payments:Processing:PollInterval=00:00:00.100", "--Payments:Processing:MaxBackoff=00:00:01",
            $"--Operations:ApiKey={OpsKey}",
            "--Landlord:Name=Demo Habitat", "--Landlord:AccountHolder=DEMO HABITAT LOYERS", "--Landlord:Iban=FR7630006000011234567890189",
            "--Landlord:Bic=AGRIFRPPXXX", "--Landlord:ChequePayee=Demo Habitat", "--Landlord:ChequeAddress=Demo Habitat, TSA 10001, 75000 Paris",
            "--Landlord:Phone=01 00 00 00 00",
            "--RateLimits:PerIpPerMinute=10000", "--RateLimits:PerTenantPerMinute=10000",
            .. ExtraPaymentsArgs,
        ]);
        CapturedLogs.Attach(Payments, "payments");
        await Payments.StartAsync();
        PaymentsUrl = AddressOf(Payments);
        Simulator.Configuration["Simulator:WebhookUrl"] = new Uri(PaymentsUrl, "webhooks/adyen").ToString();
    }

    public async Task StartLedgerAsync()
    {
        _ledger = Ledger.Api.LedgerApp.Build([
            $"--urls=http://127.0.0.1:{_ledgerPort}",
            $"--ConnectionStrings:Ledger={_ledgerConnection}",
            $"--ConnectionStrings:LedgerOwner={_ledgerOwnerConnection}",
            "--Ledger:ApiKeys:0:Name=payments", $"--Ledger:ApiKeys:0:Key={LedgerKey}",
            "--Ledger:ApiKeys:0:Scopes=notices:read payments:read payments:write", $"--Ledger:ApiKeys:0:Landlords={Landlord}",
            "--Ledger:ApiKeys:1:Name=ops", $"--Ledger:ApiKeys:1:Key={OpsKey}",
            "--Ledger:ApiKeys:1:Scopes=landlords:write accounts:read accounts:write notices:read notices:write payments:read payments:write journal:read openitems:read",
            "--Ledger:ApiKeys:1:Landlords=*",
            "--Demo:Seed=true",
            "--Logging:LogLevel:Default=Warning",
            .. SecondServer?.PlacementArgs("second", LandlordsOnSecondServer) ?? [],
        ]);
        CapturedLogs.Attach(_ledger, "ledger");
        await _ledger.StartAsync();
        // The demo seeder runs as a hosted service; wait until the demo notice answers.
        using var probe = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{_ledgerPort}/landlords/{Landlord}/") };
        probe.DefaultRequestHeaders.Add("X-Api-Key", LedgerKey);
        for (var i = 0; i < 100; i++)
        {
            using var r = await probe.PostAsync("notices/lookup", Json("""{"tenantReference":"100001/01","noticeReference":"2026-11/000001"}"""));
            if (r.StatusCode == HttpStatusCode.OK) return;
            await Task.Delay(100);
        }
        throw new InvalidOperationException("the ledger's demo notice never appeared");
    }

    public async Task StopLedgerAsync()
    {
        if (_ledger is null) return;
        await _ledger.StopAsync();
        await _ledger.DisposeAsync();
        _ledger = null;
    }

    /// <summary>A client like a browser: keeps cookies, does not follow redirects (tests look at each 303).</summary>
    public HttpClient Browser(bool followRedirects = false) =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = followRedirects, UseCookies = true })
        {
            BaseAddress = PaymentsUrl,
            Timeout = TimeSpan.FromSeconds(60),
        };

    public async Task<HttpResponseMessage> PostWebhookAsync(string body, string? user = WebhookUser, string? password = null)
    {
        using var http = new HttpClient { BaseAddress = PaymentsUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/adyen") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (user is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password ?? WebhookPassword}")));
        }
        return await http.SendAsync(request);
    }

    /// <summary>The tenant's account as the ledger answers it (balance, credit, open notices).</summary>
    public async Task<System.Text.Json.JsonElement> AccountAsync(string tenant) =>
        System.Text.Json.JsonDocument.Parse(await LedgerOps.GetStringAsync($"accounts?tenantReference={Uri.EscapeDataString(tenant)}")).RootElement.Clone();

    /// <summary>Whether exactly one outbox row matches <paramref name="where"/> within 30 seconds (the dispatcher runs every 100 ms).</summary>
    public Task<bool> OneOutboxRowAsync(string where) =>
        EventuallyAsync(async () => await CountAsync($"select count(*) from ledger_outbox where {where}") == 1, TimeSpan.FromSeconds(30));

    public async Task<long> CountAsync(string sql)
    {
        await using var command = PaymentsDb.CreateCommand(sql);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<bool> EventuallyAsync(Func<Task<bool>> condition, TimeSpan timeout)
    {
        var until = Environment.TickCount64 + (long)timeout.TotalMilliseconds;
        while (Environment.TickCount64 < until)
        {
            if (await condition()) return true;
            await Task.Delay(100);
        }
        return await condition();
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public virtual async Task DisposeAsync()
    {
        LedgerOps?.Dispose();
        foreach (var app in new[] { Payments, Simulator })
        {
            if (app is null) continue;
            await app.StopAsync();
            await app.DisposeAsync();
        }
        await StopLedgerAsync();
        if (PaymentsDb is not null) await PaymentsDb.DisposeAsync();
        if (SecondServer is not null) await SecondServer.DisposeAsync();
    }

    public static Uri AddressOf(WebApplication app) =>
        new(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
