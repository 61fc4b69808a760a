using System.Net.Http.Json;
using System.Security.Cryptography;
using Ledger.Api.Infrastructure.Integrity;
using Ledger.Tests.Api;
using Npgsql;

namespace Ledger.Tests.Integrity;

/// <summary>
/// The ledger host with a checkpoint signing key (key "k1"). Each test seeds its own landlord, so that one test's tampering
/// never shows in another's verify (verify --landlord).
/// </summary>
public sealed class ChainFixture : LedgerHostFixture
{
    public const string KeyId = "k1";
    public static readonly ECDsa Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
    public static string PrivateKey => Convert.ToBase64String(Key.ExportPkcs8PrivateKey());
    public static string PublicKey => Convert.ToBase64String(Key.ExportSubjectPublicKeyInfo());

    protected override IEnumerable<string> ExtraArgs =>
        [$"--Ledger:Checkpoints:SigningKey={PrivateKey}", $"--Ledger:Checkpoints:KeyId={KeyId}"];

    protected override bool SeedDemo => false;

    /// <summary>A landlord with <paramref name="tenants"/> tenants (account opened, one notice) and a payment on each.</summary>
    public async Task SeedAsync(string landlord, int tenants = 3)
    {
        (await Ops.PutAsJsonAsync($"/landlords/{landlord}", new { name = "Habitat " + landlord })).EnsureSuccessStatusCode();
        var notices = Enumerable.Range(1, tenants).Select(i => new
        {
            tenantReference = Tenant(i), tenantName = $"Locataire {i}", dwellingReference = $"BAT-A-{i}", noticeReference = $"2026-11/{i:000000}",
            period = "2026-11", dueDate = "2026-11-05", lines = new[] { new { kind = "Rent", label = "Loyer", amount = "400.00" } },
        });
        (await Ops.PostAsJsonAsync($"/landlords/{landlord}/notices/import", new { notices })).EnsureSuccessStatusCode();
        for (var i = 1; i <= tenants; i++)
        {
            (await PayAsync(landlord, Tenant(i), $"transfer:{landlord}-{i}")).EnsureSuccessStatusCode();
        }
    }

    public Task<HttpResponseMessage> PayAsync(string landlord, string tenant, string paymentId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/landlords/{landlord}/payments")
        {
            Content = JsonContent.Create(LedgerHttp.Payment(paymentId, tenant, "100.00")),
        };
        request.Headers.Add("Idempotency-Key", paymentId);
        return Ops.SendAsync(request);
    }

    public static string Tenant(int i) => $"{300000 + i:000000}/01";

    /// <summary>Runs verify as the command line does, with the service's configuration (its connection and checkpoint key).</summary>
    public Task<(int Exit, string Output)> VerifyAsync(params string[] args) => VerifyWithKeysAsync([.. ExtraArgs, .. args]);

    /// <summary>Runs verify with the service role's connection and only the checkpoint keys given in <paramref name="args"/>.</summary>
    public async Task<(int Exit, string Output)> VerifyWithKeysAsync(params string[] args)
    {
        var output = new StringWriter();
        var exit = await VerifyCommand.RunAsync([$"--ConnectionStrings:Ledger={ServiceConnectionString}", .. args], output, output);
        return (exit, output.ToString());
    }

    /// <summary>
    /// SQL as the superuser with triggers off for this session only (session_replication_role = replica): what an intruder
    /// with the server's superuser can do, without switching the guard off for the other tests sharing the database.
    /// </summary>
    public async Task AsSuperuserAsync(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(AdminConnectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET session_replication_role = replica", connection)) await off.ExecuteNonQueryAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var p in parameters) command.Parameters.Add(new NpgsqlParameter { Value = p });
        await command.ExecuteNonQueryAsync();
    }
}
