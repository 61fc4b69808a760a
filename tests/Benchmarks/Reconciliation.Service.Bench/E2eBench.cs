using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using LocalPostgres;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using RentGenerator;

namespace Reconciliation.Service.Bench;

/// <summary>
/// End to end (issue 10's last row): a generated CFONB 120 of about --entries entries uploaded to the reconciliation service
/// over HTTP, until its posting queue is empty (every automatic match a ledger payment); the service's peak memory (its own
/// process, VmHWM); then the review page's time. Needs reconciliation/Reconciliation.Api built in Release
/// (dotnet build -c Release reconciliation/Reconciliation.Api). The generator's month gives about 125,000 CFONB entries for
/// 165,000 tenants (the others pay by direct debit, card or cheque), hence the tenants asked for.
/// </summary>
internal static class E2eBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var entries = BenchArgs.Int(args, "--entries", 125_000);
        var tenants = (int)Math.Ceiling(entries * 165_000.0 / 125_000);
        var seed = (long)BenchArgs.Int(args, "--seed", 42);
        var inv = CultureInfo.InvariantCulture;
        var month = new YearMonth(2026, 11);
        var root = Path.Combine(Path.GetTempPath(), "recon-svc-bench-" + Environment.ProcessId.ToString(inv));
        var sw = Stopwatch.StartNew();
        var generated = Generator.Generate(new GeneratorOptions(seed, tenants, month, SingleDirectDebits: true));
        RentGenerator.Output.WriteAll(generated, root);
        var dir = Path.Combine(root, Generator.MonthFolder(month));
        Console.WriteLine(string.Create(inv, $"generated {tenants:N0} tenants, {generated.Months[0].Entries.Count:N0} bank entries in {sw.Elapsed.TotalSeconds:F1} s"));

        await using var pg = await BenchArgs.ClusterAsync(args);
        var ledgerDb = await pg.CreateServiceDatabaseAsync("bench_ledger", "bench_ledger", BenchArgs.Secret());
        var reconDb = await pg.CreateOwnedServiceDatabaseAsync("bench_recon");
        var opsKey = BenchArgs.Secret();
        var reconKey = BenchArgs.Secret();
        var importKey = BenchArgs.Secret();
        var ledger = Ledger.Api.LedgerApp.Build([
            "--urls=http://127.0.0.1:0", $"--ConnectionStrings:Ledger={ledgerDb}",
            "--Ledger:ApiKeys:0:Name=ops", $"--Ledger:ApiKeys:0:Key={opsKey}",
            "--Ledger:ApiKeys:0:Scopes=landlords:write accounts:read accounts:write notices:read notices:write payments:read payments:write journal:read bank:read",
            "--Ledger:ApiKeys:0:Landlords=*",
            "--Ledger:ApiKeys:1:Name=reconciliation", $"--Ledger:ApiKeys:1:Key={reconKey}",
            "--Ledger:ApiKeys:1:Scopes=notices:read openitems:read accounts:read accounts:write payments:read payments:write journal:read bank:read bank:write",
            "--Ledger:ApiKeys:1:Landlords=gen-habitat",
            "--Ledger:MaxImportBatch=20000", "--Logging:LogLevel:Default=Warning",
        ]);
        await ledger.StartAsync();
        var ledgerUrl = ledger.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/";
        using var ops = new HttpClient { BaseAddress = new Uri(ledgerUrl + "landlords/gen-habitat/"), Timeout = TimeSpan.FromMinutes(30) };
        ops.DefaultRequestHeaders.Add("X-Api-Key", opsKey);
        (await ops.PutAsync("", new StringContent("""{"name":"Gen Habitat","tenantReferencePattern":"^\\d{6}/\\d{2}$"}""", Encoding.UTF8, new MediaTypeHeaderValue("application/json")))).EnsureSuccessStatusCode();
        sw.Restart();
        var lines = await File.ReadAllLinesAsync(Path.Combine(root, RentGenerator.Output.RentRoll));
        for (var start = 1; start < lines.Length; start += 10_000)
        {
            var chunk = string.Join('\n', lines.Skip(start).Take(10_000).Prepend(lines[0]));
            using var r = await ops.PostAsync("notices/import", new StringContent(chunk, Encoding.UTF8, new MediaTypeHeaderValue("text/csv")));
            if (!r.IsSuccessStatusCode) throw new InvalidOperationException(await r.Content.ReadAsStringAsync());
        }
        Console.WriteLine(string.Create(inv, $"rent roll: {lines.Length - 1:N0} notices loaded into the ledger in {sw.Elapsed.TotalSeconds:F0} s (setup, not measured below)"));

        var dll = FindUp(Path.Combine("reconciliation", "Reconciliation.Api", "bin", "Release", "net10.0", "Reconciliation.Api.dll"));
        var port = BenchArgs.FreePort();
        var password = "bench-" + BenchArgs.Secret()[..12];
        var psi = new ProcessStartInfo("dotnet", [dll, $"--urls=http://127.0.0.1:{port}",
            $"--ConnectionStrings:Reconciliation={reconDb.ServiceConnectionString}", $"--ConnectionStrings:ReconciliationOwner={reconDb.OwnerConnectionString}",
            $"--Ledger:BaseUrl={ledgerUrl}", $"--Ledger:ApiKey={reconKey}", "--Ledger:LandlordId=gen-habitat",
            "--Reconciliation:ApiKeys:0:Name=bench", $"--Reconciliation:ApiKeys:0:Key={importKey}",
            "--Reconciliation:Users:0:UserName=compta", $"--Reconciliation:Users:0:Password={password}", "--Reconciliation:Users:0:Roles=Accountant",
            // The import's phase timings (ImportPhases): one line per import, names and durations only.
            "--Logging:LogLevel:Default=Warning", "--Logging:LogLevel:Reconciliation.Api.Imports.ImportService=Information"]) { RedirectStandardOutput = false, UseShellExecute = false };
        using var service = Process.Start(psi)!;
        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        using var api = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromHours(1) };
        api.DefaultRequestHeaders.Add("X-Api-Key", importKey);
        for (var i = 0; i < 300; i++)
        {
            try { using var h = await api.GetAsync("health/live"); if (h.IsSuccessStatusCode) break; } catch (HttpRequestException) { }
            await Task.Delay(200);
        }
        try
        {
            var cfonb = Path.Combine(dir, RentGenerator.Output.Cfonb);
            sw.Restart();
            using var form = new MultipartFormDataContent();
            await using var file = File.OpenRead(cfonb);
            form.Add(new StreamContent(file), "files", Path.GetFileName(cfonb));
            using var response = await api.PostAsync("api/imports", form);
            var body = await response.Content.ReadAsStringAsync();
            response.EnsureSuccessStatusCode();
            var answered = sw.Elapsed;
            JsonElement status;
            do
            {
                status = JsonDocument.Parse(await api.GetStringAsync("api/status")).RootElement.Clone();
                if (status.GetProperty("pending").GetInt64() == 0) break;
                await Task.Delay(500);
            }
            while (true);
            var done = sw.Elapsed;
            var summary = JsonDocument.Parse(body).RootElement;
            Console.WriteLine(string.Create(inv,
                $"import of {summary.GetProperty("entries").GetInt32():N0}-entry CFONB 120 ({new FileInfo(cfonb).Length / 1e6:F1} MB): auto {summary.GetProperty("auto").GetInt32():N0}, suggested {summary.GetProperty("suggested").GetInt32():N0}, unmatched {summary.GetProperty("unmatched").GetInt32():N0}; " +
                $"HTTP answer after {answered.TotalSeconds:F1} s, posting queue empty after {done.TotalSeconds:F1} s: {status.GetProperty("posted").GetInt64():N0} ledger commands posted ({status.GetProperty("posted").GetInt64() / done.TotalSeconds:F0}/s), failed {status.GetProperty("failed").GetInt64()}"));
            var peakMb = PeakMb(service.Id);
            Console.WriteLine(string.Create(inv, $"service peak memory (VmHWM): {peakMb:F0} MB"));
            await BenchArgs.WriteJsonAsync(args, new
            {
                row = "e2e", entries = summary.GetProperty("entries").GetInt32(), seconds = Math.Round(done.TotalSeconds, 1), peakMb = Math.Round(peakMb, 1),
                posted = status.GetProperty("posted").GetInt64(), failed = status.GetProperty("failed").GetInt64(),
                httpAnswerSeconds = Math.Round(answered.TotalSeconds, 1),
            });
            // The review page figure is an extra of the standalone run (--review), not a row of the contract.
            if (!args.Contains("--review")) return 0;

            // The review page, logged in, with what this import left waiting.
            using var browser = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = baseUrl };
            var token = Regex.Match(await browser.GetStringAsync("login"), "name=\"__RequestVerificationToken\" value=\"([^\"]+)\"").Groups[1].Value;
            using (var login = await browser.PostAsync("login", new FormUrlEncodedContent([new("userName", "compta"), new("password", password), new("__RequestVerificationToken", WebUtility.HtmlDecode(token))])))
                if (login.StatusCode != HttpStatusCode.Redirect) throw new InvalidOperationException("login failed");
            var times = new List<double>();
            var size = 0;
            for (var i = 0; i < 6; i++)
            {
                var t = Stopwatch.StartNew();
                size = (await browser.GetStringAsync("review")).Length;
                times.Add(t.Elapsed.TotalMilliseconds);
            }
            times.RemoveAt(0);
            times.Sort();
            Console.WriteLine(string.Create(inv,
                $"review page with {status.GetProperty("review").GetInt64():N0} entries waiting (the 5,000 oldest listed, {size / 1e6:F1} MB of HTML): median {times[times.Count / 2]:F0} ms, max {times[^1]:F0} ms over 5 requests after one warm-up"));
            return 0;
        }
        finally
        {
            service.Kill(entireProcessTree: true);
            await ledger.StopAsync();
            try { Directory.Delete(root, recursive: true); } catch (IOException) { }
        }
    }

        private static double PeakMb(int pid)
        {
            foreach (var line in File.ReadLines($"/proc/{pid}/status"))
                if (line.StartsWith("VmHWM:", StringComparison.Ordinal)) return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) / 1024.0;
            return double.NaN;
        }

        private static string FindUp(string relative)
        {
            for (var d = new DirectoryInfo(AppContext.BaseDirectory); d is not null; d = d.Parent)
                if (File.Exists(Path.Combine(d.FullName, relative))) return Path.Combine(d.FullName, relative);
            throw new FileNotFoundException($"{relative} not found: dotnet build -c Release reconciliation/Reconciliation.Api");
        }
}
