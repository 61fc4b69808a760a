using Ledger.Api.Features.Notices;
using Reconciliation.Matching;
using Reconciliation.Statements;

namespace RentGenerator.Tests;

/// <summary>Every generated file is read by the parser the services use, without error and without warning.</summary>
public sealed class ParsingTests(GeneratedFolder folder) : IClassFixture<GeneratedFolder>
{
    public static TheoryData<string, StatementFormat> MonthFiles() => new()
    {
        { Output.Cfonb, StatementFormat.Cfonb120 },
        { Output.Camt053, StatementFormat.Camt053 },
        { Output.Mt940, StatementFormat.Mt940 },
        { Output.SddDetails, StatementFormat.Camt054 },
        { Output.ChequeSlips, StatementFormat.ChequeSlip },
        { Output.Eficash, StatementFormat.Eficash },
        { Output.Adyen, StatementFormat.AdyenSettlement },
    };

    [Theory]
    [MemberData(nameof(MonthFiles))]
    public void GeneratedFile_ParsesAsItsFormat_WithoutWarnings(string name, StatementFormat format)
    {
        foreach (var m in folder.Generated.Months)
        {
            using var s = File.OpenRead(folder.MonthFile(m.Period, name));
            StatementParser.Detect(s).ShouldBe(format, name);
            var file = StatementParser.Parse(s, format);

            file.Statements.Sum(x => x.Entries.Count).ShouldBeGreaterThan(0, name);
            file.Warnings.ShouldBeEmpty(name);
        }
    }

    [Fact]
    public void OpenItems_ParseWithTheMatchCommandsReader_AndHoldEveryTenant()
    {
        foreach (var m in folder.Generated.Months)
        {
            using var s = File.OpenRead(folder.MonthFile(m.Period, Output.OpenItems));
            var book = OpenItemsCsv.Parse(s);

            book.Tenants.Count.ShouldBe(folder.Generated.Landlord.Tenants.Count);
            book.Notices.Sum(n => n.AmountDue.Cents).ShouldBe(m.OpenAtStart.Sum(x => x.Remaining));
        }
    }

    [Fact]
    public void RentRoll_ParsesWithTheLedgersImporter_OneRowPerNotice()
    {
        var rows = RentRollCsv.Parse(File.ReadAllText(folder.File(Output.RentRoll))).ToList();

        rows.Count.ShouldBe(folder.Generated.Landlord.Notices.Count);
        rows.ShouldAllBe(r => r.Error == null && r.Notice != null); // the importer now reports bad rows instead of throwing
        rows.Select(r => r.Notice!.NoticeReference).ShouldBeUnique();
        rows.ShouldContain(r => r.Notice!.Lines!.Any(l => l.Kind == "Rls" && l.Amount!.StartsWith('-')));
        rows.ShouldContain(r => r.Notice!.Lines!.Any(l => l.Kind == "Sls"));
        rows.ShouldContain(r => r.Notice!.TenantName!.Contains("M. et Mme", StringComparison.Ordinal));
        rows.ShouldContain(r => r.Notice!.TenantName!.IndexOfAny(new[] { 'é', 'è', 'ë', 'ï', 'ç' }) >= 0);
    }

    [Fact]
    public void Webhooks_AreLedgerPaymentBodies_ExceptTheLostOnes()
    {
        var truth = TruthReader.Read(folder.File(Output.TruthFile));
        foreach (var m in folder.Generated.Months)
        {
            var lines = File.ReadAllLines(folder.MonthFile(m.Period, Output.Webhooks));
            var cards = truth.Entries.Where(e => e.Month == Generator.MonthFolder(m.Period)).SelectMany(e => e.Transactions)
                .Where(t => t.Kind == EntryKinds.RentPayment && t.Channel == "Card").ToList();

            lines.Length.ShouldBe(cards.Count(t => !t.Noise.Contains("webhook-lost")));
            foreach (var line in lines)
            {
                using var doc = System.Text.Json.JsonDocument.Parse(line);
                doc.RootElement.GetProperty("channel").GetString().ShouldBe("Card");
                doc.RootElement.GetProperty("paymentId").GetString()!.ShouldStartWith("card:");
            }
        }
        truth.Entries.SelectMany(e => e.Transactions).ShouldContain(t => t.Noise.Contains("webhook-lost"));
    }
}
