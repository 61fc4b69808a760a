using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LocalPostgres;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using NodaTime;
using RentGenerator;

namespace Reconciliation.Service.Tests.Support;

/// <summary>
/// The ledger and the reconciliation host on real Kestrel and real PostgreSQL (each its own database; reconciliation with an
/// owner and a service role), a generated landlord of 2,000 tenants loaded through the ledger's API from its rent-roll CSV,
/// the card payments the webhook path would have sent (minus the lost ones), and the month imported once through
/// <c>recon import --json</c>.
/// </summary>
[CollectionDefinition("recon")]
public sealed class ReconCollection : ICollectionFixture<ReconStack>;

public partial class ReconStack : IAsyncLifetime
{
    /// <summary>Tenants of the generated landlord.</summary>
    protected virtual int Tenants => 2000;

    /// <summary>Whether the fixture imports the month itself (the browser test's stack leaves the statement to the page).</summary>
    protected virtual bool ImportMonthAtStart => true;

    /// <summary>More settings for the reconciliation host (the observability tests add its metrics listener).</summary>
    protected virtual IEnumerable<string> ExtraReconArgs => [];

    /// <summary>Landlords the ledger places on a second PostgreSQL server of the stack's own (Ledger:Databases, issue 10 §3).</summary>
    protected virtual string[] LandlordsOnSecondServer => [];

    /// <summary>That second server, when <see cref="LandlordsOnSecondServer"/> names any; removed with the stack.</summary>
    public SecondLedgerServer? SecondServer { get; private set; }

    public const string Landlord = "gen-habitat";
    public const string AccountantPassword = "compta-demo-2026!";
    public const string ApproverPassword = "approb-demo-2026!";
    public static readonly YearMonth Month = new(2026, 11);

    public string OpsKey { get; } = Secret();
    public string ReconLedgerKey { get; } = Secret();
    public string ImportKey { get; } = Secret();
    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "recon-e2e-" + Secret()[..8]);
    public Uri LedgerUrl { get; private set; } = null!;
    public Uri ReconUrl { get; private set; } = null!;
    public WebApplication Recon { get; private set; } = null!;
    public HttpClient LedgerOps { get; private set; } = null!;
    public TruthData Truth { get; private set; } = null!;
    public JsonElement FirstImport { get; private set; }
    public string FirstImportStdout { get; private set; } = "";
    public HashSet<string> WebhookPaymentIds { get; } = new(StringComparer.Ordinal);
    public string[] ImportFiles { get; private set; } = [];
    /// <summary>The reconciliation database as its owner (migrations) and as the service role the host runs with.</summary>
    public string ReconOwnerConnection { get; private set; } = "";
    public string ReconServiceConnection { get; private set; } = "";

    /// <summary>The ledger database as the role that owns it (the fault tests read events and read models with it).</summary>
    public string LedgerConnection { get; private set; } = "";

    private WebApplication? _ledger;

    /// <summary>Where the databases live: the shared server; the fault tests give the stack a cluster of its own to crash.</summary>
    protected virtual Task<ThrowawayPostgres> ServerAsync() => SharedServer.GetAsync();

    public string MonthDir => Path.Combine(Folder, Generator.MonthFolder(Month));

    public async Task InitializeAsync()
    {
        var server = await ServerAsync();
        if (LandlordsOnSecondServer.Length > 0) SecondServer = await SecondLedgerServer.StartAsync();
        var suffix = Secret()[..8];
        var ledgerDb = await server.CreateServiceDatabaseAsync($"ledger_{suffix}", $"ledger_{suffix}", Secret());
        LedgerConnection = ledgerDb;
        var reconDb = await server.CreateOwnedServiceDatabaseAsync($"recon_{suffix}");
        ReconOwnerConnection = reconDb.OwnerConnectionString;
        ReconServiceConnection = reconDb.ServiceConnectionString;
        _ledger = Ledger.Api.LedgerApp.Build(_ledgerArgs = [
            $"--urls=http://127.0.0.1:{FreePort()}",
            $"--ConnectionStrings:Ledger={ledgerDb}",
            "--Ledger:ApiKeys:0:Name=ops", $"--Ledger:ApiKeys:0:Key={OpsKey}",
            "--Ledger:ApiKeys:0:Scopes=landlords:write accounts:read accounts:write notices:read notices:write payments:read payments:write journal:read bank:read",
            "--Ledger:ApiKeys:0:Landlords=*",
            "--Ledger:ApiKeys:1:Name=reconciliation", $"--Ledger:ApiKeys:1:Key={ReconLedgerKey}",
            "--Ledger:ApiKeys:1:Scopes=notices:read notices:write openitems:read accounts:read accounts:write payments:read payments:write journal:read bank:read bank:write",
            $"--Ledger:ApiKeys:1:Landlords={Landlord}",
            "--Ledger:MaxImportBatch=20000",
            "--Logging:LogLevel:Default=Warning",
            .. SecondServer?.PlacementArgs("second", LandlordsOnSecondServer) ?? [],
        ]);
        await _ledger.StartAsync();
        LedgerUrl = new Uri(AddressOf(_ledger) + "/");
        LedgerOps = new HttpClient { BaseAddress = new Uri(LedgerUrl, $"landlords/{Landlord}/"), Timeout = TimeSpan.FromMinutes(5) };
        LedgerOps.DefaultRequestHeaders.Add("X-Api-Key", OpsKey);

        await StartReconAsync();

        RentGenerator.Output.WriteAll(Generator.Generate(new GeneratorOptions(42, Tenants, Month)), Folder);
        Truth = TruthReader.Read(Path.Combine(Folder, RentGenerator.Output.TruthFile));
        await LoadLandlordAsync();
        // camt.053 first: it carries payer IBANs and the R-codes of returns (RtrInf); the CFONB 120 copies are then duplicates.
        ImportFiles = [RentGenerator.Output.Camt053, RentGenerator.Output.Cfonb, RentGenerator.Output.SddDetails, RentGenerator.Output.Adyen, RentGenerator.Output.ChequeSlips, RentGenerator.Output.Eficash];
        if (!ImportMonthAtStart) return;
        var (code, stdout, stderr) = RunRecon(["import", .. ImportFiles.Select(f => Path.Combine(MonthDir, f)), "--service", ReconUrl.ToString(), "--api-key", ImportKey, "--json"]);
        if (code != 0) throw new InvalidOperationException($"recon import failed ({code}): {stderr}");
        FirstImportStdout = stdout;
        FirstImport = JsonDocument.Parse(stdout).RootElement.Clone();
    }

    /// <summary>Starts the reconciliation host (again, after a fault test stopped it) on its database, at a new loopback port.</summary>
    public async Task StartReconAsync()
    {
        Recon = Api.ReconciliationApp.Build([
            "--urls=http://127.0.0.1:0",
            $"--ConnectionStrings:Reconciliation={ReconServiceConnection}",
            $"--ConnectionStrings:ReconciliationOwner={ReconOwnerConnection}",
            $"--Ledger:BaseUrl={LedgerUrl}", $"--Ledger:ApiKey={ReconLedgerKey}", $"--Ledger:LandlordId={Landlord}",
            "--Reconciliation:ApiKeys:0:Name=script", $"--Reconciliation:ApiKeys:0:Key={ImportKey}",
            "--Reconciliation:Users:0:UserName=compta", "--Reconciliation:Users:0:DisplayName=Claire Comptable",
            $"--Reconciliation:Users:0:Password={AccountantPassword}", "--Reconciliation:Users:0:Roles=Accountant",
            "--Reconciliation:Users:1:UserName=approb", "--Reconciliation:Users:1:DisplayName=Paul Approbateur",
            $"--Reconciliation:Users:1:Password={ApproverPassword}", "--Reconciliation:Users:1:Roles=Accountant Approver",
            "--Reconciliation:ApprovalThreshold=300.00",
            "--Reconciliation:PostingInterval=00:00:00.500",
            "--Logging:LogLevel:Default=Warning",
            .. ExtraReconArgs,
        ]);
        await Recon.StartAsync();
        ReconUrl = new Uri(AddressOf(Recon) + "/");
    }

    private async Task LoadLandlordAsync()
    {
        using (var put = await LedgerOps.PutAsync("", Json(new { name = "Gen Habitat", tenantReferencePattern = "^\\d{6}/\\d{2}$" })))
            put.EnsureSuccessStatusCode();
        using (var csv = new StringContent(await File.ReadAllTextAsync(Path.Combine(Folder, RentGenerator.Output.RentRoll)), Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv")))
        using (var import = await LedgerOps.PostAsync("notices/import", csv))
        {
            if (!import.IsSuccessStatusCode) throw new InvalidOperationException($"rent roll refused: {await import.Content.ReadAsStringAsync()}");
        }
        // The card payments the payments host's webhook path booked (the generator leaves out the lost ones).
        foreach (var line in await File.ReadAllLinesAsync(Path.Combine(MonthDir, RentGenerator.Output.Webhooks)))
        {
            if (line.Length == 0) continue;
            var id = JsonDocument.Parse(line).RootElement.GetProperty("paymentId").GetString()!;
            using var request = new HttpRequestMessage(HttpMethod.Post, "payments") { Content = new StringContent(line, Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue("application/json")) };
            request.Headers.Add("Idempotency-Key", id);
            using var response = await LedgerOps.SendAsync(request);
            if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"webhook payment refused: {await response.Content.ReadAsStringAsync()}");
            WebhookPaymentIds.Add(id);
        }
    }

    /// <summary>A tenant of the test's own with one November notice of <paramref name="rent"/> (a decimal string), through the rent roll.</summary>
    public async Task<(string Tenant, string Notice)> OpenTenantAsync(string tenant, string rent)
    {
        var number = tenant[..6];
        var notice = $"2026-11/{number}";
        var csv = "tenant_reference,tenant_name,dwelling_reference,notice_reference,period,issued_on,due_date,rent,charges,sls,rls,other,currency\n"
                  + $"{tenant},M. Test ATTENTE,R999-B-{number[2..]},{notice},2026-11,2026-11-01,2026-11-05,{rent},,,,,EUR\n";
        using var content = new StringContent(csv, Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv"));
        using var response = await LedgerOps.PostAsync("notices/import", content);
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"rent roll refused: {await response.Content.ReadAsStringAsync()}");
        return (tenant, notice);
    }

    /// <summary>A bank line of its own, unmatched and waiting in review, as an import would have stored it.</summary>
    public async Task<string> AddEntryAsync(string entryId, long cents)
    {
        var result = new Api.Imports.StoredResult("unmatched", 0, ["aucun locataire ne correspond"],
            [new Api.Imports.StoredUnit(0, null, "Transfer", cents, "unmatched", 0, [], [], null, null, null)]);
        await using var cmd = Recon.Services.GetRequiredService<Npgsql.NpgsqlDataSource>().CreateCommand("""
            with i as (insert into imports (created_at, created_by, files, formats, status) values (now(), 'test', 'test', 'test', 'Done') returning id)
            insert into entries (entry_id, import_id, booking_date, amount_cents, currency, label, entry_json, decision, result_json, state)
            select $1, i.id, $2, $3, 'EUR', 'VIR TEST', '{}', 'unmatched', $4, 'review' from i
            """);
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = entryId });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = new DateOnly(2026, 11, 10) });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = cents });
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = JsonSerializer.Serialize(result, new JsonSerializerOptions(JsonSerializerDefaults.Web)) });
        await cmd.ExecuteNonQueryAsync();
        return entryId;
    }

    public static (int Code, string Stdout, string Stderr) RunRecon(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = Cli.ReconCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public HttpClient ImportClient()
    {
        var http = new HttpClient { BaseAddress = ReconUrl, Timeout = TimeSpan.FromMinutes(5) };
        http.DefaultRequestHeaders.Add("X-Api-Key", ImportKey);
        return http;
    }

    /// <summary><c>GET /api/status</c> with the import key: queue sizes and what waits to be posted (200 or the test fails).</summary>
    public static async Task<JsonElement> StatusAsync(HttpClient importClient) =>
        JsonDocument.Parse(await importClient.GetStringAsync("api/status")).RootElement.Clone();

    /// <summary>An import's entries with their results and postings (<c>GET /api/imports/{id}/entries</c>).</summary>
    public async Task<List<JsonElement>> ImportEntriesAsync(long importId)
    {
        using var http = ImportClient();
        return JsonDocument.Parse(await http.GetStringAsync($"api/imports/{importId}/entries")).RootElement.EnumerateArray().Select(e => e.Clone()).ToList();
    }

    /// <summary>A client like a browser: cookies kept (Secure ones too, as on loopback), redirects not followed (tests look at each one).</summary>
    public HttpClient Browser() => new(new LoopbackCookieHandler()) { BaseAddress = ReconUrl, Timeout = TimeSpan.FromMinutes(2) };

    public async Task<HttpClient> LoginAsync(string user, string password)
    {
        var browser = Browser();
        var token = await TokenAsync(browser, "login");
        using var response = await browser.PostAsync("login", Form(token, ("userName", user), ("password", password), ("returnUrl", "/")));
        if (response.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException($"login of {user} failed: {(int)response.StatusCode}");
        return browser;
    }

    public static async Task<string> TokenAsync(HttpClient browser, string page)
    {
        var html = await browser.GetStringAsync(page);
        return TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
            : throw new InvalidOperationException($"no antiforgery token on {page}");
    }

    public static FormUrlEncodedContent Form(string token, params (string Name, string Value)[] fields) =>
        new(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value)).Append(new("__RequestVerificationToken", token)));

    public async Task<JsonElement> LedgerGetAsync(string path)
    {
        using var response = await LedgerOps.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        return response.IsSuccessStatusCode ? JsonDocument.Parse(text).RootElement.Clone() : default;
    }

    private (string Tenant, string Notice, long Cents)? _writeOff;

    /// <summary>The one tenant a test changes on purpose (a write-off): the balance test leaves it out.</summary>
    public async Task<(string Tenant, string Notice, long Cents)> WriteOffTargetAsync()
    {
        if (_writeOff is { } known) return known;
        foreach (var t in Truth.Tenants.OrderBy(t => t.Tenant, StringComparer.Ordinal))
        {
            var account = await LedgerGetAsync($"accounts?tenantReference={Uri.EscapeDataString(t.Tenant)}");
            foreach (var n in account.GetProperty("openNotices").EnumerateArray())
            {
                if (Primitives.Money.TryParseCents(n.GetProperty("amountDue").GetString(), out var due) && due > 400_00)
                    return (_writeOff = (t.Tenant, n.GetProperty("noticeReference").GetString()!, due)).Value;
            }
        }
        throw new InvalidOperationException("no tenant owes more than 400 € on one notice");
    }

    public virtual async Task DisposeAsync()
    {
        await Recon.StopAsync();
        await Recon.DisposeAsync();
        if (_ledger is not null)
        {
            await _ledger.StopAsync();
            await _ledger.DisposeAsync();
        }
        LedgerOps.Dispose();
        if (SecondServer is not null) await SecondServer.DisposeAsync();
        try { Directory.Delete(Folder, recursive: true); } catch (IOException) { }
    }

    private static StringContent Json(object o) => new(JsonSerializer.Serialize(o), Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue("application/json"));

    private static string Secret() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private static string AddressOf(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
