using Reconciliation.Matching;
using static Reconciliation.Tests.Matching.Book;

namespace Reconciliation.Tests.Matching;

public sealed class WeakEvidenceTests
{
    [Fact]
    public void Match_KnownIbanAndExactAmount_IsAuto()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(61000, iban: OtherIban));
        r.Decision.ShouldBe(MatchDecision.Auto);
        r.Allocations.ShouldHaveSingleItem().Tenant.Value.ShouldBe("567890/02");
        r.Evidence.ShouldContain("IBAN du payeur déjà vu pour le locataire 567890/02\u00a0; montant égal au montant dû");
    }

    [Fact]
    public void Match_KnownIbanAndOtherAmount_IsSuggested()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(10000, iban: OtherIban));
        r.Decision.ShouldBe(MatchDecision.Suggested);
    }

    [Fact]
    public void Match_NameAndExactAmount_IsAtMostASuggestion()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(40000, name: "M JEAN MARTIN"));
        r.Decision.ShouldBe(MatchDecision.Suggested);
        r.Allocations.ShouldHaveSingleItem().Tenant.Value.ShouldBe("234567/01");
    }

    [Fact]
    public void Match_NameWithATypo_IsStillSuggested()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(61000, name: "SOPHIE LEROUY"));
        r.Decision.ShouldBe(MatchDecision.Suggested);
        r.Allocations.ShouldHaveSingleItem().Tenant.Value.ShouldBe("567890/02");
    }

    [Theory]
    [InlineData(30000L, "345678/01")]
    [InlineData(35000L, "456789/01")]
    public void Match_TwoTenantsWithTheSameName_IsNeverAuto(long cents, string expectedSuggestion)
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(cents, name: "PAUL DURAND"));
        r.Decision.ShouldBe(MatchDecision.Suggested);
        r.Evidence.ShouldContain(e => e.StartsWith("2 locataires portent ce nom", StringComparison.Ordinal));
        r.Allocations.ShouldHaveSingleItem().Tenant.Value.ShouldBe(expectedSuggestion);
    }

    [Fact]
    public void Match_NoEvidence_IsUnmatched()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(12345, text: "VIREMENT", name: "SOCIETE X"));
        r.Decision.ShouldBe(MatchDecision.Unmatched);
        r.Allocations.ShouldBeEmpty();
        r.Confidence.ShouldBe(0);
    }

    [Fact]
    public void Match_BankFeeDebit_IsUnmatched()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(-1200, text: "FRAIS 123456/01"));
        r.Decision.ShouldBe(MatchDecision.Unmatched);
    }

    [Fact]
    public void Match_SameInputTwice_GivesTheSameResults()
    {
        var entries = new[] { Entry(20000, creditorRef: Rf123.Value), Entry(35000, name: "PAUL DURAND"), Entry(80000, text: "234567/01") };
        var a = new MatchingEngine(Landlord()).Match(entries);
        var b = new MatchingEngine(Landlord()).Match(entries);
        Output.MatchJson.ToJson(a, []).ShouldBe(Output.MatchJson.ToJson(b, []));
    }

    [Fact]
    public void Records_ToString_DoNotShowNamesOrIbans()
    {
        var tenant = Landlord().Tenants[0];
        var entry = Entry(100, name: "MARIE DUPONT", iban: DupontIban);
        tenant.ToString().ShouldNotContain("DUPONT");
        entry.ToString().ShouldNotContain("DUPONT");
        entry.ToString().ShouldNotContain(DupontIban);
        entry.ToString().ShouldContain(entry.Id);
    }

    [Fact]
    public void Match_BatchWithoutTransactionAmounts_UsesTheTransactionTexts()
    {
        var entry = Entry(51230, transactions: [Tx(0) with { Amount = null, CreditorReference = Rf123.Value }, Tx(0) with { Amount = null }]);
        var r = new MatchingEngine(Landlord()).MatchEntry(entry);
        r.Decision.ShouldBe(MatchDecision.Auto);
        r.Allocations.ShouldHaveSingleItem().Notice!.Value.ShouldBe("2026-11/000123");
    }
}
