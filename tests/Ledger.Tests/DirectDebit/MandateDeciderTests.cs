using Ledger.Domain.Accounts;
using Ledger.Domain.DirectDebit;
using NodaTime;

namespace Ledger.Tests.DirectDebit;

/// <summary>The mandate's lifecycle as a pure decider: signature, amendments (RUM, IBAN, SMNDA), revocation, 36-month lapse.</summary>
public sealed class MandateDeciderTests
{
    private const string FrIban = "FR7630006000011234567890189";      // code banque 30006
    private const string SameBankIban = "FR1230006000019876543210937";
    private const string OtherBankIban = "FR7610107001011234567890129";

    private static readonly MandateTerms Terms = new("RUM-100001-01", "100001/01", "Marie Durand", FrIban, "AGRIFRPP",
        new DebtorAddress("rue des Lilas", "12", "75020", "Paris", "FR"), new LocalDate(2026, 10, 1), MandateSequence.Recurrent);

    private static Mandate Given(params object[] events) => events.Aggregate(Mandate.Initial, Mandate.Evolve);

    private static Mandate Run(Mandate s, object command) =>
        MandateDecider.Decide(s, command) is Decision.Accepted a ? a.Events.Aggregate(s, Mandate.Evolve)
        : throw new InvalidOperationException($"not accepted: {MandateDecider.Decide(s, command)}");

    private static MandateCollectionPresented Presented(Mandate s, string e2e, LocalDate on) =>
        (MandateCollectionPresented)((Decision.Accepted)MandateDecider.Decide(s, new PresentCollection(e2e, e2e, on, 47120))).Events[0];

    [Fact]
    public void Sign_SameTermsAgain_UnchangedOtherTerms_ConflictOnRum()
    {
        var s = Run(Mandate.Initial, new SignMandate(Terms, "form"));

        MandateDecider.Decide(s, new SignMandate(Terms, "form")).ShouldBeOfType<Decision.Unchanged>();
        var other = MandateDecider.Decide(s, new SignMandate(Terms with { DebtorName = "Paul Durand" }, "form")).ShouldBeOfType<Decision.Rejected>();
        other.Kind.ShouldBe(RejectionKind.Conflict);
        other.Field.ShouldBe("rum");
    }

    [Theory]
    [InlineData("/RUM1", "rum")]
    [InlineData("RUM//1", "rum")]
    [InlineData("RUM_1", "rum")]
    [InlineData("123456789012345678901234567890123456", "rum")]
    public void Sign_BadRum_InvalidNamingRum(string rum, string field)
    {
        var r = MandateDecider.Decide(Mandate.Initial, new SignMandate(Terms with { Rum = rum }, "form")).ShouldBeOfType<Decision.Rejected>();
        r.Field.ShouldBe(field);
    }

    [Fact]
    public void Sign_BadIbanOrCountry_InvalidNamingTheField()
    {
        MandateDecider.Decide(Mandate.Initial, new SignMandate(Terms with { Iban = "FR7630006000011234567890188" }, "form"))
            .ShouldBeOfType<Decision.Rejected>().Field.ShouldBe("iban");
        MandateDecider.Decide(Mandate.Initial, new SignMandate(Terms with { Address = Terms.Address with { Country = "France" } }, "form"))
            .ShouldBeOfType<Decision.Rejected>().Field.ShouldBe("address.country");
    }

    [Fact]
    public void Sign_AccentedFrenchNameAndAddress_AcceptedAndTransliteratedForTheBank()
    {
        // Regression: "Hélène" and "Créteil" were refused (SEPA set checked on the input, not on what the file carries).
        var french = Terms with
        {
            DebtorName = "Hélène Lefèvre-Dubœuf", Address = new DebtorAddress("rue de l’Église", "3 bis", "94000", "Créteil", "FR"),
        };
        MandateDecider.Decide(Mandate.Initial, new SignMandate(french, "form")).ShouldBeOfType<Decision.Accepted>();

        SepaText.Transliterate(french.DebtorName, 70).ShouldBe("Helene Lefevre-Duboeuf");
        SepaText.Transliterate(french.Address.Street, 70).ShouldBe("rue de l'Eglise");
        SepaText.Transliterate("Straße & Œuvre", 70).ShouldBe("Strasse + OEuvre");
        MandateDecider.Decide(Mandate.Initial, new SignMandate(Terms with { DebtorName = "李" }, "form"))
            .ShouldBeOfType<Decision.Rejected>().Field.ShouldBe("debtorName");
        MandateDecider.Decide(Mandate.Initial, new SignMandate(Terms with { DebtorName = "Marie\nDurand" }, "form"))
            .ShouldBeOfType<Decision.Rejected>().Field.ShouldBe("debtorName");
    }

    [Fact]
    public void Present_FirstThenNext_FrstThenRcur()
    {
        var s = Run(Mandate.Initial, new SignMandate(Terms, "form"));
        Presented(s, "2026-11-000001", new LocalDate(2026, 11, 5)).SequenceType.ShouldBe("FRST");
        s = Run(s, new PresentCollection("2026-11-000001", "2026-11/000001", new LocalDate(2026, 11, 5), 47120));
        Presented(s, "2026-12-000001", new LocalDate(2026, 12, 5)).SequenceType.ShouldBe("RCUR");
    }

    [Fact]
    public void Present_FirstRejected_NextIsFrstAgain()
    {
        var s = Run(Run(Mandate.Initial, new SignMandate(Terms, "form")),
            new PresentCollection("2026-11-000001", "2026-11/000001", new LocalDate(2026, 11, 5), 47120));
        s = Run(s, new RejectCollection("2026-11-000001", "AM04", new LocalDate(2026, 11, 6)));

        Presented(s, "2026-11-000001-R1", new LocalDate(2026, 12, 5)).SequenceType.ShouldBe("FRST");
    }

    [Fact]
    public void Amend_NewRumAndSameBankAccount_NextCollectionCarriesOrgnlMndtIdAndOrgnlDbtrAcctOnce()
    {
        var s = Run(Mandate.Initial, new SignMandate(Terms, "form"));
        s = Run(s, new AmendMandate(new LocalDate(2026, 11, 2), "RUM-100001-02", null, SameBankIban, null, null));

        s.StatusOn(new LocalDate(2026, 11, 3)).ShouldBe(MandateStatus.Amended);
        var carried = Presented(s, "e1", new LocalDate(2026, 11, 5)).Carried.ShouldNotBeNull();
        carried.OriginalRum.ShouldBe("RUM-100001-01");
        carried.OriginalIban.ShouldBe(FrIban);
        carried.NewDebtorBank.ShouldBeFalse();
        s = Run(s, new PresentCollection("e1", "n1", new LocalDate(2026, 11, 5), 47120));
        Presented(s, "e2", new LocalDate(2026, 12, 5)).Carried.ShouldBeNull();
    }

    [Fact]
    public void Amend_AccountInAnotherBank_Smnda()
    {
        var s = Run(Mandate.Initial, new SignMandate(Terms, "form"));
        s = Run(s, new AmendMandate(new LocalDate(2026, 11, 2), null, null, OtherBankIban, null, null));

        var carried = Presented(s, "e1", new LocalDate(2026, 11, 5)).Carried.ShouldNotBeNull();
        carried.NewDebtorBank.ShouldBeTrue();
        carried.OriginalIban.ShouldBeNull();
        carried.OriginalRum.ShouldBeNull();
        s.Terms!.Bic.ShouldBeNull(); // the old bank's BIC does not follow the account to another bank
    }

    [Fact]
    public void Revoke_ThenPresent_ConflictFromTheRevocationDateOn()
    {
        var s = Run(Mandate.Initial, new SignMandate(Terms, "form"));
        s = Run(s, new RevokeMandate(new LocalDate(2026, 11, 20), "courrier du locataire"));

        s.StatusOn(new LocalDate(2026, 11, 19)).ShouldBe(MandateStatus.Active);
        s.StatusOn(new LocalDate(2026, 11, 20)).ShouldBe(MandateStatus.Revoked);
        MandateDecider.Decide(s, new PresentCollection("e1", "n1", new LocalDate(2026, 12, 5), 100)).ShouldBeOfType<Decision.Rejected>().Kind.ShouldBe(RejectionKind.Conflict);
        MandateDecider.Decide(s, new RevokeMandate(new LocalDate(2026, 11, 20), "again")).ShouldBeOfType<Decision.Unchanged>();
    }

    [Fact]
    public void Lapse_36MonthsAfterTheLastPresentation_EvenARejectedOne()
    {
        var s = Run(Mandate.Initial, new SignMandate(Terms, "form"));
        s.StatusOn(new LocalDate(2029, 9, 30)).ShouldBe(MandateStatus.Active);
        s.StatusOn(new LocalDate(2029, 10, 1)).ShouldBe(MandateStatus.Lapsed);

        s = Run(s, new PresentCollection("e1", "n1", new LocalDate(2027, 1, 5), 100));
        s = Run(s, new RejectCollection("e1", "AM04", new LocalDate(2027, 1, 6)));
        s.StatusOn(new LocalDate(2030, 1, 4)).ShouldBe(MandateStatus.Active);
        s.StatusOn(new LocalDate(2030, 1, 5)).ShouldBe(MandateStatus.Lapsed);
        MandateDecider.Decide(s, new PresentCollection("e2", "n2", new LocalDate(2030, 1, 5), 100)).ShouldBeOfType<Decision.Rejected>();
    }

    [Fact]
    public void OneOff_AfterItsCollection_CannotBeUsedAgain()
    {
        var s = Run(Mandate.Initial, new SignMandate(Terms with { Sequence = MandateSequence.OneOff }, "tip"));
        Presented(s, "e1", new LocalDate(2026, 11, 5)).SequenceType.ShouldBe("OOFF");
        s = Run(s, new PresentCollection("e1", "n1", new LocalDate(2026, 11, 5), 100));
        MandateDecider.Decide(s, new PresentCollection("e2", "n2", new LocalDate(2026, 12, 5), 100)).ShouldBeOfType<Decision.Rejected>();
    }

    [Fact]
    public void Reject_OtherCodeForTheSameDebit_Conflict()
    {
        var s = Run(Run(Mandate.Initial, new SignMandate(Terms, "form")), new PresentCollection("e1", "n1", new LocalDate(2026, 11, 5), 100));
        s = Run(s, new RejectCollection("e1", "AM04", new LocalDate(2026, 11, 6)));

        MandateDecider.Decide(s, new RejectCollection("e1", "AM04", new LocalDate(2026, 11, 6))).ShouldBeOfType<Decision.Unchanged>();
        MandateDecider.Decide(s, new RejectCollection("e1", "AC04", new LocalDate(2026, 11, 6))).ShouldBeOfType<Decision.Rejected>().Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Theory]
    [InlineData("2026-11/000001", 0, "2026-11-000001")]
    [InlineData("2026-11/000001", 2, "2026-11-000001-R2")]
    public void EndToEndId_FromNotice_ContractForm(string notice, int presentation, string expected)
    {
        EndToEndId.For(notice, presentation).ShouldBe(expected);
        EndToEndId.PresentationOf(expected).ShouldBe(presentation);
    }
}
