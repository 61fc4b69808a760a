using Ledger.Domain.Accounts;
using Primitives;
using static Ledger.Tests.Domain.A;

namespace Ledger.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class PaymentDeciderTests
{
    [Fact]
    public void GivenOpenNotice_WhenPaymentOfTheExactAmount_ThenReceivedAndAllocatedAndNoticePaid()
    {
        var state = Spec.Given(Opened, Issue(11)).When(Pay("bank-1", 50000))
            .Then(Received("bank-1", 50000), Allocated("bank-1", 11, 50000));
        state.Notice(N("2026-11"))!.Status.ShouldBe(NoticeStatus.Paid);
        state.Balance.ShouldBe(Eur(0));
    }

    [Fact]
    public void GivenTwoOpenNotices_WhenPaymentNamesTheLaterOne_ThenItIsPaidFirstAndTheRestGoesToTheOldest() =>
        Spec.Given(Opened, Issue(10), Issue(11)).When(Pay("bank-1", 60000, hint: N("2026-11")))
            .Then(Received("bank-1", 60000, N("2026-11")), Allocated("bank-1", 11, 50000), Allocated("bank-1", 10, 10000));

    [Fact]
    public void GivenTwoOpenNotices_WhenPaymentWithoutHint_ThenOldestDueFirst() =>
        Spec.Given(Opened, Issue(11), Issue(10)).When(Pay("bank-1", 60000))
            .Then(Received("bank-1", 60000), Allocated("bank-1", 10, 50000), Allocated("bank-1", 11, 10000));

    [Fact]
    public void GivenOpenNotice_WhenPaymentExceedsIt_ThenNoticeIsPaidNotOverpaidAndTheExcessIsCredit()
    {
        var state = Spec.Given(Opened, Issue(11)).When(Pay("bank-1", 70000))
            .Then(Received("bank-1", 70000), Allocated("bank-1", 11, 50000));
        state.Notice(N("2026-11"))!.Status.ShouldBe(NoticeStatus.Paid);
        state.Payment(P("bank-1"))!.Unallocated.ShouldBe(Eur(20000));
        state.Credit.ShouldBe(Eur(20000));
        state.Balance.ShouldBe(Eur(-20000));
    }

    [Fact]
    public void GivenHintToAPaidNotice_WhenPayment_ThenItGoesToTheOldestOpenNotice() =>
        Spec.Given(Opened, Issue(10), Issue(11), Pay("bank-0", 50000)).When(Pay("bank-1", 50000, hint: N("2026-10")))
            .Then(Received("bank-1", 50000, N("2026-10")), Allocated("bank-1", 11, 50000));

    [Fact]
    public void GivenNoAccount_WhenRecordPayment_ThenNotFound() =>
        Spec.Given().When(Pay("bank-1", 100)).ThenRejected(RejectionKind.Invalid, "tenantReference");

    [Theory]
    [InlineData(0)]
    [InlineData(-100)]
    public void GivenOpenAccount_WhenPaymentIsNotPositive_ThenInvalidAmount(long cents) =>
        Spec.Given(Opened).When(Pay("bank-1", 100) with { Amount = Eur(cents) }).ThenRejected(RejectionKind.Invalid, "amount");

    [Fact]
    public void GivenOpenAccount_WhenPaymentInDollars_ThenInvalidCurrency() =>
        Spec.Given(Opened).When(Pay("bank-1", 100) with { Amount = new Money(100, new Currency("USD")) })
            .ThenRejected(RejectionKind.Invalid, "currency");

    [Fact]
    public void GivenOpenAccount_WhenPaymentCarriesAnUnknownExternalReference_ThenInvalidNamingTheKey() =>
        Spec.Given(Opened).When(Pay("bank-1", 100) with { ExternalReferences = new Dictionary<string, string> { ["iban"] = "FR76…" } })
            .ThenRejected(RejectionKind.Invalid, "externalReferences.iban");

    [Fact]
    public void GivenOpenAccount_WhenAnExternalReferenceIsBlank_ThenInvalidNamingTheKey() =>
        Spec.Given(Opened).When(Pay("bank-1", 100) with { ExternalReferences = new Dictionary<string, string> { ["chequeNumber"] = " " } })
            .ThenRejected(RejectionKind.Invalid, "externalReferences.chequeNumber");

    [Fact]
    public void GivenOpenAccount_WhenPaymentNamesAnUnknownNotice_ThenNotFound() =>
        Spec.Given(Opened, Issue(11)).When(Pay("bank-1", 100, hint: N("2026-12"))).ThenRejected(RejectionKind.NotFound, "noticeReference");

    [Fact]
    public void GivenRecordedPayment_WhenRecordedAgainWithSameContent_ThenUnchanged() =>
        Spec.Given(Opened, Issue(11), Pay("bank-1", 30000)).When(Pay("bank-1", 30000)).ThenUnchanged();

    [Fact]
    public void GivenRecordedPayment_WhenSameIdWithAnotherAmount_ThenConflictOnPaymentId() =>
        Spec.Given(Opened, Issue(11), Pay("bank-1", 30000)).When(Pay("bank-1", 30001)).ThenRejected(RejectionKind.Conflict, "paymentId");

    [Fact]
    public void GivenRecordedPayment_WhenSameIdWithAnotherExternalReference_ThenConflict() =>
        Spec.Given(Opened, Pay("bank-1", 30000))
            .When(Pay("bank-1", 30000) with { ExternalReferences = new Dictionary<string, string> { ["bankReference"] = "other" } })
            .ThenRejected(RejectionKind.Conflict, "paymentId");

    [Fact]
    public void GivenRecordedPayment_WhenSameIdOnAnotherChannel_ThenConflict() =>
        Spec.Given(Opened, Pay("bank-1", 30000)).When(Pay("bank-1", 30000, channel: PaymentChannel.Cheque))
            .ThenRejected(RejectionKind.Conflict, "paymentId");

    [Fact]
    public void GivenRecordedPayment_WhenExternalReferencesComeInAnotherOrder_ThenUnchanged()
    {
        var refs = new Dictionary<string, string> { ["chequeNumber"] = "0001234", ["depositReference"] = "R-77" };
        var reversed = new Dictionary<string, string> { ["depositReference"] = "R-77", ["chequeNumber"] = "0001234" };
        Spec.Given(Opened, Pay("chq-1", 30000) with { ExternalReferences = refs })
            .When(Pay("chq-1", 30000) with { ExternalReferences = reversed }).ThenUnchanged();
    }

    // Allocation by hand: built from raw facts so that money is left unallocated next to an open notice.

    [Fact]
    public void GivenUnallocatedPaymentAndOpenNotice_WhenAllocate_ThenPaymentAllocated()
    {
        var state = Spec.Given(Opened, Issued(11) with { Total = Eur(50000) }, Received("bank-1", 30000))
            .When(new AllocatePayment(P("bank-1"), N("2026-11"), Eur(20000)))
            .Then(Allocated("bank-1", 11, 20000));
        state.Payment(P("bank-1"))!.Unallocated.ShouldBe(Eur(10000));
        state.Notice(N("2026-11"))!.Status.ShouldBe(NoticeStatus.PartlyPaid);
    }

    [Fact]
    public void GivenPaymentOf300_WhenAllocate301_ThenConflictOnAmount() =>
        Spec.Given(Opened, Issued(11) with { Total = Eur(50000) }, Received("bank-1", 30000))
            .When(new AllocatePayment(P("bank-1"), N("2026-11"), Eur(30001))).ThenRejected(RejectionKind.Conflict, "amount");

    [Fact]
    public void GivenNoticeOf100_WhenAllocate200_ThenConflictBecauseItWouldOverpay() =>
        Spec.Given(Opened, Issued(11, Rent(10000)) with { Total = Eur(10000) }, Received("bank-1", 30000))
            .When(new AllocatePayment(P("bank-1"), N("2026-11"), Eur(20000))).ThenRejected(RejectionKind.Conflict, "amount");

    [Fact]
    public void GivenCancelledNotice_WhenAllocate_ThenConflict() =>
        Spec.Given(Opened, Issued(11) with { Total = Eur(50000) }, new NoticeCancelled(N("2026-11"), Eur(50000), Day, "erreur"),
                Received("bank-1", 30000))
            .When(new AllocatePayment(P("bank-1"), N("2026-11"), Eur(100))).ThenRejected(RejectionKind.Conflict, "amount");

    [Fact]
    public void GivenNoSuchPayment_WhenAllocate_ThenNotFound() =>
        Spec.Given(Opened, Issue(11)).When(new AllocatePayment(P("bank-9"), N("2026-11"), Eur(100)))
            .ThenRejected(RejectionKind.NotFound, "paymentId");

    [Fact]
    public void GivenNoSuchNotice_WhenAllocate_ThenNotFound() =>
        Spec.Given(Opened, Pay("bank-1", 100)).When(new AllocatePayment(P("bank-1"), N("2026-12"), Eur(100)))
            .ThenRejected(RejectionKind.NotFound, "noticeReference");

    [Fact]
    public void GivenPayment_WhenAllocateZero_ThenInvalidAmount() =>
        Spec.Given(Opened, Issued(11) with { Total = Eur(50000) }, Received("bank-1", 30000))
            .When(new AllocatePayment(P("bank-1"), N("2026-11"), Eur(0))).ThenRejected(RejectionKind.Invalid, "amount");

    [Fact]
    public void GivenPaymentOnOctober_WhenReallocatePartToNovember_ThenDeallocatedThenAllocated()
    {
        var state = Spec.Given(Opened, Issue(10), Issue(11), Pay("bank-1", 50000))
            .When(new ReallocatePayment(P("bank-1"), N("2026-10"), N("2026-11"), Eur(20000)))
            .Then(Deallocated("bank-1", 10, 20000, "re-allocated to 2026-11"), Allocated("bank-1", 11, 20000));
        state.Notice(N("2026-10"))!.Outstanding.ShouldBe(Eur(20000));
        state.Notice(N("2026-11"))!.Outstanding.ShouldBe(Eur(30000));
        state.Balance.ShouldBe(Eur(50000));
    }

    [Fact]
    public void GivenPaymentOf500OnOctober_WhenReallocate501_ThenConflict() =>
        Spec.Given(Opened, Issue(10), Issue(11), Pay("bank-1", 50000))
            .When(new ReallocatePayment(P("bank-1"), N("2026-10"), N("2026-11"), Eur(50001)))
            .ThenRejected(RejectionKind.Conflict, "amount");

    [Fact]
    public void GivenSmallTargetNotice_WhenReallocateMoreThanItsOutstanding_ThenConflict() =>
        Spec.Given(Opened, Issue(10), Issue(11, Rent(10000)), Pay("bank-1", 50000))
            .When(new ReallocatePayment(P("bank-1"), N("2026-10"), N("2026-11"), Eur(20000)))
            .ThenRejected(RejectionKind.Conflict, "amount");

    [Fact]
    public void GivenPayment_WhenReallocateToTheSameNotice_ThenInvalidTarget() =>
        Spec.Given(Opened, Issue(10), Pay("bank-1", 50000))
            .When(new ReallocatePayment(P("bank-1"), N("2026-10"), N("2026-10"), Eur(100)))
            .ThenRejected(RejectionKind.Invalid, "to");

    [Fact]
    public void GivenPayment_WhenReallocateToAnUnknownNotice_ThenNotFoundTarget() =>
        Spec.Given(Opened, Issue(10), Pay("bank-1", 50000))
            .When(new ReallocatePayment(P("bank-1"), N("2026-10"), N("2026-12"), Eur(100)))
            .ThenRejected(RejectionKind.NotFound, "to");

    [Fact]
    public void GivenHintToACancelledNotice_WhenPayment_ThenItGoesToTheOldestOpenNotice() =>
        Spec.Given(Opened, Issue(10), Issue(11), new CancelNotice(N("2026-11"), Day, "erreur")).When(Pay("bank-1", 20000, hint: N("2026-11")))
            .Then(Received("bank-1", 20000, N("2026-11")), Allocated("bank-1", 10, 20000));

    [Fact]
    public void GivenClosedAccount_WhenALatePaymentArrives_ThenItIsStillRecorded() =>
        // Money that reached the bank is a fact: it is booked even after the tenant left (and then refunded).
        Spec.Given(Opened, new AccountClosed(Day, "départ")).When(Pay("bank-1", 100)).Then(Received("bank-1", 100)).Credit.ShouldBe(Eur(100));

    [Fact]
    public void GivenReachableState_WhenAllocatingByHand_ThenAutoSettlementLeftNothingToAllocate() =>
        // 700 paid on a 500 notice: the 200 of credit cannot go anywhere without over-paying.
        Spec.Given(Opened, Issue(11), Pay("bank-1", 70000)).When(new AllocatePayment(P("bank-1"), N("2026-11"), Eur(100)))
            .ThenRejected(RejectionKind.Conflict, "amount");
}
