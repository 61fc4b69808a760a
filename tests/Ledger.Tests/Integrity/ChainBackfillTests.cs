using System.Net;
using Ledger.Api.Infrastructure;
using Ledger.Api.Infrastructure.Integrity;
using Ledger.Tests.Api;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Ledger.Tests.Integrity;

public sealed class ChainBackfillFixture : LedgerHostFixture;

/// <summary>
/// A ledger from before the chain (an old backup, the demo data of an earlier version): the migration links its events once,
/// in sequence order, and verify passes; new events then chain on.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ChainBackfillTests(ChainBackfillFixture host) : IClassFixture<ChainBackfillFixture>
{
    [Fact]
    public async Task Migration_LedgerWithoutChain_LinksExistingEventsOnceAndVerifyPasses()
    {
        await using (var admin = new NpgsqlConnection(host.AdminConnectionString))
        {
            await admin.OpenAsync();
            // Back to a ledger as it was before this version: no chain tables, no link function.
            await using var drop = new NpgsqlCommand(
                "DROP TABLE ledger.event_chain, ledger.chain_checkpoints; DROP FUNCTION ledger.chain_append", admin);
            await drop.ExecuteNonQueryAsync();
        }
        var migration = new LedgerMigration(host.ConnectionString, host.ServiceConnectionString, autoCreate: true, NullLogger<LedgerMigration>.Instance);

        await migration.StartAsync(CancellationToken.None);
        await migration.StartAsync(CancellationToken.None); // a second start links nothing again

        var events = await CountAsync("SELECT count(*) FROM ledger.mt_events WHERE stream_id <> 'mt_tombstone'");
        (await CountAsync("SELECT count(*) FROM ledger.event_chain")).ShouldBe(events);
        var paid = await host.Payments.PostPaymentAsync(LedgerHttp.Payment("card:BACKFILL1", "100002/01", "10.00", null, "Card"), "card:BACKFILL1");
        paid.StatusCode.ShouldBe(HttpStatusCode.Created);
        var output = new StringWriter();
        var exit = await VerifyCommand.RunAsync([$"--ConnectionStrings:Ledger={host.ServiceConnectionString}"], output, output);
        exit.ShouldBe(0, output.ToString());
        output.ToString().ShouldContain($"landlord {LedgerHostFixture.Landlord}: {events + 3} events checked, chain intact");
    }

    private async Task<long> CountAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(host.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
