using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Primitives;
using static Ledger.Tests.Domain.A;

namespace Ledger.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class JournalPostingTests
{
    private const string Aux = "100001/01";
    private static readonly ChartOfAccounts Chart = new();

    /// <summary>The lines of the entry the event posts on the account folded from <paramref name="history"/>.</summary>
    private static (string Account, string? Aux, long Debit, long Credit)[] Post(object @event, params object[] history)
    {
        var entry = JournalPosting.For(@event, Spec.Given(history).State, Chart).ShouldNotBeNull();
        entry.TotalDebit.ShouldBe(entry.TotalCredit);
        entry.Lines.ShouldAllBe(l => (l.Debit == 0) != (l.Credit == 0));
        return entry.Lines.Select(l => (l.Account, l.Auxiliary, l.Debit, l.Credit)).ToArray();
    }

    [Fact]
    public void NoticeIssued_RentChargesAndRls_DebitsTheTenantAndTheRlsAndCreditsRevenue() =>
        // 512.30 + 80.00 − 45.70 = 546.60 owed; RLS booked as a debit on 70943, not netted into 7043.
        Post(Issued(11, Rent(51230), Charges(8000), Rls(-4570)) with { Total = Eur(54660) }, Opened).ShouldBe(
        [
            ("411", Aux, 54660, 0), ("7043", null, 0, 51230), ("703", null, 0, 8000), ("70943", null, 4570, 0),
        ]);

    [Fact]
    public void NoticeIssued_Sls_IsCreditedToTheSlsAccount() =>
        Post(Issued(11, Rent(10000), Sls(2500)) with { Total = Eur(12500) }, Opened)
            .ShouldBe([("411", Aux, 12500, 0), ("7043", null, 0, 10000), ("7046", null, 0, 2500)]);

    [Theory]
    [InlineData(PaymentChannel.Transfer, "512")]
    [InlineData(PaymentChannel.TipSepa, "512")]
    [InlineData(PaymentChannel.DirectDebit, "512")]
    [InlineData(PaymentChannel.Eficash, "512")]
    [InlineData(PaymentChannel.Cheque, "5112")]
    [InlineData(PaymentChannel.Card, "467")]
    public void PaymentReceived_ByChannel_DebitsItsCashAccountAndCreditsTheTenant(PaymentChannel channel, string cash) =>
        Post(Received("p-1", 30000, channel: channel), Opened).ShouldBe([(cash, null, 30000, 0), ("411", Aux, 0, 30000)]);

    [Fact]
    public void PaymentReversed_Cheque_DebitsTheTenantAndCreditsChequesToCash() =>
        Post(new PaymentReversed(P("chq-1"), "ret-1", ReversalKind.ChequeReturned, Eur(30000), Day, "", ""),
                Opened, Pay("chq-1", 30000, channel: PaymentChannel.Cheque))
            .ShouldBe([("411", Aux, 30000, 0), ("5112", null, 0, 30000)]);

    [Fact]
    public void PaymentReversed_CardChargeback_CreditsCardClearing() =>
        Post(new PaymentReversed(P("card-1"), "cb-1", ReversalKind.Chargeback, Eur(100), Day, "4837", ""),
                Opened, Pay("card-1", 30000, channel: PaymentChannel.Card))
            .ShouldBe([("411", Aux, 100, 0), ("467", null, 0, 100)]);

    [Fact]
    public void ReversalCancelled_Card_DebitsCardClearingAndCreditsTheTenant() =>
        Post(new ReversalCancelled(P("card-1"), "cb-1", Eur(100), Day),
                Opened, Pay("card-1", 30000, channel: PaymentChannel.Card),
                new ReversePayment(P("card-1"), "cb-1", ReversalKind.Chargeback, Eur(100), Day, ""))
            .ShouldBe([("467", null, 100, 0), ("411", Aux, 0, 100)]);

    [Fact]
    public void CreditRefunded_DebitsTheTenantAndCreditsTheBank() =>
        Post(new CreditRefunded("rf-1", Eur(2000), [new RefundPortion(P("bank-1"), Eur(2000))], Day, "m.dupont", "trop-perçu"),
                Opened, Pay("bank-1", 2000))
            .ShouldBe([("411", Aux, 2000, 0), ("512", null, 0, 2000)]);

    [Fact]
    public void NoticeWrittenOff_DebitsBadDebtAndCreditsTheTenant() =>
        Post(new NoticeWrittenOff("wo-1", N("2026-11"), Eur(20000), Day, "chef.agence", "irrécouvrable"), Opened, Issue(11))
            .ShouldBe([("654", null, 20000, 0), ("411", Aux, 0, 20000)]);

    [Fact]
    public void BalanceAdjusted_AgainstTheTenant_DebitsTheTenantAndCreditsAdjustmentIncome() =>
        Post(new BalanceAdjusted("adj-1", Eur(1500), Day, "chef.agence", "frais"), Opened)
            .ShouldBe([("411", Aux, 1500, 0), ("758", null, 0, 1500)]);

    [Fact]
    public void BalanceAdjusted_InTheTenantsFavour_CreditsTheTenantAndDebitsAdjustmentExpense() =>
        Post(new BalanceAdjusted("adj-1", Eur(-1500), Day, "chef.agence", "geste"), Opened)
            .ShouldBe([("411", Aux, 0, 1500), ("658", null, 1500, 0)]);

    [Fact]
    public void NoticeCredited_CreditsTheTenantAndDebitsTheRevenueLine() =>
        Post(new NoticeCredited(N("2026-11"), "AV-1", [Rent(10000), Charges(500)], Eur(10500), Day, "x"), Opened, Issue(11))
            .ShouldBe([("411", Aux, 0, 10500), ("7043", null, 10000, 0), ("703", null, 500, 0)]);

    [Fact]
    public void NoticeCancelled_Untouched_MirrorsTheNotice() =>
        Post(new NoticeCancelled(N("2026-11"), Eur(54660), Day, "erreur"), Opened, Issue(11, Rent(51230), Charges(8000), Rls(-4570)))
            .ShouldBe([("411", Aux, 0, 54660), ("7043", null, 51230, 0), ("703", null, 8000, 0), ("70943", null, 0, 4570)]);

    [Fact]
    public void NoticeCancelled_AfterACreditNote_TakesTheRemainderFromThePositiveLinesInOrder() =>
        // 600 rent + 80 charges, 200 credited: 480 remain, taken as 480 of rent.
        Post(new NoticeCancelled(N("2026-11"), Eur(48000), Day, "départ"),
                Opened, Issue(11, Rent(60000), Charges(8000)), new CreditNotice(N("2026-11"), "AV-1", [Charges(8000), Rent(12000)], Day, "x"))
            .ShouldBe([("411", Aux, 0, 48000), ("7043", null, 48000, 0)]);

    [Fact]
    public void AllocationsAndAccountEvents_PostNothing()
    {
        var state = Spec.Given(Opened, Issue(11), Pay("bank-1", 100)).State;
        JournalPosting.For(Allocated("bank-1", 11, 100), state, Chart).ShouldBeNull();
        JournalPosting.For(Deallocated("bank-1", 11, 100, "x"), state, Chart).ShouldBeNull();
        JournalPosting.For(Opened, TenantAccount.Initial, Chart).ShouldBeNull();
        JournalPosting.For(new AccountClosed(Day, "x"), state, Chart).ShouldBeNull();
    }

    [Fact]
    public void Chart_CustomSubAccounts_AreUsed()
    {
        var chart = new ChartOfAccounts { Bank = "51210", TenantReceivable = "4111" };
        var entry = JournalPosting.For(Received("p-1", 100), Spec.Given(Opened).State, chart).ShouldNotBeNull();
        entry.Lines.Select(l => l.Account).ShouldBe(["51210", "4111"]);
        entry.Journal.ShouldBe("BQ");
    }
}
