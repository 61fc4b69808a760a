using System.Text.Json;
using Reconciliation.Cli;

namespace Reconciliation.Tests.Cli;

public sealed class ReconCommandTests
{
    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = ReconCommand.Run(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void Parse_CfonbFileAsJson_PrintsNormalizedStatements()
    {
        var (code, output, err) = Run("parse", Fixture("cfonb-rent.txt"), "--json");

        code.ShouldBe(0, err);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        root.GetProperty("format").GetString().ShouldBe("cfonb120");
        var s = root.GetProperty("statements")[0];
        s.GetProperty("openingBalance").GetString().ShouldBe("1000.00");
        s.GetProperty("closingDate").GetString().ShouldBe("2026-11-04");
        var entries = s.GetProperty("entries");
        entries.GetArrayLength().ShouldBe(3);
        entries[2].GetProperty("amount").GetString().ShouldBe("-450.00");
        entries[2].GetProperty("isReversal").GetBoolean().ShouldBeTrue();
        root.GetProperty("warnings").GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public void Parse_InvalidFile_ExitsNonZeroWithOneLineNamingTheLine()
    {
        var path = Path.Combine(Path.GetTempPath(), $"recon-bad-{Environment.ProcessId}.txt");
        File.WriteAllText(path, "99 not a statement\n");
        try
        {
            var (code, output, err) = Run("parse", path, "--format", "cfonb120", "--json");
            code.ShouldBe(ReconCommand.InvalidInput);
            output.ShouldBeEmpty();
            err.TrimEnd().ShouldNotContain('\n');
            err.ShouldContain("line 1");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Parse_UnknownFormat_IsAUsageError()
    {
        var (code, _, err) = Run("parse", Fixture("cfonb-rent.txt"), "--format", "ofx");
        code.ShouldBe(ReconCommand.Usage);
        err.ShouldContain("unknown format 'ofx'");
    }

    [Fact]
    public void Match_OpenItemsAndStatementAsJson_GivesOneResultPerEntryAndASummary()
    {
        var (code, output, err) = Run("match", "--open-items", Fixture("open-items.csv"), "--statement", Fixture("cfonb-rent.txt"), "--json");

        code.ShouldBe(0, err);
        using var doc = JsonDocument.Parse(output);
        var results = doc.RootElement.GetProperty("results");
        results.GetArrayLength().ShouldBe(3);
        var first = results[0];
        first.GetProperty("decision").GetString().ShouldBe("auto");
        var alloc = first.GetProperty("allocations")[0];
        alloc.GetProperty("tenantReference").GetString().ShouldBe("123456/01");
        alloc.GetProperty("noticeReference").GetString().ShouldBe("2026-11/000123");
        alloc.GetProperty("amount").GetString().ShouldBe("512.30");
        first.GetProperty("confidence").GetDecimal().ShouldBe(0.99m);
        var summary = doc.RootElement.GetProperty("summary");
        summary.GetProperty("auto").GetProperty("count").GetInt32().ShouldBe(1);
        summary.GetProperty("auto").GetProperty("amount").GetString().ShouldBe("512.30");
        summary.GetProperty("unmatched").GetProperty("count").GetInt32().ShouldBe(2);
    }

    [Fact]
    public void Match_WithoutJson_PrintsATableAndTheSummary()
    {
        var (code, output, _) = Run("match", "--open-items", Fixture("open-items.csv"), "--statement", Fixture("cfonb-rent.txt"));
        code.ShouldBe(0);
        output.ShouldContain("decision");
        output.ShouldContain("auto");
        output.ShouldContain("123456/01 2026-11/000123 512.30");
    }

    [Fact]
    public void Match_MissingOpenItems_IsAUsageError()
    {
        var (code, _, err) = Run("match", "--statement", Fixture("cfonb-rent.txt"));
        code.ShouldBe(ReconCommand.Usage);
        err.ShouldContain("--open-items");
    }

    [Fact]
    public void Match_InvalidOpenItems_NamesLineAndColumn()
    {
        var path = Path.Combine(Path.GetTempPath(), $"recon-items-{Environment.ProcessId}.csv");
        File.WriteAllText(path, "tenant_reference,tenant_name,notice_reference,rf_reference,period,due_date,amount_due,currency,known_ibans\n123456/01,X,2026-11/1,RF17539007547034,2026-11,2026-11-05,1.00,EUR,\n");
        try
        {
            var (code, _, err) = Run("match", "--open-items", path, "--statement", Fixture("cfonb-rent.txt"));
            code.ShouldBe(ReconCommand.InvalidInput);
            err.ShouldContain("line 2: rf_reference");
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Match_WithChequeSlipDetails_SplitsTheDepositOverTenants()
    {
        var (code, output, err) = Run("match", "--open-items", Fixture("open-items.csv"), "--statement", Fixture("cfonb-rent.txt"),
            "--details", Fixture("cheque-slip.csv"), "--json");

        code.ShouldBe(0, err);
        using var doc = JsonDocument.Parse(output);
        var deposit = doc.RootElement.GetProperty("results")[1];
        deposit.GetProperty("evidence")[0].GetString()!.ShouldStartWith("la remise de chèques 0001234 de 800,00\u202f€");
        deposit.GetProperty("allocations").EnumerateArray().Select(a => a.GetProperty("tenantReference").GetString()).ShouldBe(["123456/01", "345678/01"]);
        deposit.GetProperty("transactions").EnumerateArray().Select(t => t.GetProperty("decision").GetString()).ShouldBe(["auto", "suggested"]);
    }

    [Theory]
    [InlineData(RentGenerator.Output.Cfonb)]
    [InlineData(RentGenerator.Output.Camt053)]
    [InlineData(RentGenerator.Output.Mt940)]
    public void Parse_StreamedJson_HoldsWhatTheWholeParseHolds(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "recon-json-" + Guid.NewGuid().ToString("N"));
        try
        {
            RentGenerator.Output.WriteAll(RentGenerator.Generator.Generate(new RentGenerator.GeneratorOptions(3, 200, new NodaTime.YearMonth(2026, 11))), dir);
            var path = Path.Combine(dir, "2026-11", name);
            var (code, output, err) = Run("parse", path, "--json");
            Reconciliation.Statements.StatementFile whole;
            using (var f = File.OpenRead(path)) whole = Reconciliation.Statements.StatementParser.Parse(f);

            code.ShouldBe(0, err);
            using var streamed = JsonDocument.Parse(output);
            using var expected = JsonDocument.Parse(Reconciliation.Output.StatementJson.ToJson(whole));
            var a = streamed.RootElement.GetProperty("statements").EnumerateArray().ToList();
            var b = expected.RootElement.GetProperty("statements").EnumerateArray().ToList();
            a.Count.ShouldBe(b.Count);
            for (var i = 0; i < a.Count; i++)
            {
                foreach (var key in new[] { "account", "currency", "openingBalance", "closingBalance", "openingDate", "closingDate", "entries" })
                {
                    a[i].GetProperty(key).GetRawText().ShouldBe(b[i].GetProperty(key).GetRawText(), key);
                }
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
