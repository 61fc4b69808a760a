using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Ledger.Api.Infrastructure;
using Ledger.Api.Infrastructure.Integrity;
using Marten;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime;
using NodaTime.Testing;
using Npgsql;

namespace Ledger.Tests.Integrity;

/// <summary>Signed checkpoints: exported, verified, refused when altered, still valid after a key rotation, daily.</summary>
[Trait("Category", "Integration")]
public sealed class CheckpointTests(ChainFixture host) : IClassFixture<ChainFixture>, IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("checkpoints-").FullName;

    [Fact]
    public async Task Checkpoint_ExportedAndVerified_HoldsTheChain()
    {
        await host.SeedAsync("cp-ok");
        var file = await ExportAsync("cp-ok");

        var (exit, output) = await host.VerifyAsync("--landlord", "cp-ok", "--checkpoint", file);

        exit.ShouldBe(0, output);
        output.ShouldContain("chain intact");
        output.ShouldContain("2 checkpoints held"); // the stored one and the exported file
    }

    [Theory]
    [InlineData("headHash")]
    [InlineData("position")]
    [InlineData("landlord")]
    public async Task Checkpoint_FileAltered_IsRefused(string field)
    {
        var landlord = "cp-altered-" + field.ToLowerInvariant();
        await host.SeedAsync(landlord);
        var file = await ExportAsync(landlord);
        var json = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(await File.ReadAllTextAsync(file))!;
        json[field] = field switch
        {
            "headHash" => JsonSerializer.SerializeToElement(Convert.ToHexStringLower(new byte[32])),
            "position" => JsonSerializer.SerializeToElement(1L),
            _ => JsonSerializer.SerializeToElement("cp-ok"),
        };
        await File.WriteAllTextAsync(file, JsonSerializer.Serialize(json));

        var (exit, output) = await host.VerifyAsync("--checkpoint", file);

        exit.ShouldBe(1, output);
        output.ShouldContain("refused: the signature does not match (key k1)");
    }

    [Fact]
    public async Task Checkpoint_AfterKeyRotation_OldCheckpointVerifiesWithTheOldPublicKeyOnly()
    {
        await host.SeedAsync("cp-rotated");
        var file = await ExportAsync("cp-rotated");
        using var newKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        string[] rotated = [$"--Ledger:Checkpoints:SigningKey={Convert.ToBase64String(newKey.ExportPkcs8PrivateKey())}", "--Ledger:Checkpoints:KeyId=k2"];

        var withOldKey = await host.VerifyWithKeysAsync([.. rotated, "--Ledger:Checkpoints:VerificationKeys:0:KeyId=k1",
            $"--Ledger:Checkpoints:VerificationKeys:0:PublicKey={ChainFixture.PublicKey}", "--checkpoint", file]);
        var withoutOldKey = await host.VerifyWithKeysAsync([.. rotated, "--checkpoint", file]);

        withOldKey.Exit.ShouldBe(0, withOldKey.Output);
        withoutOldKey.Exit.ShouldBe(1, withoutOldKey.Output);
        withoutOldKey.Output.ShouldContain("no verification key k1");
    }

    /// <summary>
    /// The limit of a chain alone: a superuser who changes an event and recomputes every hash after it (and removes the stored
    /// checkpoints) passes a plain verify. The checkpoint exported before catches it.
    /// </summary>
    [Fact]
    public async Task Checkpoint_HistoryRechainedBySuperuser_PlainVerifyPassesButTheExportedCheckpointCatchesIt()
    {
        await host.SeedAsync("cp-rechained");
        var file = await ExportAsync("cp-rechained");
        var seq = await RewriteFirstPaymentAndRechainAsync("cp-rechained");

        var plain = await host.VerifyAsync("--landlord", "cp-rechained");
        var held = await host.VerifyAsync("--landlord", "cp-rechained", "--checkpoint", file);

        plain.Exit.ShouldBe(0, plain.Output);
        held.Exit.ShouldBe(1, held.Output);
        held.Output.ShouldContain("chain differs from the checkpoint");
        seq.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task DailyCheckpoints_OnePerLandlordPerParisDay()
    {
        await host.SeedAsync("cp-daily");
        var clock = new FakeClock(Instant.FromUtc(2030, 1, 10, 10, 0));
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Ledger:Checkpoints:SigningKey"] = ChainFixture.PrivateKey, ["Ledger:Checkpoints:KeyId"] = ChainFixture.KeyId,
        }).Build();
        using var keys = new CheckpointKeys(config);
        using var store = DocumentStore.For(o => LedgerStore.Configure(o, host.ServiceConnectionString, autoCreate: false));
        var service = new CheckpointService(store, keys, clock, NullLogger<CheckpointService>.Instance);

        await service.RunOnceAsync(CancellationToken.None);
        var first = await CountAsync("cp-daily");
        clock.AdvanceHours(12); // 22:00 UTC = 23:00 in Paris: the same day
        await host.PayAsync("cp-daily", ChainFixture.Tenant(1), "transfer:cp-daily-late");
        await service.RunOnceAsync(CancellationToken.None);
        var sameDay = await CountAsync("cp-daily");
        clock.AdvanceHours(1); // 23:00 UTC = 00:00 on 11 January in Paris
        await service.RunOnceAsync(CancellationToken.None);
        var nextDay = await CountAsync("cp-daily");

        (first, sameDay, nextDay).ShouldBe((1L, 1L, 2L));
        (await host.VerifyAsync("--landlord", "cp-daily")).Exit.ShouldBe(0);
    }

    [Fact]
    public async Task CheckpointEndpoints_NeedTheIntegrityScopes()
    {
        await host.SeedAsync("cp-scopes");

        (await host.Payments.PostAsync("/landlords/cp-scopes/checkpoints", null)).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await host.Payments.GetAsync("/landlords/cp-scopes/checkpoints/latest")).StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await host.Ops.GetAsync("/landlords/cp-none/checkpoints/latest")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private async Task<string> ExportAsync(string landlord)
    {
        var created = await host.Ops.PostAsync($"/landlords/{landlord}/checkpoints", null);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync());
        var latest = await host.Ops.GetStringAsync($"/landlords/{landlord}/checkpoints/latest");
        var file = Path.Combine(_folder, landlord + ".json");
        await File.WriteAllTextAsync(file, latest);
        return file;
    }

    /// <summary>What a careful intruder with the superuser does: change a payment, recompute its content hash and every link after it.</summary>
    private async Task<long> RewriteFirstPaymentAndRechainAsync(string landlord)
    {
        await using var connection = new NpgsqlConnection(host.AdminConnectionString);
        await connection.OpenAsync();
        await Exec(connection, "SET session_replication_role = replica");
        await Exec(connection, $"DELETE FROM ledger.chain_checkpoints WHERE landlord = '{landlord}'");
        var seq = (long)(await new NpgsqlCommand(
            $"SELECT min(seq_id) FROM ledger.mt_events WHERE tenant_id = '{landlord}' AND type = 'payment_received'", connection).ExecuteScalarAsync())!;
        await Exec(connection, $"UPDATE ledger.mt_events SET data = jsonb_set(data, '{{amount,cents}}', '1') WHERE seq_id = {seq}");
        var rows = new List<(long Position, byte[] Content, string Stream, long Version, Guid Id, string Type, string Data, string? C, string? Ca, string? U, string? F)>();
        await using (var read = new NpgsqlCommand($"""
            SELECT c.position, c.content_hash, e.stream_id, e.version, e.id, e.type, e.data::text, e.correlation_id, e.causation_id, e.user_name, c.field_hashes::text
            FROM ledger.event_chain c JOIN ledger.mt_events e ON e.seq_id = c.seq_id WHERE c.landlord = '{landlord}' ORDER BY c.position
            """, connection))
        await using (var r = await read.ExecuteReaderAsync())
        {
            string? S(int i) => r.IsDBNull(i) ? null : r.GetString(i);
            while (await r.ReadAsync())
                rows.Add((r.GetInt64(0), (byte[])r[1], r.GetString(2), r.GetInt64(3), r.GetGuid(4), r.GetString(5), r.GetString(6), S(7), S(8), S(9), S(10)));
        }
        var head = new byte[32];
        foreach (var row in rows)
        {
            var (content, _) = ContentHash.Compute(new EventContent(landlord, row.Stream, row.Version, row.Type, row.Id, row.Data, row.C, row.Ca, row.U),
                ChainLink.ParseFieldHashes(row.F));
            var hash = SHA256.HashData([.. head, .. content]);
            await using var update = new NpgsqlCommand(
                "UPDATE ledger.event_chain SET content_hash = $1, prev_hash = $2, hash = $3 WHERE landlord = $4 AND position = $5", connection);
            foreach (var v in new object[] { content, head, hash, landlord, row.Position }) update.Parameters.Add(new NpgsqlParameter { Value = v });
            await update.ExecuteNonQueryAsync();
            head = hash;
        }
        return seq;
    }

    private static async Task Exec(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<long> CountAsync(string landlord)
    {
        await using var connection = new NpgsqlConnection(host.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand($"SELECT count(*) FROM ledger.chain_checkpoints WHERE landlord = '{landlord}'", connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
