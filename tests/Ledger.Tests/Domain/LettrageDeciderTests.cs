using Ledger.Domain.Accounts;
using NodaTime;
using static Ledger.Tests.Domain.A;

namespace Ledger.Tests.Domain;

public class LettrageDeciderTests
{
    private static readonly ReversePayment ChequeReturned =
        new(P("chq-1"), "rej-1", ReversalKind.ChequeReturned, Eur(50000), new LocalDate(2026, 11, 20), "impayé");

    [Fact]
    public void Codes_FollowBijectiveBase26_AndRoundTrip()
    {
        Lettrage.CodeOf(0).ShouldBe("A");
        Lettrage.CodeOf(25).ShouldBe("Z");
        Lettrage.CodeOf(26).ShouldBe("AA");
        Lettrage.CodeOf(701).ShouldBe("ZZ");
        Lettrage.CodeOf(702).ShouldBe("AAA");
        foreach (var i in new[] { 0, 1, 25, 26, 27, 51, 52, 700, 701, 702, 18277, 18278 }) Lettrage.IndexOf(Lettrage.CodeOf(i)).ShouldBe(i);
    }

    [Fact]
    public void Payment_SettlingNotice_LettersBothCompleteOnPaymentDate()
    {
        Spec.Given(Open, Issue(11)).When(Pay("bank-1", 50000))
            .ThenLettrage(new LettrageApplied("A", ["N:2026-11", "P:bank-1"], 0, Day));
    }

    [Fact]
    public void PartialPayment_IsPartialGroup_ThenCompletedKeepingItsCode()
    {
        var state = Spec.Given(Open, Issue(11)).When(Pay("bank-1", 20000))
            .ThenLettrage(new LettrageApplied("A", ["N:2026-11", "P:bank-1"], 30000, null));
        state.Lettrage.GroupOf("N:2026-11")!.Display.ShouldBe("a");
        var later = new LocalDate(2026, 11, 25);
        Spec.Given(Open, Issue(11), Pay("bank-1", 20000)).When(Pay("bank-2", 30000, on: later))
            .ThenLettrage(new LettrageApplied("A", ["N:2026-11", "P:bank-1", "P:bank-2"], 0, later));
    }

    [Fact]
    public void PaymentSpreadOverTwoNotices_OneGroupOfThree()
    {
        Spec.Given(Open, Issue(10), Issue(11)).When(Pay("bank-1", 100000))
            .ThenLettrage(new LettrageApplied("A", ["N:2026-10", "N:2026-11", "P:bank-1"], 0, Day));
    }

    [Fact]
    public void ChequeReturned_UnlettersGroup_PaymentAndReversalLetteredUnderNewCode_NoticeOpen()
    {
        var state = Spec.Given(Open, Issue(11), Pay("chq-1", 50000, channel: Primitives.PaymentChannel.Cheque)).When(ChequeReturned)
            .ThenLettrage(new LettrageUndone("A", "ChequeReturned rej-1"), new LettrageApplied("B", ["P:chq-1"], 0, ChequeReturned.On));
        state.Lettrage.GroupOf("N:2026-11").ShouldBeNull();
        state.Lettrage.NextCode.ShouldBe(2);
    }

    [Fact]
    public void UndoThenReallocate_NewCode_OldNeverReused()
    {
        var state = Spec.Given(Open, Issue(10), Issue(11), Pay("bank-1", 50000)).State; // pays October: group A
        state.Lettrage.GroupOf("N:2026-10")!.Code.ShouldBe("A");
        var after = Spec.Given(Open, Issue(10), Issue(11), Pay("bank-1", 50000))
            .When(new ReallocatePayment(P("bank-1"), N("2026-10"), N("2026-11"), Eur(50000)))
            .ThenLettrage(new LettrageUndone("A", "re-allocated from 2026-10 to 2026-11"),
                new LettrageApplied("B", ["N:2026-11", "P:bank-1"], 0, new LocalDate(2026, 11, 10)));
        after.Lettrage.Groups.Keys.ShouldBe(["B"]);
        after.Lettrage.GroupOf("N:2026-10").ShouldBeNull();
    }

    [Fact]
    public void CreditNote_OnPaidNotice_ReopensGroupUnderNewCode()
    {
        Spec.Given(Open, Issue(11), Pay("bank-1", 50000))
            .When(new CreditNotice(N("2026-11"), "AV-1", [Rent(1000)], new LocalDate(2026, 11, 12), "geste"))
            .ThenLettrage(new LettrageUndone("A", "credit note AV-1"), new LettrageApplied("B", ["N:2026-11", "P:bank-1"], -1000, null));
    }

    [Fact]
    public void WriteOff_OfWholeNotice_LettersTheNoticeAlone()
    {
        var on = new LocalDate(2026, 12, 1);
        Spec.Given(Open, Issue(11)).When(new WriteOffNotice("wo-1", N("2026-11"), Eur(50000), on, "chef", "irrécouvrable"))
            .ThenLettrage(new LettrageApplied("A", ["N:2026-11"], 0, on));
    }

    [Fact]
    public void LonePayment_AsCredit_IsUnlettered()
    {
        Spec.Given(Open).When(Pay("bank-1", 50000)).Decision.ShouldBeOfType<Decision.Accepted>()
            .Events.ShouldNotContain(e => e is LettrageApplied || e is LettrageUndone);
    }

    [Fact]
    public void RefundOfCredit_LettersPaymentWithRefund()
    {
        Spec.Given(Open, Issue(11), Pay("bank-1", 60000))
            .When(new RefundCredit("rb-1", Eur(10000), new LocalDate(2026, 11, 30), "chef", "trop-perçu"))
            .ThenLettrage(new LettrageApplied("A", ["N:2026-11", "P:bank-1", "R:rb-1"], 0, new LocalDate(2026, 11, 30)));
    }
}
