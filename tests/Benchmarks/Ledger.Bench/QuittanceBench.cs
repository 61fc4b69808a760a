using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net.Http.Json;
using LocalPostgres;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Bench;

/// <summary>
/// The month's quittances as one zip (issue 12 §2): N tenants with a loyer + charges notice, three in four paid in full and
/// the others in part, then the batch produced twice (time, size, same bytes). A figure, not a test:
///   dotnet run -c Release --project tests/Benchmarks/Ledger.Bench -- quittances [--tenants 2000]
/// </summary>
public static class QuittanceBench
{
    public static async Task RunAsync(string[] args)
    {
        var i = Array.IndexOf(args, "--tenants");
        var tenants = i >= 0 && i + 1 < args.Length ? int.Parse(args[i + 1], CultureInfo.InvariantCulture) : 2000;
        await using var postgres = await ThrowawayPostgres.StartAsync(fast: false);
        var db = await postgres.CreateDatabaseAsync("ledger_quittance_bench");
        const string key = "bench-key-0123456789abcdef";
        var app = Ledger.Api.LedgerApp.Build([
            "--urls=http://127.0.0.1:0", $"--ConnectionStrings:Ledger={db}", "--Ledger:ApiKeys:0:Name=bench", $"--Ledger:ApiKeys:0:Key={key}",
            "--Ledger:ApiKeys:0:Scopes=landlords:write notices:write notices:read payments:write", "--Ledger:ApiKeys:0:Landlords=*",
            "--Logging:LogLevel:Default=Warning",
        ]);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient { BaseAddress = new Uri(address + "/landlords/bench/"), Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key);
        (await http.PutAsJsonAsync(address + "/landlords/bench", new { name = "Bench Habitat", tenantReferencePattern = "^\\d{6}/\\d{2}$" })).EnsureSuccessStatusCode();
        var notices = Enumerable.Range(0, tenants).Select(n => new
        {
            tenantReference = $"{400000 + n:000000}/01", tenantName = $"Locataire {n}", noticeReference = $"2026-11/{400000 + n:000000}",
            period = "2026-11", dueDate = "2026-11-05",
            lines = new[] { new { kind = "Rent", label = "Loyer", amount = "450.00" }, new { kind = "Charges", label = "Provisions pour charges", amount = "95.30" } },
        });
        (await http.PostAsJsonAsync("notices/import", new { notices })).EnsureSuccessStatusCode();
        Console.WriteLine($"{tenants} notices imported; paying them (three in four in full)…");
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, 8).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < tenants)
            {
                var id = $"transfer:Q-{n}";
                using var request = new HttpRequestMessage(HttpMethod.Post, "payments")
                {
                    Content = JsonContent.Create(new
                    {
                        paymentId = id, tenantReference = $"{400000 + n:000000}/01", channel = "Transfer", amount = n % 4 == 3 ? "200.00" : "545.30",
                        currency = "EUR", receivedOn = "2026-11-05", noticeReference = $"2026-11/{400000 + n:000000}",
                        externalReferences = new Dictionary<string, string> { ["bankReference"] = $"Q-{n}" },
                    }),
                };
                request.Headers.Add("Idempotency-Key", id);
                using var response = await http.SendAsync(request);
                response.EnsureSuccessStatusCode();
            }
        }));
        var first = Stopwatch.StartNew();
        var a = await http.GetByteArrayAsync("receipts/quittances?period=2026-11");
        first.Stop();
        var second = Stopwatch.StartNew();
        var b = await http.GetByteArrayAsync("receipts/quittances?period=2026-11");
        second.Stop();
        using var zip = new ZipArchive(new MemoryStream(a));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"month's quittances: {zip.Entries.Count} PDFs of {tenants} notices, {a.Length / 1024.0 / 1024.0:F1} MB, first {first.Elapsed.TotalSeconds:F2} s, again {second.Elapsed.TotalSeconds:F2} s, same bytes {a.AsSpan().SequenceEqual(b)}"));
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, PostgreSQL 15 ({(postgres.IsThrowaway ? "throwaway cluster" : "server of RENT_PG_CONNECTION")}), .NET {Environment.Version}");
        await app.StopAsync();
    }
}
