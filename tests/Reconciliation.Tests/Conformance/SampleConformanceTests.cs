using Newtonsoft.Json.Linq;
using Reconciliation.Output;
using Reconciliation.Statements;
using Snapshooter;
using Snapshooter.Xunit;

namespace Reconciliation.Tests.Conformance;

public sealed class SampleConformanceTests
{
    public static TheoryData<string> Files() => new(ExpectedSamples.All.Keys.Order(StringComparer.Ordinal));

    public static TheoryData<string> NegativeFiles() => new(ExpectedSamples.Negative.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(Files))]
    public void Sample_ParsedWithDetectedFormat_HasHandCountedStatementsEntriesBalancesAndSums(string relative)
    {
        var (format, balanced, expected) = ExpectedSamples.All[relative];
        var file = Parse(relative);

        file.Format.ShouldBe(format);
        file.Statements.Count.ShouldBe(expected.Length);
        for (var i = 0; i < expected.Length; i++)
        {
            var s = file.Statements[i];
            var e = expected[i];
            ((long?)s.OpeningBalance?.Cents).ShouldBe(e.Opening, $"statement {i + 1} opening");
            ((long?)s.ClosingBalance?.Cents).ShouldBe(e.Closing, $"statement {i + 1} closing");
            s.Entries.Count.ShouldBe(e.Entries, $"statement {i + 1}");
            s.Entries.Sum(x => x.Amount.Cents).ShouldBe(e.Sum, $"statement {i + 1}");
        }
        var balanceWarnings = file.Warnings.Where(w => w.Contains("closing balance", StringComparison.Ordinal)
            || w.Contains("not checked", StringComparison.Ordinal) || w.Contains("no opening", StringComparison.Ordinal));
        if (balanced) balanceWarnings.ShouldBeEmpty();
        else balanceWarnings.ShouldNotBeEmpty();
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Sample_NormalizedJson_MatchesSnapshot(string relative)
    {
        var json = StatementJson.ToJson(Parse(relative));
        Snapshot.Match(JToken.Parse(json), SnapshotNameExtension.Create(Path.GetFileNameWithoutExtension(relative)));
    }

    [Theory]
    [MemberData(nameof(NegativeFiles))]
    public void NegativeSample_Parsed_IsRejectedWithAReasonNamingTheElement(string relative)
    {
        var ex = Should.Throw<StatementFormatException>(() => Parse(relative));
        ex.Message.ShouldContain(ExpectedSamples.Negative[relative]);
        ex.Location.ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public void SampleFolder_EveryFile_HasAnExpectation()
    {
        var root = SharedSamples.StatementsDirectory();
        var files = Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(root, f).Replace('\\', '/'))
            .Where(f => !f.EndsWith(".md", StringComparison.Ordinal))
            .ToList();
        files.ShouldNotBeEmpty();
        files.Where(f => !ExpectedSamples.All.ContainsKey(f) && !ExpectedSamples.Negative.ContainsKey(f)).ShouldBeEmpty();
    }

    private static StatementFile Parse(string relative)
    {
        using var stream = File.OpenRead(SharedSamples.File(relative));
        return StatementParser.Parse(stream);
    }
}
