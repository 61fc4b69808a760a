using Ledger.Domain.Accounts;
using Primitives;
using static Ledger.Tests.Domain.A;

namespace Ledger.Tests.Domain;

/// <summary>Reconciliation's undo of one allocation: only that allocation goes, the money stays as credit.</summary>
[Trait("Category", "Unit")]
public sealed class DeallocationDeciderTests
{
    [Fact]
    public void GivenPaymentOnTwoNotices_WhenDeallocateOne_ThenTheOtherStaysAndTheMoneyIsCredit()
    {
        var state = Spec.Given(Opened, Issue(10), Issue(11), Pay("bank-1", 100000))
            .When(new DeallocatePayment(P("bank-1"), N("2026-10"), Eur(50000), "annulé par compta : payé par la CAF"))
            .Then(Deallocated("bank-1", 10, 50000, "annulé par compta : payé par la CAF"));
        state.Notice(N("2026-10"))!.Outstanding.ShouldBe(Eur(50000));
        state.Notice(N("2026-11"))!.Outstanding.ShouldBe(Eur(0));
        state.Payment(P("bank-1"))!.Unallocated.ShouldBe(Eur(50000));
        state.Balance.ShouldBe(Eur(0));
    }

    [Fact]
    public void GivenPaymentOf500OnOctober_WhenDeallocate501_ThenConflict() =>
        Spec.Given(Opened, Issue(10), Pay("bank-1", 50000))
            .When(new DeallocatePayment(P("bank-1"), N("2026-10"), Eur(50001), "erreur"))
            .ThenRejected(RejectionKind.Conflict, "amount");

    [Fact]
    public void GivenPayment_WhenDeallocateWithoutReason_ThenInvalid() =>
        Spec.Given(Opened, Issue(10), Pay("bank-1", 50000))
            .When(new DeallocatePayment(P("bank-1"), N("2026-10"), Eur(100), " "))
            .ThenRejected(RejectionKind.Invalid, "reason");
}
