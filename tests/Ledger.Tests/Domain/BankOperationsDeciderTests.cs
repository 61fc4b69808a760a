using Ledger.Domain.Accounts;
using Ledger.Domain.Bank;
using Ledger.Domain.Journal;
using NodaTime;
using Primitives;

namespace Ledger.Tests.Domain;

/// <summary>Given/When/Then for the landlord's bank operations (suspense 471, fees 627, not rent).</summary>
[Trait("Category", "Unit")]
public sealed class BankOperationsDeciderTests
{
    private static readonly ChartOfAccounts Chart = new();
    private static readonly LocalDate Nov6 = new(2026, 11, 6);

    private static ParkInSuspense Park(string id = "E1", long cents = 51230) =>
        new(id, Money.Eur(cents), Nov6, PaymentChannel.Transfer, "FR76 banque", "payeur inconnu", "compta");

    private static ClearSuspense ClearToTenant(string id = "E1", long cents = 51230) =>
        new(id, SuspenseClearing.Tenant, Money.Eur(cents), Nov6.PlusDays(3), PaymentChannel.Transfer, null, ["100001/01"], "identifié", "compta");

    /// <summary>The state after accepting each command of the history (a fixture command that is refused fails the test).</summary>
    private static BankOperations Given(params object[] history) => history.Aggregate(BankOperations.Initial, (s, c) =>
        BankOperationsDecider.Decide(s, c).ShouldBeOfType<Decision.Accepted>().Events.Aggregate(s, BankOperations.Evolve));

    private static object Then(Decision decision) => decision.ShouldBeOfType<Decision.Accepted>().Events.ShouldHaveSingleItem();

    /// <summary>The entry as "journal: account D|C cents, …", balanced or the test fails.</summary>
    private static string Post(object @event)
    {
        var entry = BankPosting.For(@event, Chart).ShouldNotBeNull();
        entry.TotalDebit.ShouldBe(entry.TotalCredit);
        entry.Lines.ShouldAllBe(l => (l.Debit == 0) != (l.Credit == 0));
        return entry.Journal + ": " + string.Join(", ", entry.Lines.Select(l => l.Debit > 0 ? $"{l.Account} D {l.Debit}" : $"{l.Account} C {l.Credit}"));
    }

    [Fact]
    public void Park_NewEntry_ParksItAndBooks512DebitAnd471Credit()
    {
        var e = Then(BankOperationsDecider.Decide(Given(), Park())).ShouldBeOfType<SuspenseParked>();

        (e.EntryId, e.Amount, e.ValueDate).ShouldBe(("E1", Money.Eur(51230), Nov6));
        Post(e).ShouldBe("BQ: 512 D 51230, 471 C 51230");
        BankOperations.Evolve(Given(), e).OpenSuspenseCents(Currency.Eur).ShouldBe(51230);
    }

    [Fact]
    public void Park_SameEntrySameContent_IsUnchanged() =>
        BankOperationsDecider.Decide(Given(Park()), Park()).ShouldBeOfType<Decision.Unchanged>();

    [Fact]
    public void Park_SameEntryOtherAmount_IsAConflictOnEntryId() =>
        BankOperationsDecider.Decide(Given(Park()), Park(cents: 51231)).ShouldBeOfType<Decision.Rejected>()
            .ShouldSatisfyAllConditions(r => r.Kind.ShouldBe(RejectionKind.Conflict), r => r.Field.ShouldBe("entryId"));

    [Fact]
    public void Park_ZeroAmount_IsInvalidOnAmount() =>
        BankOperationsDecider.Decide(Given(), Park(cents: 0)).ShouldBeOfType<Decision.Rejected>().Field.ShouldBe("amount");

    [Fact]
    public void Clear_ToTenant_TakesItOff471AgainstTheBankAndSuspenseIsZero()
    {
        var given = Given(Park());

        var e = Then(BankOperationsDecider.Decide(given, ClearToTenant())).ShouldBeOfType<SuspenseCleared>();

        Post(e).ShouldBe("BQ: 471 D 51230, 512 C 51230");
        BankOperations.Evolve(given, e).OpenSuspenseCents(Currency.Eur).ShouldBe(0);
    }

    [Fact]
    public void Clear_Twice_SecondIsUnchanged_AndAnotherClearingIsAConflict()
    {
        var given = Given(Park(), ClearToTenant());

        BankOperationsDecider.Decide(given, ClearToTenant()).ShouldBeOfType<Decision.Unchanged>();
        BankOperationsDecider.Decide(given, ClearToTenant() with { To = SuspenseClearing.Returned, Tenants = [] })
            .ShouldBeOfType<Decision.Rejected>().Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Fact]
    public void Clear_AnotherAmountThanParked_IsAConflictOnAmount() =>
        BankOperationsDecider.Decide(Given(Park()), ClearToTenant(cents: 50000)).ShouldBeOfType<Decision.Rejected>()
            .ShouldSatisfyAllConditions(r => r.Kind.ShouldBe(RejectionKind.Conflict), r => r.Field.ShouldBe("amount"));

    [Fact]
    public void Clear_EntryNeverParked_IsNotFound() =>
        BankOperationsDecider.Decide(Given(), ClearToTenant()).ShouldBeOfType<Decision.Rejected>().Kind.ShouldBe(RejectionKind.NotFound);

    [Fact]
    public void Clear_ToNotRentWithoutKind_IsInvalidOnKind() =>
        BankOperationsDecider.Decide(Given(Park()), ClearToTenant() with { To = SuspenseClearing.NotRent, Tenants = [] })
            .ShouldBeOfType<Decision.Rejected>().Field.ShouldBe("kind");

    [Fact]
    public void Clear_ToNotRentCaf_IsBookedInOdOn4411()
    {
        var e = Then(BankOperationsDecider.Decide(Given(Park()),
            ClearToTenant() with { To = SuspenseClearing.NotRent, Kind = NotRentKind.Caf, Tenants = [] }));

        Post(e).ShouldBe("OD: 471 D 51230, 4411 C 51230");
    }

    [Fact]
    public void Clear_ReturnedToPayer_Books471DebitAnd512Credit() =>
        Post(Then(BankOperationsDecider.Decide(Given(Park()), ClearToTenant() with { To = SuspenseClearing.Returned, Tenants = [] })))
            .ShouldBe("BQ: 471 D 51230, 512 C 51230");

    [Fact]
    public void BookFees_PspFeesOfACardPayout_Books627DebitAnd467CreditInCb()
    {
        var e = Then(BankOperationsDecider.Decide(Given(), new BookBankFees("P1", Money.Eur(312), Nov6, PaymentChannel.Card, "", "commission Adyen", "recon")));

        Post(e).ShouldBe("CB: 627 D 312, 467 C 312");
    }

    [Fact]
    public void BookFees_BankCharges_Books627DebitAnd512CreditAndARepeatIsUnchanged()
    {
        var fees = new BookBankFees("F1", Money.Eur(1250), Nov6, PaymentChannel.Transfer, "", "frais de tenue de compte", "compta");

        Post(Then(BankOperationsDecider.Decide(Given(), fees))).ShouldBe("BQ: 627 D 1250, 512 C 1250");
        BankOperationsDecider.Decide(Given(fees), fees).ShouldBeOfType<Decision.Unchanged>();
        BankOperationsDecider.Decide(Given(fees), fees with { Amount = Money.Eur(1251) }).ShouldBeOfType<Decision.Rejected>().Kind.ShouldBe(RejectionKind.Conflict);
    }

    [Theory]
    [InlineData(NotRentKind.InternalTransfer, "580")]
    [InlineData(NotRentKind.Caf, "4411")]
    [InlineData(NotRentKind.Other, "7588")]
    public void RecordNotRent_Receipt_Books512DebitAndTheKindsAccount(NotRentKind kind, string account) =>
        Post(Then(BankOperationsDecider.Decide(Given(), new RecordNotRent("N1", kind, Money.Eur(90000), Nov6, PaymentChannel.Transfer, "", "virement", "compta"))))
            .ShouldBe($"BQ: 512 D 90000, {account} C 90000");

    [Fact]
    public void RecordNotRent_EntryInSuspense_IsAConflict_ClearItInstead() =>
        BankOperationsDecider.Decide(Given(Park()), new RecordNotRent("E1", NotRentKind.Caf, Money.Eur(51230), Nov6, PaymentChannel.Transfer, "", "CAF", "compta"))
            .ShouldBeOfType<Decision.Rejected>().ShouldSatisfyAllConditions(r => r.Kind.ShouldBe(RejectionKind.Conflict), r => r.Field.ShouldBe("entryId"));

    [Fact]
    public void RecordNotRent_BankFeesKind_IsInvalid_FeesHaveTheirOwnCommand() =>
        BankOperationsDecider.Decide(Given(), new RecordNotRent("N2", NotRentKind.BankFees, Money.Eur(-100), Nov6, PaymentChannel.Transfer, "", "frais", "compta"))
            .ShouldBeOfType<Decision.Rejected>().Field.ShouldBe("kind");

    [Fact]
    public void Park_ADebitLine_Books471DebitAnd512Credit() =>
        Post(Then(BankOperationsDecider.Decide(Given(), Park(cents: -4000)))).ShouldBe("BQ: 512 C 4000, 471 D 4000");

    [Fact]
    public void Clear_ADebitToTenants_TheReturnOfATenantPaymentFoundLater_Books471CreditAnd512Debit() =>
        // The reversal that follows books 411 debit, 512 credit: 512 is credited once in total, 471 back to zero.
        Post(Then(BankOperationsDecider.Decide(Given(Park(cents: -4000)), ClearToTenant(cents: -4000))))
            .ShouldBe("BQ: 471 C 4000, 512 D 4000");

    private static CreditRemittance Remit(PaymentChannel from, long cents = 98450, string id = "R1") =>
        new(id, Money.Eur(cents), Nov6, from, "FR76 banque", "remise", "reconciliation");

    [Theory]
    [InlineData(PaymentChannel.Card, "BQ: 512 D 98450, 467 C 98450")]
    [InlineData(PaymentChannel.Cheque, "BQ: 512 D 98450, 5112 C 98450")]
    public void Remittance_PayoutOrSlipCredited_Books512AgainstItsClearingAccount(PaymentChannel from, string entry)
    {
        var e = Then(BankOperationsDecider.Decide(Given(), Remit(from))).ShouldBeOfType<RemittanceCredited>();

        Post(e).ShouldBe(entry);
        BankOperationsDecider.Decide(Given(Remit(from)), Remit(from)).ShouldBeOfType<Decision.Unchanged>();
    }

    [Fact]
    public void Remittance_SameEntryOtherAmount_IsAConflictOnEntryId() =>
        BankOperationsDecider.Decide(Given(Remit(PaymentChannel.Card)), Remit(PaymentChannel.Card, 98451)).ShouldBeOfType<Decision.Rejected>()
            .ShouldSatisfyAllConditions(r => r.Kind.ShouldBe(RejectionKind.Conflict), r => r.Field.ShouldBe("entryId"));

    [Theory]
    [InlineData(PaymentChannel.Transfer, 98450, "from")]
    [InlineData(PaymentChannel.Card, -98450, "amount")]
    [InlineData(PaymentChannel.Cheque, 0, "amount")]
    public void Remittance_NoClearingAccountOrNotACredit_IsInvalidNamingTheField(PaymentChannel from, long cents, string field) =>
        BankOperationsDecider.Decide(Given(), Remit(from, cents)).ShouldBeOfType<Decision.Rejected>().Field.ShouldBe(field);

    [Fact]
    public void Remittance_EntryAlreadyInSuspense_IsAConflict() =>
        BankOperationsDecider.Decide(Given(Park("R1")), Remit(PaymentChannel.Cheque)).ShouldBeOfType<Decision.Rejected>().Kind.ShouldBe(RejectionKind.Conflict);
}
