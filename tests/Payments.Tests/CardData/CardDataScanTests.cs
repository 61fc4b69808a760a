using System.Diagnostics;
using System.Reflection;
using System.Text.RegularExpressions;
using Npgsql;
using Payments.Tests.Support;

namespace Payments.Tests.CardData;

[CollectionDefinition(CardDataScanLast.ScanCollection)]
public sealed class CardDataScanCollection;

/// <summary>
/// Runs after every other test (see <see cref="CardDataScanLast"/>): a pg_dump of every database our services owned during
/// the run, and every log our hosts wrote, hold no Luhn-valid 13–19 digit run and no 4111111111111111, although the browser
/// test typed that card on the PSP's page and the simulator sent card summaries in webhooks.
/// </summary>
[Collection(CardDataScanLast.ScanCollection)]
public sealed partial class CardDataScanTests
{
    [Fact]
    public void Scanner_FindsTheTestCardAndSpacedPans_AndIgnoresOrdinaryNumbers()
    {
        CardDataScan.Findings("paid with 4111 1111 1111 1111 today").ShouldContain(CardDataScan.TestCard);
        CardDataScan.Findings("(5500-0000-0000-0004)").ShouldNotBeEmpty();
        CardDataScan.Findings("pan=5555555555554444;").ShouldNotBeEmpty();
        CardDataScan.Findings("amex 3782 822463 10005.").ShouldNotBeEmpty();
        // A GUID whose first groups happen to be digits that pass Luhn is not a card number.
        CardDataScan.Luhn("4111111111111111").ShouldBeTrue();
        CardDataScan.Findings("\"id\": \"41111111-1111-1111-abcd-ef0123456789\"").ShouldBeEmpty();
        CardDataScan.Findings("amount 512.30 on 2026-11-05, psp ZVWN7D3WSMK2WN82, id 1234567890").ShouldBeEmpty();
    }

    [Fact]
    public async Task PgDumpOfEveryDatabaseOurServicesOwn_HoldsNoCardNumber()
    {
        var databases = PaymentsStack.OwnedDatabases.Distinct().ToList();
        databases.Count.ShouldBeGreaterThan(0, "the scan runs after the suite: it needs the databases the other tests used");
        var findings = new List<string>();
        long bytes = 0;
        foreach (var connection in databases)
        {
            var dump = await PgDumpAsync(connection);
            bytes += dump.Length;
            var db = new NpgsqlConnectionStringBuilder(connection).Database;
            File.WriteAllText(Path.Combine(TestPaths.ArtifactsDir("scan"), db + ".sql"), dump);
            findings.AddRange(CardDataScan.Findings(dump).Select(f => $"{db}: {f[..4]}…{f[^4..]}"));
        }
        findings.ShouldBeEmpty();
        File.WriteAllText(Path.Combine(TestPaths.ArtifactsDir("scan"), "summary.txt"),
            $"pg_dump scan: {databases.Count} databases, {bytes} characters, {findings.Count} findings\n");
        bytes.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void EveryLogOurHostsWrote_HoldsNoCardNumber()
    {
        var files = Directory.GetFiles(CapturedLogs.LogDirectory, "*.log");
        files.ShouldContain(f => f.EndsWith("payments.log", StringComparison.Ordinal));
        var findings = new List<string>();
        long bytes = 0;
        foreach (var file in files)
        {
            var text = File.ReadAllText(file);
            bytes += text.Length;
            findings.AddRange(CardDataScan.Findings(text).Select(f => $"{Path.GetFileName(file)}: {f[..4]}…{f[^4..]}"));
        }
        findings.ShouldBeEmpty();
        bytes.ShouldBeGreaterThan(0);
        File.AppendAllText(Path.Combine(TestPaths.ArtifactsDir("scan"), "summary.txt"), $"log scan: {files.Length} files, {bytes} characters, {findings.Count} findings\n");
    }

    [GeneratedRegex("card.?num|^pan$|primaryaccount|cvv|cvc|cvn|^cid$|securitycode|expiry|expiration|expdate|exp(iry)?month|exp(iry)?year|track.?[12]|trackdata|magstripe|cardholder|holdername|cardsummary|cardbin",
        RegexOptions.IgnoreCase)]
    private static partial Regex CardLikeName();

    [Fact]
    public void OurAssemblies_HaveNoMemberNamedLikeCardData()
    {
        var assemblies = new[]
        {
            typeof(Api.PaymentsApp).Assembly, typeof(Primitives.Money).Assembly, typeof(Ledger.Api.LedgerApp).Assembly,
            typeof(Reconciliation.Statements.StatementParser).Assembly, typeof(Reconciliation.Cli.ReconCommand).Assembly,
        };
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var names = new List<string>();
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            names.Add(type.FullName ?? type.Name);
            foreach (var member in type.GetMembers(all))
            {
                names.Add($"{type.Name}.{member.Name}");
                if (member is MethodBase method) names.AddRange(method.GetParameters().Select(p => $"{type.Name}.{member.Name}({p.Name})"));
            }
        }
        names.Count.ShouldBeGreaterThan(500);
        // The member's (or parameter's) own name, not the generated type names around it.
        names.Where(n => CardLikeName().IsMatch(n.Split('.', '(', '<', '>').Last(s => s.Length > 0).TrimEnd(')'))).ShouldBeEmpty();
        CardLikeName().IsMatch("CardNumber").ShouldBeTrue();
        CardLikeName().IsMatch("Cvc").ShouldBeTrue();
        CardLikeName().IsMatch("ExpiryDate").ShouldBeTrue();
    }

    private static async Task<string> PgDumpAsync(string connection)
    {
        var c = new NpgsqlConnectionStringBuilder(connection);
        var psi = new ProcessStartInfo("pg_dump") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-h", c.Host!, "-p", c.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-U", c.Username!, "-d", c.Database!, "--no-owner" })
        {
            psi.ArgumentList.Add(arg);
        }
        psi.Environment["PGPASSWORD"] = c.Password;
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("pg_dump could not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"pg_dump failed: {error}");
        return await output;
    }
}
