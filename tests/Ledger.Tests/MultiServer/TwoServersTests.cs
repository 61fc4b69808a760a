using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Infrastructure;
using Ledger.Api.Infrastructure.Integrity;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using Ledger.Tests.Api;
using Npgsql;
using Shouldly;
using static Ledger.Tests.MultiServer.TwoServersFixture;

namespace Ledger.Tests.MultiServer;

/// <summary>
/// Issue 10 §3: a landlord placed on another PostgreSQL server by configuration. Landlord A (listed nowhere) lives on the
/// default server, landlord B on the second; each one's rows are on its server only, and every ledger service works for
/// both through the one host.
/// </summary>
public sealed class TwoServersTests(TwoServersFixture host) : IClassFixture<TwoServersFixture>
{
    private static readonly SemaphoreSlim Setup = new(1, 1);
    private static bool _ready;

    /// <summary>Both landlords with a December notice run (the same tenant references on both: they must not meet).</summary>
    private async Task EnsureLandlordsAsync()
    {
        await Setup.WaitAsync();
        try
        {
            if (_ready) return;
            foreach (var landlord in new[] { LandlordA, LandlordB })
            {
                (await host.Ops.PutAsJsonAsync($"/landlords/{landlord}",
                    new { name = $"Bailleur {landlord[^1..].ToUpperInvariant()}", tenantReferencePattern = @"^\d{6}/\d{2}$", siren = "443061841" }))
                    .EnsureSuccessStatusCode();
                var import = await host.Ops.PostAsJsonAsync($"/landlords/{landlord}/notices/import",
                    new { notices = Enumerable.Range(1, 5).Select(i => Notice($"70000{i}/01", $"2026-12/70000{i}")).ToArray() });
                import.StatusCode.ShouldBe(HttpStatusCode.OK, await import.Content.ReadAsStringAsync());
            }
            _ready = true;
        }
        finally
        {
            Setup.Release();
        }
    }

    private static object Notice(string tenant, string notice) => new
    {
        tenantReference = tenant, tenantName = "Mme Éloïse Dupont-Vidal", dwellingReference = "BAT-M-1", noticeReference = notice,
        period = "2026-12", dueDate = "2026-12-05",
        lines = new object[] { new { kind = "Rent", label = "Loyer", amount = "400.00" }, new { kind = "Rls", label = "RLS", amount = "-30.00" } },
    };

    [Fact]
    public async Task TwoServers_EachLandlordsRows_OnItsOwnServerOnly()
    {
        await EnsureLandlordsAsync();
        (await PayAsync(host.Ops, LandlordB, "transfer:ISO-B", "700001/01", "370.00", "2026-12/700001")).StatusCode.ShouldBe(HttpStatusCode.Created);

        var first = await RowsAsync(host.AdminConnectionString);
        var second = await RowsAsync(host.SecondAdminConnectionString);

        first.GetValueOrDefault(("events", LandlordA)).ShouldBeGreaterThan(0);
        first.GetValueOrDefault(("notices", LandlordA)).ShouldBe(5);
        first.Keys.Where(k => k.Landlord == LandlordB).ShouldBeEmpty();
        second.GetValueOrDefault(("events", LandlordB)).ShouldBeGreaterThan(0);
        second.GetValueOrDefault(("notices", LandlordB)).ShouldBe(5);
        second.GetValueOrDefault(("payments", LandlordB)).ShouldBe(1);
        second.Keys.Where(k => k.Landlord != LandlordB).ShouldBeEmpty();
    }

    [Fact]
    public async Task TwoServers_KeyOfA_CannotReachB_NorBOfA()
    {
        await EnsureLandlordsAsync();
        using var a = host.Client(KeyA);
        using var b = host.Client(KeyB);

        (await a.GetAsync($"/landlords/{LandlordA}/accounts?tenantReference=700002/01")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await a.GetAsync($"/landlords/{LandlordB}/accounts?tenantReference=700002/01")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await b.GetAsync($"/landlords/{LandlordA}/accounts?tenantReference=700002/01")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var lookup = await a.PostAsJsonAsync($"/landlords/{LandlordB}/notices/lookup", new { tenantReference = "700002/01", noticeReference = "2026-12/700002" });
        lookup.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Theory]
    [InlineData(LandlordA)]
    [InlineData(LandlordB)]
    public async Task TwoServers_EveryService_WorksForALandlordOnEither(string landlord)
    {
        await EnsureLandlordsAsync();
        using var client = host.Client(landlord == LandlordA ? KeyA : KeyB);
        var root = $"/landlords/{landlord}/";

        var lookup = await client.PostAsJsonAsync(root + "notices/lookup", new { tenantReference = "700003/01", noticeReference = "2026-12/700003" });
        lookup.StatusCode.ShouldBe(HttpStatusCode.OK, await lookup.Content.ReadAsStringAsync());
        (await PayAsync(client, landlord, $"transfer:SVC-{landlord}", "700003/01", "100.00", "2026-12/700003")).StatusCode.ShouldBe(HttpStatusCode.Created);
        var bulk = await client.PostAsJsonAsync(root + "payments/bulk", new
        {
            payments = new[]
            {
                LedgerHttp.Payment($"transfer:BULK-{landlord}-4", "700004/01", "370.00", "2026-12/700004"),
                LedgerHttp.Payment($"transfer:BULK-{landlord}-5", "700005/01", "50.00", "2026-12/700005"),
            },
        });
        bulk.StatusCode.ShouldBe(HttpStatusCode.OK, await bulk.Content.ReadAsStringAsync());
        (await bulk.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("results").EnumerateArray()
            .Select(r => r.GetProperty("status").GetInt32()).ShouldAllBe(s => s == 201);

        var account = await client.GetFromJsonAsync<JsonElement>(root + "accounts?tenantReference=700004/01");
        account.GetProperty("balance").GetString().ShouldBe("0.00");
        var fec = await host.Ops.GetAsync(root + "exports/fec?fiscalYearEnd=2026-12-31");
        fec.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await fec.Content.ReadAsStringAsync();
        // The export reads the landlord's own database: its bulk payment is there, the other landlord's is not.
        text.ShouldContain($"BULK-{landlord}-4");
        text.ShouldNotContain($"BULK-{(landlord == LandlordA ? LandlordB : LandlordA)}-4");
    }

    [Fact]
    public async Task TwoServers_Ready_ChecksBothDatabases()
    {
        var ready = await host.Anonymous.GetAsync("/health/ready");

        ready.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TwoServers_Verify_ChecksTheChainOfEachLandlordOnItsServer()
    {
        await EnsureLandlordsAsync();
        var output = new StringWriter();
        var error = new StringWriter();

        var code = await VerifyCommand.RunAsync([$"--ConnectionStrings:Ledger={host.ServiceConnectionString}", .. host.DatabaseArgs], output, error);

        code.ShouldBe(0, error.ToString());
        output.ToString().ShouldContain($"landlord {LandlordA}: ");
        output.ToString().ShouldContain($"landlord {LandlordB}: ");
        output.ToString().ShouldContain("every chain intact");
    }

    private static Task<HttpResponseMessage> PayAsync(HttpClient client, string landlord, string id, string tenant, string amount, string notice)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/landlords/{landlord}/payments")
        {
            Content = JsonContent.Create(LedgerHttp.Payment(id, tenant, amount, notice)),
        };
        request.Headers.Add("Idempotency-Key", id);
        return client.SendAsync(request);
    }

    [Fact]
    public async Task TwoServers_DailyCheckpoints_SignedForTheLandlordsOfEachServer_StoredWithTheirChain()
    {
        await EnsureLandlordsAsync();
        using var keys = new CheckpointKeys(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ledger:Checkpoints:SigningKey"] = Integrity.ChainFixture.PrivateKey, ["Ledger:Checkpoints:KeyId"] = Integrity.ChainFixture.KeyId,
        }).Build());
        using var store = DocumentStore.For(o => LedgerStore.Configure(o, host.Placement(), autoCreate: false));
        var service = new CheckpointService(store, keys, new FakeClock(Instant.FromUtc(2031, 3, 1, 9, 0)), NullLogger<CheckpointService>.Instance);

        var signed = await service.RunOnceAsync(CancellationToken.None);

        signed.ShouldBeGreaterThanOrEqualTo(2);
        (await CheckpointsAsync(host.AdminConnectionString)).ShouldContain(LandlordA);
        (await CheckpointsAsync(host.AdminConnectionString)).ShouldNotContain(LandlordB);
        (await CheckpointsAsync(host.SecondAdminConnectionString)).ShouldBe([LandlordB]);
        var latest = await host.Ops.GetAsync($"/landlords/{LandlordB}/checkpoints/latest");
        latest.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task TwoServers_OneDatabaseUnreachable_NotReady_NamingIt()
    {
        var placement = host.Placement() with { Others = [new LedgerDatabase("gone", "Host=127.0.0.1;Port=1;Username=x;Password=y;Timeout=2", "Host=127.0.0.1;Port=1", ["z"])] };
        using var store = DocumentStore.For(o => LedgerStore.Configure(o, placement, autoCreate: false));

        var result = await new DatabaseHealthCheck(store).CheckHealthAsync(new HealthCheckContext());

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldBe("database unreachable: gone");
    }

    private static async Task<List<string>> CheckpointsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("select distinct landlord from ledger.chain_checkpoints order by 1", connection);
        var landlords = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) landlords.Add(reader.GetString(0));
        return landlords;
    }

    /// <summary>Rows per (table, landlord) in one database: events and three read models.</summary>
    private static async Task<Dictionary<(string Table, string Landlord), long>> RowsAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            select 'events', tenant_id, count(*) from ledger.mt_events group by 2
            union all select 'notices', tenant_id, count(*) from ledger.mt_doc_noticeview group by 2
            union all select 'payments', tenant_id, count(*) from ledger.mt_doc_paymentview group by 2
            union all select 'landlords', tenant_id, count(*) from ledger.mt_doc_landlordprofile group by 2
            """, connection);
        var rows = new Dictionary<(string, string), long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) rows[(reader.GetString(0), reader.GetString(1))] = reader.GetInt64(2);
        return rows;
    }
}
