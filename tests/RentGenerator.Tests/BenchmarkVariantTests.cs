using Reconciliation.Statements;

namespace RentGenerator.Tests;

/// <summary>
/// The benchmarks (tests/Benchmarks/run) generate with <c>SingleDirectDebits</c> (each direct debit its own credit) and read
/// every file by name: the files they read parse, the entries are the truth's, and no written file escapes the tests.
/// </summary>
public sealed class BenchmarkVariantTests
{
    private static readonly string[] KnownFiles =
    [
        Output.RentRoll, Output.TruthFile, Output.Cfonb, Output.Camt053, Output.Mt940, Output.SddDetails, Output.ChequeSlips,
        Output.Eficash, Output.Adyen, Output.Webhooks, Output.OpenItems,
    ];

    [Fact]
    public void WriteAll_EveryFileWritten_IsOneTheParsingTestsRead()
    {
        using var folder = new GeneratedFolder();

        // A new output file must get a parsing test (ParsingTests) before it is added to this list.
        folder.Files.Select(f => System.IO.Path.GetFileName(f)).Distinct().Order(StringComparer.Ordinal)
            .ShouldBe(KnownFiles.Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData(Output.Cfonb, StatementFormat.Cfonb120)]
    [InlineData(Output.Camt053, StatementFormat.Camt053)]
    [InlineData(Output.Mt940, StatementFormat.Mt940)]
    public void SingleDirectDebits_Statement_ParsesAndEveryEntryIsInTheTruth(string name, StatementFormat format)
    {
        var options = GeneratedFolder.Options with { Months = 1, SingleDirectDebits = true };
        var dir = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "rentgen-single-" + Guid.NewGuid().ToString("N"));
        try
        {
            var generated = Generator.Generate(options);
            Output.WriteAll(generated, dir);
            var month = Generator.MonthFolder(options.FirstMonth);
            var truth = TruthReader.Read(System.IO.Path.Combine(dir, Output.TruthFile)).Entries.Where(e => e.Month == month)
                .ToDictionary(e => e.BankReference, StringComparer.Ordinal);
            using var s = File.OpenRead(System.IO.Path.Combine(dir, month, name));
            var file = StatementParser.Parse(s, format);
            var entries = file.Statements.SelectMany(x => x.Entries).ToList();

            file.Warnings.ShouldBeEmpty();
            entries.Count.ShouldBe(generated.Months[0].Entries.Count);
            entries.Count.ShouldBe(truth.Count);
            entries.Sum(e => e.Amount.Cents).ShouldBe(truth.Values.Sum(t => t.Cents));
            foreach (var e in entries) truth[e.BankReference!].Cents.ShouldBe(e.Amount.Cents, e.BankReference);
        }
        finally
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
    }
}
