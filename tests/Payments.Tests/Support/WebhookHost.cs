using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using LocalPostgres;
using Npgsql;

namespace Payments.Tests.Support;

/// <summary>
/// One database and, per call, a payments host configured with a given HMAC key, merchant account and environment: the vectors
/// each come with their own key and account, and must go through the real endpoint.
/// </summary>
public sealed class WebhookHost : IAsyncLifetime
{
    public const string User = "vector-user";
    public const string Password = "vector-password-1234";

    public string Connection { get; private set; } = "";

    public NpgsqlDataSource Db { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var server = await SharedServer.GetAsync();
        var suffix = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        Connection = await server.CreateServiceDatabaseAsync($"payments_v_{suffix}", $"payments_v_{suffix}", Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12)));
        PaymentsStack.OwnedDatabases.Add(Connection);
        Db = NpgsqlDataSource.Create(Connection);
    }

    /// <summary>Starts a host with these settings, posts the body, returns the status, stops the host.</summary>
    public async Task<int> PostAsync(string hexKey, string merchantAccount, bool live, byte[] body, string? previousKey = null)
    {
        string[] args =
        [
            "--urls=http://127.0.0.1:0", $"--ConnectionStrings:Payments={Connection}",
            $"--Adyen:Environment={(live ? "Live" : "Test")}", "--Adyen:LivePrefix=1797a841fbb37ca7-DemoHabitat", "--Adyen:ApiKey=unused",
            $"--Adyen:MerchantAccount={merchantAccount}", $"--Adyen:HmacKeys:0={hexKey}",
            $"--Adyen:WebhookUser={User}", $"--Adyen:WebhookPassword={Password}",
            "--Ledger:BaseUrl=http://127.0.0.1:9/", "--Ledger:ApiKey=unused", "--Ledger:LandlordId=demo-habitat",
            "--Payments:Processing:PollInterval=01:00:00", "--Payments:PublicBaseUrl=http://127.0.0.1",
        ];
        if (previousKey is not null) args = [.. args, $"--Adyen:HmacKeys:1={previousKey}"];
        var app = Api.PaymentsApp.Build(args);
        CapturedLogs.Attach(app, "payments");
        await app.StartAsync();
        try
        {
            using var http = new HttpClient { BaseAddress = PaymentsStack.AddressOf(app) };
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using var request = new HttpRequestMessage(HttpMethod.Post, "webhooks/adyen") { Content = content };
            request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{Password}")));
            using var response = await http.SendAsync(request);
            return (int)response.StatusCode;
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    public async Task<long> CountAsync(string? pspReference = null)
    {
        await using var command = Db.CreateCommand(pspReference is null
            ? "select count(*) from webhook_inbox"
            : "select count(*) from webhook_inbox where psp_reference = $1");
        if (pspReference is not null) command.Parameters.Add(new() { Value = pspReference });
        try
        {
            return (long)(await command.ExecuteScalarAsync())!;
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return 0;
        }
    }

    public async Task DisposeAsync()
    {
        if (Db is not null) await Db.DisposeAsync();
    }
}
