using Ledger.Domain.Accounts;
using Primitives;
using static Ledger.Tests.Domain.A;

namespace Ledger.Tests.Domain;

/// <summary>Refunds of credit, write-offs, adjustments, cancellations and credit notes.</summary>
[Trait("Category", "Unit")]
public sealed class CorrectionDeciderTests
{
    [Fact]
    public void GivenCreditOf200_WhenRefund150_ThenCreditRefundedFromThatPayment()
    {
        var state = Spec.Given(Opened, Issue(11), Pay("bank-1", 70000))
            .When(new RefundCredit("rf-1", Eur(15000), Day, "m.dupont", "trop-perçu"))
            .Then(new CreditRefunded("rf-1", Eur(15000), [new RefundPortion(P("bank-1"), Eur(15000))], Day, "m.dupont", "trop-perçu"));
        state.Credit.ShouldBe(Eur(5000));
        state.Balance.ShouldBe(Eur(-5000));
    }

    [Fact]
    public void GivenCreditOnTwoPayments_WhenRefund_ThenTakenFromTheOldestPaymentFirst() =>
        Spec.Given(Opened, Issue(11), Pay("bank-1", 70000), Pay("bank-2", 10000))
            .When(new RefundCredit("rf-1", Eur(25000), Day, "m.dupont", "trop-perçu"))
            .Then(new CreditRefunded("rf-1", Eur(25000),
                [new RefundPortion(P("bank-1"), Eur(20000)), new RefundPortion(P("bank-2"), Eur(5000))], Day, "m.dupont", "trop-perçu"));

    [Fact]
    public void GivenCreditOf200_WhenRefund201_ThenConflict() =>
        Spec.Given(Opened, Issue(11), Pay("bank-1", 70000)).When(new RefundCredit("rf-1", Eur(20001), Day, "m.dupont", "trop-perçu"))
            .ThenRejected(RejectionKind.Conflict, "amount");

    [Fact]
    public void GivenRefund_WhenRepeated_ThenUnchanged() =>
        Spec.Given(Opened, Issue(11), Pay("bank-1", 70000), new RefundCredit("rf-1", Eur(20000), Day, "m.dupont", "trop-perçu"))
            .When(new RefundCredit("rf-1", Eur(20000), Day, "m.dupont", "trop-perçu")).ThenUnchanged();

    [Fact]
    public void GivenRefund_WhenSameIdWithAnotherAmount_ThenConflictOnRefundId() =>
        Spec.Given(Opened, Issue(11), Pay("bank-1", 70000), new RefundCredit("rf-1", Eur(10000), Day, "m.dupont", "trop-perçu"))
            .When(new RefundCredit("rf-1", Eur(5000), Day, "m.dupont", "trop-perçu")).ThenRejected(RejectionKind.Conflict, "refundId");

    [Fact]
    public void GivenCredit_WhenRefundWithoutApprover_ThenInvalidApprovedBy() =>
        Spec.Given(Opened, Pay("bank-1", 70000)).When(new RefundCredit("rf-1", Eur(100), Day, " ", "trop-perçu"))
            .ThenRejected(RejectionKind.Invalid, "approvedBy");

    [Fact]
    public void GivenNoticePartlyPaid_WhenWriteOffTheRest_ThenNoticeSettledAndBalanceZero()
    {
        var state = Spec.Given(Opened, Issue(11), Pay("bank-1", 30000))
            .When(new WriteOffNotice("wo-1", N("2026-11"), Eur(20000), Day, "chef.agence", "irrécouvrable"))
            .Then(new NoticeWrittenOff("wo-1", N("2026-11"), Eur(20000), Day, "chef.agence", "irrécouvrable"));
        state.Notice(N("2026-11"))!.Status.ShouldBe(NoticeStatus.Paid);
        state.Balance.ShouldBe(Eur(0));
    }

    [Fact]
    public void GivenOutstanding200_WhenWriteOff201_ThenConflict() =>
        Spec.Given(Opened, Issue(11), Pay("bank-1", 30000))
            .When(new WriteOffNotice("wo-1", N("2026-11"), Eur(20001), Day, "chef.agence", "irrécouvrable"))
            .ThenRejected(RejectionKind.Conflict, "amount");

    [Theory]
    [InlineData("", "irrécouvrable", "approvedBy")]
    [InlineData("chef.agence", "", "reason")]
    public void GivenNotice_WhenWriteOffWithoutApproverOrReason_ThenInvalid(string approvedBy, string reason, string field) =>
        Spec.Given(Opened, Issue(11)).When(new WriteOffNotice("wo-1", N("2026-11"), Eur(100), Day, approvedBy, reason))
            .ThenRejected(RejectionKind.Invalid, field);

    [Fact]
    public void GivenWriteOff_WhenRepeated_ThenUnchanged() =>
        Spec.Given(Opened, Issue(11), new WriteOffNotice("wo-1", N("2026-11"), Eur(50000), Day, "chef.agence", "irrécouvrable"))
            .When(new WriteOffNotice("wo-1", N("2026-11"), Eur(50000), Day, "chef.agence", "irrécouvrable")).ThenUnchanged();

    [Fact]
    public void GivenWriteOff_WhenSameIdWithAnotherAmount_ThenConflictOnWriteOffId() =>
        Spec.Given(Opened, Issue(11), new WriteOffNotice("wo-1", N("2026-11"), Eur(100), Day, "chef.agence", "irrécouvrable"))
            .When(new WriteOffNotice("wo-1", N("2026-11"), Eur(200), Day, "chef.agence", "irrécouvrable"))
            .ThenRejected(RejectionKind.Conflict, "writeOffId");

    [Fact]
    public void GivenAccount_WhenAdjustInTheTenantsFavour_ThenBalanceDecreases() =>
        Spec.Given(Opened, Issue(11)).When(new AdjustBalance("adj-1", Eur(-1500), Day, "chef.agence", "geste commercial"))
            .Then(new BalanceAdjusted("adj-1", Eur(-1500), Day, "chef.agence", "geste commercial"))
            .Balance.ShouldBe(Eur(48500));

    [Fact]
    public void GivenAccount_WhenAdjustByZero_ThenInvalidAmount() =>
        Spec.Given(Opened).When(new AdjustBalance("adj-1", Eur(0), Day, "chef.agence", "x")).ThenRejected(RejectionKind.Invalid, "amount");

    [Fact]
    public void GivenAccount_WhenAdjustWithoutApprover_ThenInvalidApprovedBy() =>
        Spec.Given(Opened).When(new AdjustBalance("adj-1", Eur(100), Day, "", "x")).ThenRejected(RejectionKind.Invalid, "approvedBy");

    [Fact]
    public void GivenAdjustment_WhenRepeated_ThenUnchanged() =>
        Spec.Given(Opened, new AdjustBalance("adj-1", Eur(100), Day, "chef.agence", "x"))
            .When(new AdjustBalance("adj-1", Eur(100), Day, "chef.agence", "x")).ThenUnchanged();

    [Fact]
    public void GivenAdjustment_WhenSameIdWithOppositeSign_ThenConflictOnAdjustmentId() =>
        Spec.Given(Opened, new AdjustBalance("adj-1", Eur(100), Day, "chef.agence", "x"))
            .When(new AdjustBalance("adj-1", Eur(-100), Day, "chef.agence", "x")).ThenRejected(RejectionKind.Conflict, "adjustmentId");

    [Fact]
    public void GivenPaidNovemberAndOpenOctober_WhenCancelNovember_ThenItsPaymentPaysOctober()
    {
        var state = Spec.Given(Opened, Issue(10), Issue(11), Pay("bank-1", 50000, hint: N("2026-11")))
            .When(new CancelNotice(N("2026-11"), Day, "émis par erreur"))
            .Then(Deallocated("bank-1", 11, 50000, "notice cancelled"), new NoticeCancelled(N("2026-11"), Eur(50000), Day, "émis par erreur"),
                Allocated("bank-1", 10, 50000));
        state.Notice(N("2026-11"))!.Status.ShouldBe(NoticeStatus.Cancelled);
        state.Notice(N("2026-10"))!.Status.ShouldBe(NoticeStatus.Paid);
        state.Balance.ShouldBe(Eur(0));
    }

    [Fact]
    public void GivenCancelledNotice_WhenCancelledAgain_ThenUnchanged() =>
        Spec.Given(Opened, Issue(11), new CancelNotice(N("2026-11"), Day, "erreur")).When(new CancelNotice(N("2026-11"), Day, "erreur"))
            .ThenUnchanged();

    [Fact]
    public void GivenNoSuchNotice_WhenCancel_ThenNotFound() =>
        Spec.Given(Opened).When(new CancelNotice(N("2026-11"), Day, "erreur")).ThenRejected(RejectionKind.NotFound, "noticeReference");

    [Fact]
    public void GivenNotice_WhenCancelWithoutReason_ThenInvalidReason() =>
        Spec.Given(Opened, Issue(11)).When(new CancelNotice(N("2026-11"), Day, "")).ThenRejected(RejectionKind.Invalid, "reason");

    [Fact]
    public void GivenCreditedNotice_WhenCancel_ThenOnlyWhatRemainsIsCancelled() =>
        Spec.Given(Opened, Issue(11), new CreditNotice(N("2026-11"), "AV-1", [Rent(10000)], Day, "erreur loyer"))
            .When(new CancelNotice(N("2026-11"), Day, "départ"))
            .Then(new NoticeCancelled(N("2026-11"), Eur(40000), Day, "départ"))
            .Balance.ShouldBe(Eur(0));

    [Fact]
    public void GivenPaidNotice_WhenCreditNote_ThenTheExcessAllocationIsReleasedAsCredit()
    {
        var state = Spec.Given(Opened, Issue(11), Pay("bank-1", 50000))
            .When(new CreditNotice(N("2026-11"), "AV-1", [Rent(10000)], Day, "erreur loyer"))
            .Then(new NoticeCredited(N("2026-11"), "AV-1", [Rent(10000)], Eur(10000), Day, "erreur loyer"),
                Deallocated("bank-1", 11, 10000, "credit note AV-1"));
        state.Notice(N("2026-11"))!.Status.ShouldBe(NoticeStatus.Paid);
        state.Credit.ShouldBe(Eur(10000));
        state.Balance.ShouldBe(Eur(-10000));
    }

    [Fact]
    public void GivenPaidNoticeAndOpenNotice_WhenCreditNote_ThenTheReleasedMoneyPaysTheOpenNotice() =>
        Spec.Given(Opened, Issue(10, Rent(47000), Charges(3000)), Pay("bank-1", 50000), Issue(11))
            .When(new CreditNotice(N("2026-10"), "AV-1", [Charges(3000)], Day, "régularisation"))
            .Then(new NoticeCredited(N("2026-10"), "AV-1", [Charges(3000)], Eur(3000), Day, "régularisation"),
                Deallocated("bank-1", 10, 3000, "credit note AV-1"), Allocated("bank-1", 11, 3000));

    [Fact]
    public void GivenUnpaidNotice_WhenCreditNote_ThenNoticeReducedAndNothingDeallocated() =>
        Spec.Given(Opened, Issue(11)).When(new CreditNotice(N("2026-11"), "AV-1", [Rent(10000)], Day, "erreur loyer"))
            .Then(new NoticeCredited(N("2026-11"), "AV-1", [Rent(10000)], Eur(10000), Day, "erreur loyer"))
            .Notice(N("2026-11"))!.Outstanding.ShouldBe(Eur(40000));

    [Fact]
    public void GivenNoticeOf500CreditedBy300_WhenCreditNoteOf201_ThenConflictOnLines() =>
        Spec.Given(Opened, Issue(11), new CreditNotice(N("2026-11"), "AV-0", [Rent(30000)], Day, "x"))
            .When(new CreditNotice(N("2026-11"), "AV-1", [Rent(20100)], Day, "x"))
            .ThenRejected(RejectionKind.Conflict, "lines");

    [Fact]
    public void GivenNoticeOf500_WhenCreditNoteOf501_ThenInvalidKind() =>
        Spec.Given(Opened, Issue(11)).When(new CreditNotice(N("2026-11"), "AV-1", [Rent(50001)], Day, "x"))
            .ThenRejected(RejectionKind.Invalid, "lines[0].kind");

    [Fact]
    public void GivenNotice_WhenCreditNoteLineIsNegative_ThenInvalidLineAmount() =>
        Spec.Given(Opened, Issue(11)).When(new CreditNotice(N("2026-11"), "AV-1", [Rent(-100)], Day, "x"))
            .ThenRejected(RejectionKind.Invalid, "lines[0].amount");

    [Fact]
    public void GivenCreditNote_WhenRepeated_ThenUnchanged() =>
        Spec.Given(Opened, Issue(11), new CreditNotice(N("2026-11"), "AV-1", [Rent(100)], Day, "x"))
            .When(new CreditNotice(N("2026-11"), "AV-1", [Rent(100)], Day, "x")).ThenUnchanged();

    [Fact]
    public void GivenCreditNote_WhenSameReferenceWithOtherLines_ThenConflictOnCreditNoteReference() =>
        Spec.Given(Opened, Issue(11), new CreditNotice(N("2026-11"), "AV-1", [Rent(100)], Day, "x"))
            .When(new CreditNotice(N("2026-11"), "AV-1", [Rent(200)], Day, "x")).ThenRejected(RejectionKind.Conflict, "creditNoteReference");

    [Fact]
    public void GivenCancelledNotice_WhenCreditNote_ThenConflict() =>
        Spec.Given(Opened, Issue(11), new CancelNotice(N("2026-11"), Day, "erreur"))
            .When(new CreditNotice(N("2026-11"), "AV-1", [Rent(100)], Day, "x")).ThenRejected(RejectionKind.Conflict, "noticeReference");

    [Fact]
    public void GivenCancelledNotice_WhenWriteOff_ThenConflict() =>
        Spec.Given(Opened, Issue(11), new CancelNotice(N("2026-11"), Day, "erreur"))
            .When(new WriteOffNotice("wo-1", N("2026-11"), Eur(100), Day, "chef.agence", "x")).ThenRejected(RejectionKind.Conflict, "amount");
}
