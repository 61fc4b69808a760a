using System.Text.Json.Nodes;
using Bench.Report;

namespace Bench.Report.Tests;

public class ReportTests
{
    private static readonly JsonObject Machine = new() { ["command"] = "bash tests/Benchmarks/run", ["scale"] = "full", ["runs"] = 3, ["cores"] = 2 };

    private const string RentRun = """
        {"row":"rent-run","notices":125000,"runs":[137.9,138.4,140.2],"medianSeconds":138.4,"minSeconds":137.9,"maxSeconds":140.2,
         "reference":{"label":"COPY of the same rows","seconds":9.5}}
        """;

    private static BuiltReport Build(params string[] files) =>
        Report.Build(Results.FromJson(Machine, files), new Dictionary<string, string>(), []);

    [Theory]
    [InlineData(1.0, "met")]
    [InlineData(0.4, "met")]
    [InlineData(2.3, "missed by 2.3×")]
    [InlineData(2.31, "missed by 2.4×")]
    [InlineData(1.01, "missed by 1.1×")]
    public void Verdict_Factor_RoundsUpSoAMissIsNeverShownAsMet(double factor, string expected) =>
        Report.Verdict(factor).ShouldBe(expected);

    [Fact]
    public void RentRun_138SecondsFor125000_MissedBy2Point4WithCopyBeside()
    {
        var report = Build(RentRun);
        var row = report.Rows.Single(r => r.Id == "rent-run");
        row.Status.ShouldBe("missed by 2.4×");
        row.Figure.ShouldContain("138.4 s (137.9–140.2)");
        row.Reference.ShouldContain("COPY of the same rows: 9.50 s");
        report.Markdown.ShouldContain("| missed by 2.4× |");
    }

    [Fact]
    public void RentRun_SmallerRun_HeldToTheSameRate()
    {
        var row = Build("""{"row":"rent-run","notices":12500,"medianSeconds":3,"reference":{"label":"COPY","seconds":1}}""").Rows.Single(r => r.Id == "rent-run");
        row.Target.ShouldBe("≤ 6.0 s (60 s per 125,000)");
        row.Status.ShouldBe("met");
    }

    [Fact]
    public void LedgerPayments_300AgainstPgbench1000_MissedBy1Point7()
    {
        var row = Build("""
            {"rows":[{"row":"ledger-payments-c8","concurrency":8,"medianPerSecond":300,"minPerSecond":290,"maxPerSecond":310,"p50Ms":20,"p99Ms":60,
              "reference":{"label":"pgbench","perSecond":1000}}]}
            """).Rows.Single(r => r.Id == "ledger-payments-c8");
        row.Status.ShouldBe("missed by 1.7×");
        row.Figure.ShouldContain("30 % of the reference");
    }

    [Fact]
    public void Build_RowWithoutItsProgram_SaysNotMeasuredLoudly()
    {
        var report = Build(RentRun);
        report.Missing.ShouldContain("bulk-posting");
        report.Missing.ShouldContain("e2e");
        report.Missing.ShouldNotContain("rent-run");
        report.Rows.Single(r => r.Id == "bulk-posting").Status.ShouldBe(Report.NotMeasured);
        report.Markdown.ShouldContain("row(s) not measured: program missing");
        report.Markdown.ShouldContain("bulk-posting");
    }

    [Fact]
    public void Build_MissedRow_InlinesItsExplanationOrSaysNoneIsWritten()
    {
        var results = Results.FromJson(Machine, RentRun, """{"row":"fec","tenants":125000,"seconds":80}""");
        var explained = Report.Build(results, new Dictionary<string, string> { ["rent-run"] = "Marten's SaveChanges takes 80 % of the time." }, []);
        explained.Markdown.ShouldContain("Marten's SaveChanges takes 80 % of the time.");
        explained.Markdown.ShouldContain("section `## fec`");
    }

    [Fact]
    public void Fec_MeasuredOnce_SaysOneRun()
    {
        var row = Build("""{"row":"fec","tenants":125000,"seconds":41.2,"peakMb":193}""").Rows.Single(r => r.Id == "fec");
        row.Figure.ShouldBe("41.2 s, peak 193 MB, 1 run");
        row.Status.ShouldBe("met");
    }

    [Fact]
    public void Webhooks_FastButSlowP99_MissedByTheLatencyFactor()
    {
        var row = Build("""
            {"row":"webhooks","concurrency":16,"medianPerSecond":2500,"p99Ms":100,"errors":0,"reference":{"label":"static","perSecond":6000,"p99Ms":20}}
            """).Rows.Single(r => r.Id == "webhooks");
        row.Status.ShouldBe("missed by 2.0×");
    }

    [Fact]
    public void Parse_PeerThatCannotReadTheFile_SaysSoAndOursIsComparedToTheOthers()
    {
        var report = Build("""
            {"row":"parse","runs":1,"points":[
             {"parser":"cat camt053","format":"camt053","entries":10000,"bytes":10485760,"ok":true,"medianSeconds":0.05,"minSeconds":0.05,"maxSeconds":0.05,"peakMb":2,"error":""},
             {"parser":"recon parse camt053","format":"camt053","entries":10000,"bytes":10485760,"ok":true,"medianSeconds":1,"minSeconds":1,"maxSeconds":1,"peakMb":50,"error":""},
             {"parser":"iso20022.js (1 run)","format":"camt053","entries":10000,"bytes":10485760,"ok":false,"medianSeconds":9,"minSeconds":9,"maxSeconds":9,"peakMb":230,"error":"Cannot read properties of undefined"}]}
            """);
        var row = report.Rows.Single(r => r.Id == "parse-camt053");
        row.Reference.ShouldContain("iso20022.js (1 run) cannot read the file (Cannot read properties of undefined)");
        row.Figure.ShouldContain("ours 10.0 MB/s, 50 MB");
        row.Status.ShouldBe("met");
        report.Missing.ShouldNotContain("parse-camt053");
        report.Missing.ShouldContain("parse-mt940");
    }

    [Fact]
    public void Parse_SlowerThanAPeerOrGrowingMemory_Missed()
    {
        var row = Build("""
            {"row":"parse","runs":1,"points":[
             {"parser":"recon parse mt940","format":"mt940","entries":10000,"bytes":2000000,"ok":true,"medianSeconds":1,"peakMb":40,"error":""},
             {"parser":"mt940js","format":"mt940","entries":10000,"bytes":2000000,"ok":true,"medianSeconds":0.5,"peakMb":100,"error":""},
             {"parser":"recon parse mt940","format":"mt940","entries":100000,"bytes":20000000,"ok":true,"medianSeconds":3,"peakMb":60,"error":""},
             {"parser":"mt940js","format":"mt940","entries":100000,"bytes":20000000,"ok":true,"medianSeconds":4,"peakMb":300,"error":""}]}
            """).Rows.Single(r => r.Id == "parse-mt940");
        row.Status.ShouldBe("missed by 2.0×"); // twice mt940js' time at 10k; memory grew 1.5× (1.2 over the 1.25 allowed)
    }

    [Fact]
    public void Match_SuperLinear_MissedEvenUnderFiveSeconds()
    {
        var row = Build("""
            {"row":"match","sizes":[{"tenants":13200,"entries":10000,"openItems":13000,"medianSeconds":0.2,"peakMb":60},
                                    {"tenants":165000,"entries":125000,"openItems":170000,"medianSeconds":4.5,"minSeconds":4.4,"maxSeconds":4.7,"peakMb":300}]}
            """).Rows.Single(r => r.Id == "match");
        row.Status.ShouldBe("missed by 1.2×"); // 4.5 s ≤ 5 s, but 1.8× the time per entry of 10k (1.5× allowed)
        row.Reference.ShouldContain("10k: 0.20 s");
    }

    [Fact]
    public void MatchRates_OneWrongTenant_Missed()
    {
        var row = Build("""
            {"row":"match-rates","tenants":3000,"automaticPercent":99.5,"wrongTenantAuto":1,"cards":[{"seed":42,"format":"mt940","matchable":2000}]}
            """).Rows.Single(r => r.Id == "match-rates");
        row.Status.ShouldBe("missed: 1 automatic on a wrong tenant");
    }

    [Fact]
    public void Load_ErrorOtherThan429_Missed()
    {
        var row = Build("""
            {"row":"load","seconds":120,"requests":50000,"errorsOther":3,"count429":40,"p99Ms":80,"memoryBeforeMb":120,"memoryAfterMb":130}
            """).Rows.Single(r => r.Id == "load");
        row.Status.ShouldBe("missed: 3 errors other than 429");
    }

    [Fact]
    public void Explanations_Parse_SplitsBySectionId()
    {
        var parsed = Explanations.Parse("# intro\n\n## rent-run\nSaveChanges.\n\n## lookup\nOne HTTP call.\nTwo lines.\n");
        parsed["rent-run"].ShouldBe("SaveChanges.");
        parsed["lookup"].ShouldBe("One HTTP call.\nTwo lines.");
    }

    [Fact]
    public void Charts_LookupCurve_OnePolylinePerSeriesAndAxesFromZero()
    {
        var results = Results.FromJson(Machine, """
            {"row":"lookup","curve":[{"rate":100,"p50Ms":5,"p99Ms":9,"staticP50Ms":1,"staticP99Ms":2},{"rate":500,"p50Ms":300,"p99Ms":1000,"staticP50Ms":2,"staticP99Ms":20}]}
            """);
        var svg = Charts.All(results)["lookup-latency.svg"];
        svg.ShouldStartWith("<svg");
        System.Text.RegularExpressions.Regex.Matches(svg, "<polyline").Count.ShouldBe(4);
        svg.ShouldContain(">1000<"); // y axis rounded up to 1000 ms
        svg.ShouldContain("static 200 p99");
    }

    [Fact]
    public void Results_Load_ReadsSingleAndMultiRowFilesAndTheMachine()
    {
        var dir = Directory.CreateTempSubdirectory("bench-report-test").FullName;
        try
        {
            File.WriteAllText(Path.Combine(dir, "machine.json"), """{"cores":2,"command":"x"}""");
            File.WriteAllText(Path.Combine(dir, "ledger.json"), """{"rows":[{"row":"rent-run","notices":1},{"row":"postgres","fsync":"on"}]}""");
            File.WriteAllText(Path.Combine(dir, "fec.json"), """{"row":"fec","seconds":1}""");
            var results = Results.Load(dir);
            results.Rows.Keys.Order().ShouldBe(["fec", "postgres", "rent-run"]);
            results.Machine["cores"]!.GetValue<int>().ShouldBe(2);
            Report.Build(results, new Dictionary<string, string>(), []).Markdown.ShouldContain("fsync on");
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
