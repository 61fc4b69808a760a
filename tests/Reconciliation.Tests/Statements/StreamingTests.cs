using NodaTime;
using Reconciliation.Statements;
using Reconciliation.Tests.Fixtures;
using RentGenerator;

namespace Reconciliation.Tests.Statements;

/// <summary>The streaming API gives exactly what the whole-file parse gives, entry by entry, balance warnings included.</summary>
public sealed class StreamingTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "recon-stream-" + Guid.NewGuid().ToString("N"));

    public StreamingTests() =>
        RentGenerator.Output.WriteAll(Generator.Generate(new GeneratorOptions(5, 300, new YearMonth(2026, 11), BreakBalance: true)), _dir);

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Theory]
    [InlineData(RentGenerator.Output.Cfonb, StatementFormat.Cfonb120)]
    [InlineData(RentGenerator.Output.Camt053, StatementFormat.Camt053)]
    [InlineData(RentGenerator.Output.Mt940, StatementFormat.Mt940)]
    [InlineData(RentGenerator.Output.SddDetails, StatementFormat.Camt054)]
    [InlineData(RentGenerator.Output.ChequeSlips, StatementFormat.ChequeSlip)]
    public void Open_EntriesOneByOne_AreThoseOfParse(string name, StatementFormat format)
    {
        var path = Path.Combine(_dir, "2026-11", name);
        StatementFile whole;
        using (var s = File.OpenRead(path)) whole = StatementParser.Parse(s, format);
        using var stream = File.OpenRead(path);
        using var reader = StatementParser.Open(stream, format);

        var streamed = reader.Entries().ToList();

        Json(streamed).ShouldBe(Json(whole.Statements.SelectMany(x => x.Entries).ToList()));
        reader.Format.ShouldBe(whole.Format);
        reader.Warnings.ShouldBe(whole.Warnings);
        reader.Statements.Select(x => (x.Account, x.OpeningBalance, x.ClosingBalance, x.EntryCount))
            .ShouldBe(whole.Statements.Select(x => (x.Account, x.OpeningBalance, x.ClosingBalance, x.Entries.Count)));
        if (format is StatementFormat.Cfonb120 or StatementFormat.Camt053 or StatementFormat.Mt940) reader.Warnings.ShouldHaveSingleItem();
    }

    /// <summary>Records hold lists, compared by reference: compare what <c>recon parse --json</c> would print instead.</summary>
    private static string Json(List<StatementEntry> entries) =>
        Reconciliation.Output.StatementJson.ToJson(new StatementFile("x", [new Statement("a", "EUR", null, null, null, null, entries)], []));

    [Fact]
    public void Open_EntriesTwice_IsRefused()
    {
        using var s = File.OpenRead(Path.Combine(_dir, "2026-11", RentGenerator.Output.Cfonb));
        using var reader = StatementParser.Open(s, StatementFormat.Cfonb120);
        _ = reader.Entries().Count();
        Should.Throw<InvalidOperationException>(() => reader.Entries().Count());
    }

    [Fact]
    public void Open_BadLineAfterGoodEntries_ThrowsWhenReached()
    {
        var text = ":20:X\n:25:ACC\n:60F:C261231EUR0,\n:61:261231C5,NTRFNONREF\n:61:261231C5.00NTRFNONREF\n:62F:C270102EUR10,\n";
        using var reader = StatementParser.Open(FixtureFiles.Text(text), StatementFormat.Mt940);
        var seen = 0;
        var ex = Should.Throw<StatementFormatException>(() => { foreach (var _ in reader.Entries()) seen++; });
        ex.Location.ShouldBe("line 5, field :61:");
        seen.ShouldBe(1);
    }
}
