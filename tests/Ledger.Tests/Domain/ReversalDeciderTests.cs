using Ledger.Domain.Accounts;
using Primitives;
using static Ledger.Tests.Domain.A;

namespace Ledger.Tests.Domain;

/// <summary>Cheques returned, direct debits returned, chargebacks, refunds to the payer, and their cancellation.</summary>
[Trait("Category", "Unit")]
public sealed class ReversalDeciderTests
{
    private static ReversePayment Reverse(string payment, string id, long cents, ReversalKind kind = ReversalKind.ChequeReturned, string code = "") =>
        new(P(payment), id, kind, Eur(cents), Day, code);

    private static PaymentReversed Reversed(string payment, string id, long cents, ReversalKind kind = ReversalKind.ChequeReturned, string code = "") =>
        new(P(payment), id, kind, Eur(cents), Day, code, "");

    // Two notices of 500 paid by one cheque of 1200: 200 is credit.
    private static readonly object[] TwoPaidNoticesAndCredit =
        [Opened, Issue(10), Issue(11), Pay("chq-1", 120000, channel: PaymentChannel.Cheque)];

    [Fact]
    public void GivenPaymentWithCredit_WhenChequeReturnedForLessThanTheCredit_ThenOnlyTheCreditIsConsumed()
    {
        var state = Spec.Given(TwoPaidNoticesAndCredit).When(Reverse("chq-1", "ret-1", 15000))
            .Then(Reversed("chq-1", "ret-1", 15000));
        state.Payment(P("chq-1"))!.Unallocated.ShouldBe(Eur(5000));
        state.OpenNotices.ShouldBeEmpty();
        state.Balance.ShouldBe(Eur(-5000)); // 1000 issued − 1200 paid + 150 reversed
    }

    [Fact]
    public void GivenPaymentWithCredit_WhenChequeReturnedForMore_ThenCreditFirstThenLatestDueNoticeReopened()
    {
        // 300 returned: 200 of credit, then 100 taken back from November (due after October).
        var state = Spec.Given(TwoPaidNoticesAndCredit).When(Reverse("chq-1", "ret-1", 30000))
            .Then(Deallocated("chq-1", 11, 10000, "ChequeReturned ret-1"), Reversed("chq-1", "ret-1", 30000));
        state.Notice(N("2026-11"))!.Outstanding.ShouldBe(Eur(10000));
        state.Notice(N("2026-10"))!.Status.ShouldBe(NoticeStatus.Paid);
        state.Balance.ShouldBe(Eur(10000));
    }

    [Fact]
    public void GivenCardPaymentAndAnotherPaymentWithCredit_WhenChargeback_ThenTheReopenedNoticeIsPaidByTheCredit() =>
        Spec.Given(Opened, Issue(11), Pay("card-1", 50000, channel: PaymentChannel.Card), Pay("bank-2", 20000))
            .When(Reverse("card-1", "cb-1", 50000, ReversalKind.Chargeback, "4837"))
            .Then(Deallocated("card-1", 11, 50000, "Chargeback cb-1"), Reversed("card-1", "cb-1", 50000, ReversalKind.Chargeback, "4837"),
                Allocated("bank-2", 11, 20000))
            .Notice(N("2026-11"))!.Outstanding.ShouldBe(Eur(30000));

    [Fact]
    public void GivenReversal_WhenRecordedAgainWithSameContent_ThenUnchanged() =>
        Spec.Given([.. TwoPaidNoticesAndCredit, Reverse("chq-1", "ret-1", 30000)]).When(Reverse("chq-1", "ret-1", 30000)).ThenUnchanged();

    [Fact]
    public void GivenReversal_WhenSameIdWithAnotherAmount_ThenConflictOnReversalId() =>
        Spec.Given([.. TwoPaidNoticesAndCredit, Reverse("chq-1", "ret-1", 30000)]).When(Reverse("chq-1", "ret-1", 30001))
            .ThenRejected(RejectionKind.Conflict, "reversalId");

    [Fact]
    public void GivenPaymentOf1200_WhenReversalOf1201_ThenConflictOnAmount() =>
        Spec.Given(TwoPaidNoticesAndCredit).When(Reverse("chq-1", "ret-1", 120001)).ThenRejected(RejectionKind.Conflict, "amount");

    [Fact]
    public void GivenPartlyReversedPayment_WhenSecondReversalExceedsWhatRemains_ThenConflict() =>
        Spec.Given([.. TwoPaidNoticesAndCredit, Reverse("chq-1", "ret-1", 30000)]).When(Reverse("chq-1", "ret-2", 90001))
            .ThenRejected(RejectionKind.Conflict, "amount");

    [Fact]
    public void GivenRefundedCredit_WhenReversalCoversTheRefundedPart_ThenConflict() =>
        // 1200 paid, 200 credit refunded: only 1000 can still be reversed.
        Spec.Given([.. TwoPaidNoticesAndCredit, new RefundCredit("rf-1", Eur(20000), Day, "m.dupont", "trop-perçu")])
            .When(Reverse("chq-1", "ret-1", 100001)).ThenRejected(RejectionKind.Conflict, "amount");

    [Fact]
    public void GivenNoSuchPayment_WhenReverse_ThenNotFound() =>
        Spec.Given(Opened).When(Reverse("chq-9", "ret-1", 100)).ThenRejected(RejectionKind.NotFound, "paymentId");

    [Fact]
    public void GivenPayment_WhenReverseZero_ThenInvalidAmount() =>
        Spec.Given(TwoPaidNoticesAndCredit).When(Reverse("chq-1", "ret-1", 0)).ThenRejected(RejectionKind.Invalid, "amount");

    [Fact]
    public void GivenPayment_WhenReverseWithoutId_ThenInvalidReversalId() =>
        Spec.Given(TwoPaidNoticesAndCredit).When(Reverse("chq-1", "", 100)).ThenRejected(RejectionKind.Invalid, "reversalId");

    [Fact]
    public void GivenChargeback_WhenChargebackReversed_ThenTheMoneyPaysTheNoticeAgain()
    {
        var state = Spec.Given(Opened, Issue(11), Pay("card-1", 50000, channel: PaymentChannel.Card),
                Reverse("card-1", "cb-1", 50000, ReversalKind.Chargeback))
            .When(new CancelReversal(P("card-1"), "cb-1", Day))
            .Then(new ReversalCancelled(P("card-1"), "cb-1", Eur(50000), Day), Allocated("card-1", 11, 50000));
        state.Notice(N("2026-11"))!.Status.ShouldBe(NoticeStatus.Paid);
        state.Balance.ShouldBe(Eur(0));
    }

    [Fact]
    public void GivenCancelledReversal_WhenCancelledAgain_ThenUnchanged() =>
        Spec.Given(Opened, Issue(11), Pay("card-1", 50000), Reverse("card-1", "cb-1", 50000, ReversalKind.Chargeback),
                new CancelReversal(P("card-1"), "cb-1", Day))
            .When(new CancelReversal(P("card-1"), "cb-1", Day)).ThenUnchanged();

    [Fact]
    public void GivenPayment_WhenCancellingAnUnknownReversal_ThenNotFound() =>
        Spec.Given(Opened, Pay("card-1", 50000)).When(new CancelReversal(P("card-1"), "cb-9", Day))
            .ThenRejected(RejectionKind.NotFound, "reversalId");

    [Fact]
    public void GivenPartialChargebackCancelled_WhenChargebackAgainWithANewId_ThenTheWholePaymentCanBeReversedOnce() =>
        // 500 paid, 200 charged back then reinstated: 500 can be reversed again, not 501.
        Spec.Given(Opened, Issue(11), Pay("card-1", 50000, channel: PaymentChannel.Card),
                Reverse("card-1", "cb-1", 20000, ReversalKind.Chargeback), new CancelReversal(P("card-1"), "cb-1", Day))
            .When(Reverse("card-1", "cb-2", 50001, ReversalKind.Chargeback)).ThenRejected(RejectionKind.Conflict, "amount");

    [Fact]
    public void GivenFullyAllocatedPayment_WhenDirectDebitReturnedWithRCode_ThenBothNoticesReopenedLatestFirst() =>
        Spec.Given(Opened, Issue(10), Issue(11), Pay("sdd-1", 100000, channel: PaymentChannel.DirectDebit))
            .When(Reverse("sdd-1", "r-1", 100000, ReversalKind.DirectDebitReturned, "AM04"))
            .Then(Deallocated("sdd-1", 11, 50000, "DirectDebitReturned r-1"), Deallocated("sdd-1", 10, 50000, "DirectDebitReturned r-1"),
                Reversed("sdd-1", "r-1", 100000, ReversalKind.DirectDebitReturned, "AM04"))
            .Balance.ShouldBe(Eur(100000));

    [Fact]
    public void GivenTransferPayment_WhenRefundedToThePayer_ThenTheNoticeIsReopened() =>
        Spec.Given(Opened, Issue(11), Pay("bank-1", 50000)).When(Reverse("bank-1", "rb-1", 50000, ReversalKind.Refund))
            .Then(Deallocated("bank-1", 11, 50000, "Refund rb-1"), Reversed("bank-1", "rb-1", 50000, ReversalKind.Refund))
            .Notice(N("2026-11"))!.Status.ShouldBe(NoticeStatus.Unpaid);
}
