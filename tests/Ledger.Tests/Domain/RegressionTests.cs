using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;
using Primitives;
using NodaTime;

namespace Ledger.Tests.Domain;

/// <summary>One test per defect found by the domain review (see the ledger issue's note).</summary>
public sealed class RegressionTests
{
    [Fact]
    public void Bug_FingerprintDelimiters_ReferenceContainingASeparatorIsAConflictNotARepeat()
    {
        var packed = new RecordPayment(A.P("transfer:FP-1"), PaymentChannel.Transfer, A.Eur(1000), A.Day,
            new Dictionary<string, string> { ["bankReference"] = "X;chequeNumber=1" }, null);
        var split = packed with { ExternalReferences = new Dictionary<string, string> { ["bankReference"] = "X", ["chequeNumber"] = "1" } };

        Spec.Given(A.Open, packed).When(split).ThenRejected(RejectionKind.Conflict, "paymentId");
    }

    [Fact]
    public void Bug_ZeroRlsLine_IsRejected()
    {
        Spec.Given(A.Open).When(A.Issue(11, A.Rent(50000), A.Rls(0))).ThenRejected(RejectionKind.Invalid, "lines[1].amount");
    }

    [Fact]
    public void Bug_CreditNoteOnAKindTheNoticeDidNotCharge_IsRejected()
    {
        var credit = new CreditNotice(A.N("2026-11"), "AV-1", [A.Sls(1000)], A.Day, "erreur");

        Spec.Given(A.Open, A.Issue(11, A.Rent(50000))).When(credit).ThenRejected(RejectionKind.Invalid, "lines[0].kind");
    }

    [Fact]
    public void Bug_CreditNoteTakingOffMoreThanTheKindCharged_IsRejected()
    {
        var credit = new CreditNotice(A.N("2026-11"), "AV-2", [A.Charges(6000)], A.Day, "erreur");

        Spec.Given(A.Open, A.Issue(11, A.Rent(50000), A.Charges(5000))).When(credit).ThenRejected(RejectionKind.Invalid, "lines[0].kind");
    }

    [Fact]
    public void Bug_CancellingANoticeCreditedToZero_PostsNoEmptyJournalEntry()
    {
        var state = Spec.Given(A.Open, A.Issue(11, A.Rent(50000)), new CreditNotice(A.N("2026-11"), "AV-3", [A.Rent(50000)], A.Day, "annulé")).State;
        var decision = TenantAccountDecider.Decide(state, new CancelNotice(A.N("2026-11"), A.Day, "doublon"));

        var cancelled = decision.ShouldBeOfType<Decision.Accepted>().Events.OfType<NoticeCancelled>().Single();
        JournalPosting.For(cancelled, state, new ChartOfAccounts()).ShouldBeNull();
    }

    [Fact]
    public void Bug_DefaultCurrency_IsEur()
    {
        (default(Money) + Money.Eur(100)).ShouldBe(Money.Eur(100));
        default(Currency).ShouldBe(Currency.Eur);
        default(Currency).GetHashCode().ShouldBe(Currency.Eur.GetHashCode());
    }
}
