using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using Ledger.Tests.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Ledger.Tests.Security;

/// <summary>Every line the ledger logs, at every level, kept in memory for the test to scan.</summary>
public sealed class LogPrivacyFixture : LedgerHostFixture
{
    public ConcurrentQueue<string> Lines { get; } = new();

    protected override IEnumerable<string> ExtraArgs => ["--Logging:LogLevel:Default=Debug"];

    protected override void ConfigureLogging(WebApplication app) =>
        app.Services.GetRequiredService<ILoggerFactory>().AddProvider(new QueueLogger(Lines));

    private sealed class QueueLogger(ConcurrentQueue<string> lines) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) => this;
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue($"{logLevel}: {formatter(state, exception)} {exception}");
        public void Dispose() { }
    }
}

/// <summary>
/// Issue 9, item 5 (and the 500 headers of item 8): a write that fails in the database must not put the event's content,
/// here a tenant's name, into the logs; the 500 answer still carries the ledger's headers.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LogPrivacyTests(LogPrivacyFixture host) : IClassFixture<LogPrivacyFixture>
{
    private async Task AdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(host.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task FailedWrite_WithATenantName_LogsNeitherTheNameNorTheEvent()
    {
        // The database refuses the insert: the same path as a lost connection or a full disk in the middle of a write.
        await AdminAsync($"REVOKE INSERT ON ledger.mt_events FROM \"{host.ServiceRole}\"");
        HttpResponseMessage response;
        try
        {
            response = await host.Ops.PostAsJsonAsync("accounts", new
            {
                tenantReference = "100099/01", tenantName = "Éloïse Discrètenom", dwellingReference = "LOG-PRIV-42",
            });
        }
        finally
        {
            await AdminAsync($"GRANT INSERT ON ledger.mt_events TO \"{host.ServiceRole}\"");
        }

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        response.Headers.GetValues("X-Content-Type-Options").ShouldContain("nosniff");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        var logs = string.Join("\n", host.Lines);
        logs.ShouldContain("42501"); // the failure itself is logged, by its code
        logs.ShouldNotContain("Discrètenom");
        logs.ShouldNotContain("LOG-PRIV-42");
        logs.ShouldNotContain("100099/01");
    }

    [Fact]
    public async Task Mandate_SignedThenAFailedWrite_LogsNeitherTheIbanNorTheDebtorNameNorTheAddress()
    {
        var iban = RentGenerator.Ibans.French("30004", "04242", "00042424242");
        object Body(string rum) => new
        {
            rum, tenantReference = "100003/01", debtorName = "Ondine Quenottelog", iban,
            address = new { street = "Impasse Zephyrinelog", buildingNumber = "7", postCode = "69003", townName = "Lyon", country = "FR" },
            signedOn = "2026-10-01", sequence = "Recurrent",
        };
        (await host.Ops.PostAsJsonAsync("mandates", Body("RUM-LOG-1"))).StatusCode.ShouldBe(HttpStatusCode.Created);
        await AdminAsync($"REVOKE INSERT ON ledger.mt_events FROM \"{host.ServiceRole}\"");
        HttpResponseMessage failed;
        try
        {
            failed = await host.Ops.PostAsJsonAsync("mandates", Body("RUM-LOG-2"));
        }
        finally
        {
            await AdminAsync($"GRANT INSERT ON ledger.mt_events TO \"{host.ServiceRole}\"");
        }

        failed.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var logs = string.Join("\n", host.Lines);
        logs.ShouldContain("42501");
        logs.ShouldNotContain(iban);
        logs.ShouldNotContain(iban[4..]);
        logs.ShouldNotContain("Quenottelog");
        logs.ShouldNotContain("Zephyrinelog");
    }
}
