using Npgsql;

namespace Ledger.Tests.Integrity;

/// <summary>
/// Issue 11 §2: verify recomputes the landlord's hash chain from PostgreSQL and names the first event that does not match.
/// Each test tampers as the server's superuser, in its own landlord.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ChainTamperTests(ChainFixture host) : IClassFixture<ChainFixture>
{
    [Fact]
    public async Task Verify_CleanLedger_PassesAndCountsEveryEvent()
    {
        await host.SeedAsync("clean");

        var (exit, output) = await host.VerifyAsync("--landlord", "clean");

        exit.ShouldBe(0, output);
        var events = await ScalarAsync("SELECT count(*) FROM ledger.mt_events WHERE tenant_id = 'clean'");
        events.ShouldBeGreaterThan(6);
        output.ShouldContain($"verify: landlord clean: {events} events checked, chain intact");
    }

    /// <summary>
    /// Regression: the rent run's bulk writer and the bank operations' writer came after the chain and append events by
    /// their own path; each must link what it appends, or verify reports the events as inserted behind the chain's back.
    /// </summary>
    [Fact]
    public async Task Verify_RentRunAndBankOperations_AreLinkedLikeEveryOtherEvent()
    {
        await host.SeedAsync("paths", tenants: 5);
        var parked = new HttpRequestMessage(HttpMethod.Post, "/landlords/paths/bank/suspense")
        {
            Content = System.Net.Http.Json.JsonContent.Create(new
            {
                entryId = "CHAIN-S1", amount = "87.40", currency = "EUR", valueDate = "2026-11-06", channel = "Transfer",
                bankAccount = "compte courant", reason = "payeur inconnu", by = "compta",
            }),
        };
        parked.Headers.Add("Idempotency-Key", "CHAIN-S1");
        (await host.Ops.SendAsync(parked)).EnsureSuccessStatusCode();

        var (exit, output) = await host.VerifyAsync("--landlord", "paths");

        exit.ShouldBe(0, output);
        var linked = await ScalarAsync("SELECT count(*) FROM ledger.event_chain WHERE landlord = 'paths' AND stream_key = 'bank:paths'");
        linked.ShouldBe(1);
        var events = await ScalarAsync("SELECT count(*) FROM ledger.mt_events WHERE tenant_id = 'paths'");
        (await ScalarAsync("SELECT count(*) FROM ledger.event_chain WHERE landlord = 'paths'")).ShouldBe(events);
    }

    /// <summary>One row changed or removed by the superuser; verify names that event and what is wrong with it.</summary>
    [Theory]
    [InlineData("changed", "payment_received", "UPDATE ledger.mt_events SET data = jsonb_set(data, '{amount,cents}', '1000000') WHERE seq_id = $1", "event changed")]
    [InlineData("metadata", "payment_received", "UPDATE ledger.mt_events SET user_name = 'someone-else' WHERE seq_id = $1", "event changed")]
    [InlineData("retyped", "payment_allocated", "UPDATE ledger.mt_events SET type = 'payment_deallocated' WHERE seq_id = $1", "event changed")]
    [InlineData("deleted", "payment_received", "DELETE FROM ledger.mt_events WHERE seq_id = $1", "event missing")]
    [InlineData("chainrow", "payment_received", "UPDATE ledger.event_chain SET content_hash = sha256('x') WHERE seq_id = $1", "event changed")]
    public async Task Verify_RowTamperedBySuperuser_NamesTheEventAndTheFault(string landlord, string type, string sql, string fault)
    {
        await host.SeedAsync(landlord);
        var tenant = ChainFixture.Tenant(2);
        var (version, seq) = await EventAsync(landlord, tenant, type);
        await host.AsSuperuserAsync(sql, seq);

        await VerifyFailsAsync(landlord, $"{fault}: stream {tenant} version {version} (seq {seq})");
    }

    [Fact]
    public async Task Verify_EventInsertedBySuperuser_NamesTheInsertedEvent()
    {
        await host.SeedAsync("inserted");
        var tenant = ChainFixture.Tenant(1);
        var (_, seq) = await EventAsync("inserted", tenant, "payment_received");
        var next = await ScalarAsync($"SELECT max(version) + 1 FROM ledger.mt_events WHERE tenant_id = 'inserted' AND stream_id = '{tenant}'");
        // A copy of a real payment under a new id and version: well-formed, only not appended by the ledger.
        await host.AsSuperuserAsync("""
            INSERT INTO ledger.mt_events (seq_id, id, stream_id, version, data, type, timestamp, tenant_id, mt_dotnet_type, correlation_id, user_name)
            SELECT nextval('ledger.mt_events_sequence'), md5(random()::text)::uuid, stream_id, $2, data, type, now(), tenant_id,
                   mt_dotnet_type, correlation_id, user_name
            FROM ledger.mt_events WHERE seq_id = $1
            """, seq, next);
        var inserted = await ScalarAsync($"SELECT seq_id FROM ledger.mt_events WHERE tenant_id = 'inserted' AND stream_id = '{tenant}' AND version = {next}");

        await VerifyFailsAsync("inserted", $"event inserted: stream {tenant} version {next} (seq {inserted})");
    }

    [Fact]
    public async Task Verify_PersonalFieldMasked_StillPassesButAnotherNameIsCaught()
    {
        await host.SeedAsync("masked");
        var tenant = ChainFixture.Tenant(1);
        var (version, seq) = await EventAsync("masked", tenant, "account_opened");
        // Erasure on request: the name is blanked; its field hash, kept in the chain row, stands in for it.
        await host.AsSuperuserAsync("UPDATE ledger.mt_events SET data = jsonb_set(data, '{tenantName}', '\"***\"') WHERE seq_id = $1", seq);

        var masked = await host.VerifyAsync("--landlord", "masked");
        masked.Exit.ShouldBe(0, masked.Output);

        await host.AsSuperuserAsync("UPDATE ledger.mt_events SET data = jsonb_set(data, '{tenantName}', '\"Autre Nom\"') WHERE seq_id = $1", seq);
        await VerifyFailsAsync("masked", $"event changed: stream {tenant} version {version} (seq {seq})");
    }

    [Fact]
    public async Task Verify_ConcurrentPaymentsOnEightTenants_GiveOneConsistentChain()
    {
        await host.SeedAsync("parallel", tenants: 8);

        var responses = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            host.PayAsync("parallel", ChainFixture.Tenant(1 + (i % 8)), $"transfer:parallel-extra-{i}")));

        responses.ShouldAllBe(r => r.IsSuccessStatusCode);
        // Lost races leave Marten tombstones (sequence gap fillers, in no account's stream): not facts, not chained.
        var events = await ScalarAsync("SELECT count(*) FROM ledger.mt_events WHERE tenant_id = 'parallel' AND stream_id <> 'mt_tombstone'");
        (await ScalarAsync("SELECT max(position) FROM ledger.event_chain WHERE landlord = 'parallel'")).ShouldBe(events);
        var (exit, output) = await host.VerifyAsync("--landlord", "parallel");
        exit.ShouldBe(0, output);
        output.ShouldContain($"{events} events checked, chain intact");
    }

    private async Task VerifyFailsAsync(string landlord, string expected)
    {
        var (exit, output) = await host.VerifyAsync("--landlord", landlord);
        exit.ShouldBe(1, output);
        output.ShouldContain(expected);
    }

    private async Task<(long Version, long Seq)> EventAsync(string landlord, string tenant, string type)
    {
        await using var connection = new NpgsqlConnection(host.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT version, seq_id FROM ledger.mt_events WHERE tenant_id = $1 AND stream_id = $2 AND type = $3 ORDER BY seq_id LIMIT 1", connection);
        command.Parameters.Add(new NpgsqlParameter { Value = landlord });
        command.Parameters.Add(new NpgsqlParameter { Value = tenant });
        command.Parameters.Add(new NpgsqlParameter { Value = type });
        await using var r = await command.ExecuteReaderAsync();
        (await r.ReadAsync()).ShouldBeTrue($"no {type} event on {tenant}");
        return (r.GetInt64(0), r.GetInt64(1));
    }

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(host.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
