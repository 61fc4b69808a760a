using Ledger.Domain.Accounts;
using Primitives;
using NodaTime;
using static Ledger.Tests.Domain.A;

namespace Ledger.Tests.Domain;

[Trait("Category", "Unit")]
public sealed class AccountAndNoticeDeciderTests
{
    [Fact]
    public void GivenNothing_WhenOpenAccount_ThenAccountOpened() =>
        Spec.Given().When(Open).Then(Opened);

    [Fact]
    public void GivenOpenAccount_WhenOpenedAgainWithSameDetails_ThenUnchanged() =>
        Spec.Given(Opened).When(Open).ThenUnchanged();

    [Fact]
    public void GivenOpenAccount_WhenOpenedAgainWithAnotherName_ThenConflictOnTenantReference() =>
        Spec.Given(Opened).When(Open with { TenantName = "J. Martin" }).ThenRejected(RejectionKind.Conflict, "tenantReference");

    [Fact]
    public void GivenOpenAccount_WhenImportOpensItWithAnotherName_ThenUnchanged() =>
        Spec.Given(Opened).When(Open with { TenantName = "J. Martin", OnlyIfAbsent = true }).ThenUnchanged();

    [Fact]
    public void GivenNothing_WhenOpenAccountWithoutName_ThenInvalidTenantName() =>
        Spec.Given().When(Open with { TenantName = " " }).ThenRejected(RejectionKind.Invalid, "tenantName");

    [Fact]
    public void GivenNoAccount_WhenCloseAccount_ThenNotFound() =>
        Spec.Given().When(new CloseAccount(Day, "départ")).ThenRejected(RejectionKind.Invalid, "tenantReference");

    [Fact]
    public void GivenOpenAccount_WhenCloseAccount_ThenAccountClosed() =>
        Spec.Given(Opened).When(new CloseAccount(Day, "départ")).Then(new AccountClosed(Day, "départ")).Closed.ShouldBeTrue();

    [Fact]
    public void GivenClosedAccount_WhenCloseAgain_ThenUnchanged() =>
        Spec.Given(Opened, new AccountClosed(Day, "départ")).When(new CloseAccount(Day, "autre")).ThenUnchanged();

    [Fact]
    public void GivenOpenAccount_WhenIssueNoticeWithRentChargesAndRls_ThenNoticeIssuedWithTheNetTotal()
    {
        // 512.30 rent + 80.00 charges − 45.70 RLS = 546.60
        var state = Spec.Given(Opened).When(Issue(11, Rent(51230), Charges(8000), Rls(-4570)))
            .Then(Issued(11, Rent(51230), Charges(8000), Rls(-4570)) with { Total = Eur(54660) });
        state.Balance.ShouldBe(Eur(54660));
        state.Notice(N("2026-11"))!.Status.ShouldBe(NoticeStatus.Unpaid);
    }

    [Fact]
    public void GivenOpenAccount_WhenIssueNoticeWithoutRf_ThenTheRfIsBuiltFromTheNoticeReference()
    {
        var outcome = Spec.Given(Opened).When(Issue(11) with { RfReference = null });
        var issued = outcome.Decision.ShouldBeOfType<Decision.Accepted>().Events.OfType<NoticeIssued>().Single();
        // body "202611": letters and digits of "2026-11"
        issued.RfReference.Value[4..].ShouldBe("202611");
        RfReference.IsValid(issued.RfReference.Value).ShouldBeTrue();
    }

    [Fact]
    public void GivenNoAccount_WhenIssueNotice_ThenNotFound() =>
        Spec.Given().When(Issue(11)).ThenRejected(RejectionKind.Invalid, "tenantReference");

    [Fact]
    public void GivenOpenAccount_WhenIssueNoticeWithPositiveRls_ThenInvalidLineAmount() =>
        Spec.Given(Opened).When(Issue(11, Rent(50000), Rls(4570))).ThenRejected(RejectionKind.Invalid, "lines[1].amount");

    [Theory]
    [InlineData(NoticeLineKind.Rent)]
    [InlineData(NoticeLineKind.Charges)]
    [InlineData(NoticeLineKind.Sls)]
    public void GivenOpenAccount_WhenIssueNoticeWithNegativeLine_ThenInvalidLineAmount(NoticeLineKind kind) =>
        Spec.Given(Opened).When(Issue(11, Rent(50000), new NoticeLine(kind, "x", Eur(-1))))
            .ThenRejected(RejectionKind.Invalid, "lines[1].amount");

    [Fact]
    public void GivenOpenAccount_WhenIssueNoticeWithANegativeOtherLine_ThenAccepted() =>
        Spec.Given(Opened).When(Issue(11, Rent(50000), new NoticeLine(NoticeLineKind.Other, "Remise", Eur(-1000))))
            .Then(Issued(11, Rent(50000), new NoticeLine(NoticeLineKind.Other, "Remise", Eur(-1000))) with { Total = Eur(49000) });

    [Fact]
    public void GivenOpenAccount_WhenIssueNoticeInAnotherCurrency_ThenInvalidLineCurrency() =>
        Spec.Given(Opened).When(Issue(11, Rent(50000), new NoticeLine(NoticeLineKind.Charges, "x", new Money(100, new Currency("CHF")))))
            .ThenRejected(RejectionKind.Invalid, "lines[1].currency");

    [Fact]
    public void GivenOpenAccount_WhenIssueNoticeWhoseRlsCancelsTheRent_ThenInvalidLines() =>
        Spec.Given(Opened).When(Issue(11, Rent(4570), Rls(-4570))).ThenRejected(RejectionKind.Invalid, "lines");

    [Fact]
    public void GivenOpenAccount_WhenIssueNoticeWithoutLines_ThenInvalidLines() =>
        Spec.Given(Opened).When(Issue(11) with { Lines = [] }).ThenRejected(RejectionKind.Invalid, "lines");

    [Fact]
    public void GivenIssuedNotice_WhenIssuedAgainWithSameContent_ThenUnchanged() =>
        Spec.Given(Opened, Issue(11)).When(Issue(11)).ThenUnchanged();

    [Fact]
    public void GivenIssuedNotice_WhenIssuedAgainWithOtherAmount_ThenConflictOnNoticeReference() =>
        Spec.Given(Opened, Issue(11)).When(Issue(11, Rent(50001))).ThenRejected(RejectionKind.Conflict, "noticeReference");

    [Fact]
    public void GivenIssuedNotice_WhenIssuedAgainWithOtherDueDate_ThenConflict() =>
        Spec.Given(Opened, Issue(11)).When(Issue(11) with { DueDate = new LocalDate(2026, 11, 6) })
            .ThenRejected(RejectionKind.Conflict, "noticeReference");

    [Fact]
    public void GivenClosedAccount_WhenIssueNotice_ThenConflict() =>
        Spec.Given(Opened, new AccountClosed(Day, "départ")).When(Issue(11)).ThenRejected(RejectionKind.Conflict, "tenantReference");

    [Fact]
    public void GivenClosedAccountWithNotice_WhenTheSameNoticeIsImportedAgain_ThenUnchanged() =>
        Spec.Given(Opened, Issue(10), new AccountClosed(Day, "départ")).When(Issue(10)).ThenUnchanged();

    [Fact]
    public void GivenCreditOf100_WhenIssueNoticeOf500_ThenTheCreditIsAllocatedToIt()
    {
        var state = Spec.Given(Opened, Pay("bank-1", 10000)).When(Issue(11))
            .Then(Issued(11) with { Total = Eur(50000) }, Allocated("bank-1", 11, 10000));
        state.Notice(N("2026-11"))!.Outstanding.ShouldBe(Eur(40000));
        state.Credit.ShouldBe(Eur(0));
        state.Balance.ShouldBe(Eur(40000));
    }

    [Fact]
    public void GivenCreditOf700_WhenIssueNoticeOf500_ThenItIsPaidAnd200StaysAsCredit()
    {
        var state = Spec.Given(Opened, Pay("bank-1", 70000)).When(Issue(11))
            .Then(Issued(11) with { Total = Eur(50000) }, Allocated("bank-1", 11, 50000));
        state.Notice(N("2026-11"))!.Status.ShouldBe(NoticeStatus.Paid);
        state.Credit.ShouldBe(Eur(20000));
        state.Balance.ShouldBe(Eur(-20000));
    }
}
