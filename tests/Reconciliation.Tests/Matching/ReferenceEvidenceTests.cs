using Reconciliation.Matching;
using static Reconciliation.Tests.Matching.Book;

namespace Reconciliation.Tests.Matching;

public sealed class ReferenceEvidenceTests
{
    [Fact]
    public void Match_StructuredRfReferenceAndExactAmount_IsAutoWithReadableEvidence()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(51230, creditorRef: "RF18539007547034"));

        r.Decision.ShouldBe(MatchDecision.Auto);
        var a = r.Allocations.ShouldHaveSingleItem();
        (a.Tenant.Value, a.Notice!.Value, a.Amount.Cents).ShouldBe(("123456/01", "2026-11/000123", 51230L));
        r.Evidence.ShouldContain("la référence RF18 5390 0754 7034 est celle de l'avis 2026-11/000123 du locataire 123456/01");
        r.Evidence.ShouldContain("montant égal au montant dû");
        r.Confidence.ShouldBe(99);
    }

    [Fact]
    public void Match_RfReferenceWithSpacesInFreeText_IsAuto()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(51230, text: "VIR LOYER rf18 5390 0754 7034 MERCI"));
        r.Decision.ShouldBe(MatchDecision.Auto);
        r.Allocations.ShouldHaveSingleItem().Notice!.Value.ShouldBe("2026-11/000123");
    }

    [Fact]
    public void Match_RfWithWrongCheckDigits_IsNotTakenAsEvidence()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(99, text: "RF17 5390 0754 7034"));
        r.Decision.ShouldBe(MatchDecision.Unmatched);
        r.Allocations.ShouldBeEmpty();
    }

    [Fact]
    public void Match_NoticeReferenceInText_IsAuto()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(30000, text: "LOYER AVIS 2026-11/000301"));
        r.Decision.ShouldBe(MatchDecision.Auto);
        r.Allocations.ShouldHaveSingleItem().Tenant.Value.ShouldBe("345678/01");
    }

    [Theory]
    [InlineData("LOYER 123456/01")]
    [InlineData("LOYER 123456 / 01")]
    public void Match_TenantReferenceAsPrinted_IsAuto(string text)
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(51230, text: text));
        r.Decision.ShouldBe(MatchDecision.Auto);
        r.Allocations.ShouldHaveSingleItem().Notice!.Value.ShouldBe("2026-11/000123");
    }

    [Theory]
    [InlineData("LOYER 12345601")]
    [InlineData("LOYER I23456/0I")]
    [InlineData("LOYER 0123456/01")]
    public void Match_CorrectedTenantReferenceWithExactAmount_IsAuto(string text)
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(51230, text: text));
        r.Decision.ShouldBe(MatchDecision.Auto);
        r.Evidence.ShouldContain(e => e.Contains("(lue ", StringComparison.Ordinal));
    }

    [Fact]
    public void Match_CorrectedTenantReferenceWithOtherAmount_IsOnlySuggested()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(20000, text: "LOYER I23456/0I"));
        r.Decision.ShouldBe(MatchDecision.Suggested);
        r.Allocations.ShouldHaveSingleItem().Amount.Cents.ShouldBe(20000);
    }

    [Fact]
    public void Match_ReferencesOfTwoTenants_IsOnlySuggested()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(91230, text: "123456/01 ET 234567/01"));
        r.Decision.ShouldBe(MatchDecision.Suggested);
        r.Evidence.ShouldContain(e => e.Contains("plusieurs locataires", StringComparison.Ordinal));
    }

    [Fact]
    public void Match_ReferenceContradictedByKnownIbanOfAnotherTenant_IsOnlySuggested()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(30000, text: "2026-11/000301", iban: DupontIban));
        r.Decision.ShouldBe(MatchDecision.Suggested);
        r.Evidence.ShouldContain(e => e.Contains("ne concordent pas", StringComparison.Ordinal));
    }

    [Fact]
    public void Match_TenantReferenceWithOtherAmountAndNoKnownIban_IsOnlySuggested()
    {
        // A tenant reference has no check digit: a mistyped digit is another tenant's reference, so it needs confirming.
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(12300, text: "LOYER 345678/01"));
        r.Decision.ShouldBe(MatchDecision.Suggested);
        r.Evidence.ShouldContain("la référence n'a pas de clé de contrôle et ni le montant, ni le nom du payeur, ni un IBAN connu ne la confirment");
    }

    [Fact]
    public void Match_TenantReferenceWithOtherAmountAndTheTenantsKnownIban_IsAuto()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(12300, text: "LOYER 123456/01", iban: DupontIban));
        r.Decision.ShouldBe(MatchDecision.Auto);
        r.Evidence.ShouldContain("paiement partiel\u00a0: 123,00\u202f€ sur 512,30\u202f€ dus sur l'avis 2026-11/000123");
    }
}
