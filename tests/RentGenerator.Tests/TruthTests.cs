using Primitives;
using Reconciliation.Statements;

namespace RentGenerator.Tests;

/// <summary>The ground truth agrees with the files: every bank entry, every amount, the detail files, the tenants' sums.</summary>
public sealed class TruthTests(GeneratedFolder folder) : IClassFixture<GeneratedFolder>
{
    private readonly TruthData _truth = TruthReader.Read(folder.File(Output.TruthFile));

    private static StatementFile Parse(string path, StatementFormat format)
    {
        using var s = File.OpenRead(path);
        return StatementParser.Parse(s, format);
    }

    [Theory]
    [InlineData(Output.Cfonb, StatementFormat.Cfonb120)]
    [InlineData(Output.Camt053, StatementFormat.Camt053)]
    [InlineData(Output.Mt940, StatementFormat.Mt940)]
    public void BankStatement_EveryEntry_IsInTheTruthWithItsAmount(string name, StatementFormat format)
    {
        foreach (var m in folder.Generated.Months)
        {
            var month = Generator.MonthFolder(m.Period);
            var truth = _truth.Entries.Where(e => e.Month == month).ToDictionary(e => e.BankReference, StringComparer.Ordinal);
            var entries = Parse(folder.MonthFile(m.Period, name), format).Statements.SelectMany(s => s.Entries).ToList();

            entries.Count.ShouldBe(truth.Count);
            foreach (var e in entries) e.Amount.Cents.ShouldBe(truth[e.BankReference!].Cents, e.BankReference);
        }
    }

    [Theory]
    [InlineData(Output.Cfonb, StatementFormat.Cfonb120)]
    [InlineData(Output.Camt053, StatementFormat.Camt053)]
    [InlineData(Output.Mt940, StatementFormat.Mt940)]
    public void BankStatement_Balances_AndChainFromMonthToMonth(string name, StatementFormat format)
    {
        long? previous = null;
        foreach (var m in folder.Generated.Months)
        {
            var file = Parse(folder.MonthFile(m.Period, name), format);
            file.Warnings.ShouldBeEmpty();
            foreach (var s in file.Statements)
            {
                (s.OpeningBalance!.Value.Cents + s.Entries.Sum(e => e.Amount.Cents)).ShouldBe(s.ClosingBalance!.Value.Cents);
                if (previous is { } p) s.OpeningBalance.Value.Cents.ShouldBe(p);
                previous = s.ClosingBalance.Value.Cents;
            }
        }
    }

    [Fact]
    public void BreakBalance_MakesTheLastStatementDisagree_InEveryFormat()
    {
        var g = Generator.Generate(GeneratedFolder.Options with { Tenants = 60, Months = 1, BreakBalance = true });
        var dir = Path.Combine(Path.GetTempPath(), "rentgen-broken-" + Guid.NewGuid().ToString("N"));
        try
        {
            Output.WriteAll(g, dir);
            foreach (var (name, format) in new[] { (Output.Cfonb, StatementFormat.Cfonb120), (Output.Camt053, StatementFormat.Camt053), (Output.Mt940, StatementFormat.Mt940) })
            {
                Parse(Path.Combine(dir, Generator.MonthFolder(g.Options.FirstMonth), name), format).Warnings.ShouldHaveSingleItem().ShouldContain("closing");
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void DetailFiles_Totals_AgreeWithTheTruthOfTheirBatchCredits()
    {
        foreach (var m in folder.Generated.Months)
        {
            var month = _truth.Entries.Where(e => e.Month == Generator.MonthFolder(m.Period)).ToList();
            foreach (var (file, format) in new[] { (Output.ChequeSlips, StatementFormat.ChequeSlip), (Output.Eficash, StatementFormat.Eficash),
                         (Output.Adyen, StatementFormat.AdyenSettlement), (Output.SddDetails, StatementFormat.Camt054) })
            {
                var parsed = Parse(folder.MonthFile(m.Period, file), format).Statements.SelectMany(s => s.Entries).ToList();
                var credits = month.Where(e => e.DetailFile == file).ToList();

                parsed.Count.ShouldBe(credits.Count, file);
                parsed.Sum(e => e.Amount.Cents).ShouldBe(credits.Sum(e => e.Cents), file);
                if (format != StatementFormat.AdyenSettlement)
                {
                    // Card payouts are net of fees; the other batches are the exact sum of their transactions.
                    credits.ShouldAllBe(c => c.Transactions.Sum(t => t.Cents) == c.Cents, file);
                }
            }
        }
    }

    [Fact]
    public void Allocations_OfEveryRentPayment_AddUpToItsAmount()
    {
        foreach (var e in _truth.Entries)
        {
            foreach (var (cents, kind, allocations) in e.Transactions.Count > 0
                         ? e.Transactions.Select(t => (t.Cents, t.Kind, t.Allocations))
                         : [(e.Cents, e.Kind, e.Allocations)])
            {
                if (kind is EntryKinds.RentPayment or EntryKinds.Return) allocations.Sum(a => a.Cents).ShouldBe(cents, e.BankReference);
                if (kind == EntryKinds.NotRent) allocations.ShouldBeEmpty();
            }
        }
    }

    [Fact]
    public void TenantSums_AgreeWithTheEntriesAndTheRentRoll()
    {
        var payments = _truth.Entries.SelectMany(e => e.Transactions.Count > 0
            ? e.Transactions.Select(t => (t.Kind, t.Channel, t.Allocations))
            : [(e.Kind, e.Channel, e.Allocations)]).ToList();
        var paid = payments.Where(p => p.Kind == EntryKinds.RentPayment).SelectMany(p => p.Allocations).GroupBy(a => a.Tenant)
            .ToDictionary(x => x.Key, x => x.Sum(a => a.Cents), StringComparer.Ordinal);
        var due = folder.Generated.Landlord.Notices.GroupBy(n => n.Tenant.Value).ToDictionary(x => x.Key, x => x.Sum(n => n.TotalCents), StringComparer.Ordinal);

        foreach (var t in _truth.Tenants)
        {
            t.Paid.ShouldBe(paid.GetValueOrDefault(t.Tenant), t.Tenant);
            t.Due.ShouldBe(due[t.Tenant], t.Tenant);
            t.PaidByChannel.Values.Sum().ShouldBe(t.Paid);
            t.Balance.ShouldBe(t.Due - t.Paid + t.Reversed + t.Refunded);
        }
        var byChannel = _truth.Totals.GetProperty("rentPaymentsByChannel");
        foreach (var channel in new[] { "DirectDebit", "Transfer", "Card", "Cheque", "Eficash", "TipSepa" })
        {
            var expected = payments.Where(p => p.Kind == EntryKinds.RentPayment && p.Channel == channel).Sum(p => p.Allocations.Sum(a => a.Cents));
            Money.TryParseCents(byChannel.GetProperty(channel).GetProperty("amount").GetString(), out var total).ShouldBeTrue();
            total.ShouldBe(expected, channel);
        }
    }

    [Fact]
    public void Noise_CoversEveryKindTheIssueLists()
    {
        var noise = _truth.Entries.SelectMany(e => e.Noise.Concat(e.Transactions.SelectMany(t => t.Noise))).ToHashSet(StringComparer.Ordinal);

        string[] expected = [
            "tenant-ref-spaced", "missing-slash", "dropped-zero", "rf-typo", "no-reference", "relative-name", "employer-name", "two-months",
            "partial", "several-eficash-for-one-notice", "overpayment", "late", "chargeback", "webhook-lost", "caf-bulk-credit",
            "internal-transfer", "bank-fee", "refund-of-credit", "cheque-unpaid", "rf-printed", "rf-structured", "tenant-ref-typo",
        ];
        expected.Where(n => !noise.Contains(n)).ShouldBeEmpty();
        noise.ShouldContain(n => n.StartsWith("return-", StringComparison.Ordinal));
        _truth.Entries.ShouldContain(e => e.Matchable.Count > 0 && !e.Matchable["cfonb120"] && e.Matchable["camt053"]);
    }
}
