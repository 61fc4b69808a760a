using Reconciliation.Matching;
using static Reconciliation.Tests.Matching.Book;

namespace Reconciliation.Tests.Matching;

public sealed class AllocationTests
{
    [Fact]
    public void Match_OneTransferForTwoNotices_AllocatesEachNotice()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(80000, text: "AVIS 2026-10/000200 ET 2026-11/000201"));

        r.Decision.ShouldBe(MatchDecision.Auto);
        r.Allocations.Select(a => (a.Notice!.Value, a.Amount.Cents)).ShouldBe([("2026-10/000200", 40000L), ("2026-11/000201", 40000L)]);
    }

    [Fact]
    public void Match_TwoPaymentsForOneNotice_SecondPaysTheRest()
    {
        var engine = new MatchingEngine(Landlord());
        var first = engine.MatchEntry(Entry(20000, creditorRef: Rf123.Value));
        var second = engine.MatchEntry(Entry(31230, creditorRef: Rf123.Value));

        first.Evidence.ShouldContain("paiement partiel\u00a0: 200,00\u202f€ sur 512,30\u202f€ dus sur l'avis 2026-11/000123");
        second.Decision.ShouldBe(MatchDecision.Auto);
        second.Allocations.ShouldHaveSingleItem().Amount.Cents.ShouldBe(31230);
        second.Evidence.ShouldNotContain(e => e.Contains("crédit", StringComparison.Ordinal));
    }

    [Fact]
    public void Match_Overpayment_ExcessBecomesCredit()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(60000, creditorRef: Rf123.Value));

        r.Allocations.Count.ShouldBe(2);
        r.Allocations[0].Amount.Cents.ShouldBe(51230);
        r.Allocations[1].Notice.ShouldBeNull();
        r.Allocations[1].Amount.Cents.ShouldBe(8770);
        r.Evidence.ShouldContain("87,70\u202f€ de plus que le montant dû\u00a0: crédit sur le compte du locataire 123456/01");
    }

    [Fact]
    public void Match_TenantReferenceOnly_PaysOldestNoticeFirst()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(50000, text: "234567/01"));

        r.Allocations.Select(a => (a.Notice!.Value, a.Amount.Cents)).ShouldBe([("2026-10/000200", 40000L), ("2026-11/000201", 10000L)]);
        r.Evidence.ShouldContain("paiement partiel\u00a0: 100,00\u202f€ sur 400,00\u202f€ dus sur l'avis 2026-11/000201");
    }

    [Fact]
    public void Match_PaymentForAlreadyPaidNotice_BecomesCredit()
    {
        var engine = new MatchingEngine(Landlord());
        engine.MatchEntry(Entry(51230, creditorRef: Rf123.Value));
        var again = engine.MatchEntry(Entry(51230, creditorRef: Rf123.Value));

        again.Allocations.ShouldHaveSingleItem().Notice.ShouldBeNull();
        again.Evidence.ShouldContain("l'avis 2026-11/000123 est déjà payé");
    }
}
