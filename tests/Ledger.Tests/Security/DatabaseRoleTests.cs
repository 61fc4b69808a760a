using System.Net;
using System.Net.Http.Json;
using LocalPostgres;
using Ledger.Tests.Api;
using Npgsql;

namespace Ledger.Tests.Security;

public sealed class DatabaseRoleFixture : LedgerHostFixture;

/// <summary>
/// Issue 9, item 3: the ledger serves with a role that owns nothing. That role, the one an attacker inside the service would
/// hold, cannot switch the append-only guard off, change the table or remove an event; the host still works with it.
/// </summary>
[Trait("Category", "Integration")]
public sealed class DatabaseRoleTests(DatabaseRoleFixture host) : IClassFixture<DatabaseRoleFixture>
{
    [Theory]
    [InlineData("ALTER TABLE ledger.mt_events DISABLE TRIGGER refuse_event_change")]
    [InlineData("ALTER TABLE ledger.mt_events DISABLE TRIGGER ALL")]
    [InlineData("DROP TRIGGER refuse_event_change ON ledger.mt_events")]
    [InlineData("CREATE OR REPLACE FUNCTION ledger.refuse_event_change() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RETURN OLD; END $$")]
    [InlineData("ALTER TABLE ledger.mt_events ADD COLUMN note text")]
    [InlineData("DELETE FROM ledger.mt_events")]
    [InlineData("UPDATE ledger.mt_events SET data = data")]
    [InlineData("TRUNCATE ledger.mt_events CASCADE")]
    [InlineData("CREATE TABLE ledger.shadow (id int)")]
    [InlineData("UPDATE ledger.event_chain SET hash = hash")]
    [InlineData("DELETE FROM ledger.event_chain")]
    [InlineData("ALTER TABLE ledger.event_chain DISABLE TRIGGER ALL")]
    [InlineData("DELETE FROM ledger.chain_checkpoints")]
    [InlineData("CREATE OR REPLACE FUNCTION ledger.chain_append(text, text, bigint, uuid[], bytea[], jsonb[]) RETURNS void LANGUAGE sql AS 'select'")]
    public async Task ServiceRole_TriesToTamperWithEvents_IsRefusedByPrivileges(string sql)
    {
        await using var connection = new NpgsqlConnection(host.ServiceConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);

        var error = await Should.ThrowAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        // 42501: insufficient privilege / must be owner (not the trigger's own message: the role never gets that far).
        error.SqlState.ShouldBe(PostgresErrorCodes.InsufficientPrivilege, error.MessageText);
        await using var count = new NpgsqlCommand("SELECT count(*) FROM ledger.mt_events", connection);
        ((long)(await count.ExecuteScalarAsync())!).ShouldBeGreaterThan(0);
        await using var trigger = new NpgsqlCommand(
            "SELECT tgenabled FROM pg_trigger WHERE tgname = 'refuse_event_change' AND tgrelid = 'ledger.mt_events'::regclass", connection);
        ((char)(await trigger.ExecuteScalarAsync())!).ShouldBe('O');
    }

    [Fact]
    public async Task ServiceRole_OwnsNoTableFunctionOrSchema() =>
        (await RoleChecks.ObjectsOwnedByAsync(host.AdminConnectionString, host.ServiceRole)).ShouldBe(0);

    [Fact]
    public async Task ServiceRole_StillRecordsAPayment()
    {
        var response = await host.Payments.PostPaymentAsync(LedgerHttp.Payment("card:ROLE1", "100003/01", "10.00", "2026-11/000003", "Card"), "card:ROLE1");
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        (await host.Payments.GetFromJsonAsync<System.Text.Json.JsonElement>("payments/card:ROLE1")).GetProperty("amount").GetString().ShouldBe("10.00");
    }
}
