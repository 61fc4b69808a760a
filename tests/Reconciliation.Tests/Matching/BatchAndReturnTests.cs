using Primitives;
using NodaTime;
using Reconciliation.Matching;
using Reconciliation.Statements;
using static Reconciliation.Tests.Matching.Book;

namespace Reconciliation.Tests.Matching;

public sealed class BatchAndReturnTests
{
    [Fact]
    public void Match_ReturnWithEndToEndIdOfAnEarlierPayment_IsAutoAndReopensTheNotice()
    {
        var engine = new MatchingEngine(Landlord());
        engine.MatchEntry(Entry(51230, creditorRef: Rf123.Value, e2e: "SDD-123"));
        var ret = engine.MatchEntry(Entry(-51230, e2e: "SDD-123", reversal: true, reason: "AM04"));
        var repaid = engine.MatchEntry(Entry(51230, text: "123456/01"));

        ret.Decision.ShouldBe(MatchDecision.Auto);
        var a = ret.Allocations.ShouldHaveSingleItem();
        (a.Tenant.Value, a.Notice!.Value, a.Amount.Cents).ShouldBe(("123456/01", "2026-11/000123", -51230L));
        ret.Evidence.ShouldContain(e => e.Contains("motif AM04, provision insuffisante", StringComparison.Ordinal));
        repaid.Allocations.ShouldHaveSingleItem().Notice!.Value.ShouldBe("2026-11/000123");
    }

    [Fact]
    public void Match_ReturnOfAPaymentBookedBefore_UsesPriorPayments()
    {
        var prior = new PriorPayment("E2E-OLD", null, new TenantReference("234567/01"), new NoticeReference("2026-10/000200"), Money.Eur(40000), new LocalDate(2026, 10, 5));
        var r = new MatchingEngine(Landlord(prior: [prior])).MatchEntry(Entry(-40000, e2e: "E2E-OLD", reversal: true, reason: "MD06"));
        r.Decision.ShouldBe(MatchDecision.Auto);
        r.Allocations.ShouldHaveSingleItem().Notice!.Value.ShouldBe("2026-10/000200");
    }

    [Fact]
    public void Match_ReturnOfUnknownPaymentWithTenantReference_IsSuggested()
    {
        var r = new MatchingEngine(Landlord()).MatchEntry(Entry(-30000, text: "IMPAYE 345678/01", reversal: true));
        r.Decision.ShouldBe(MatchDecision.Suggested);
        r.Allocations.ShouldHaveSingleItem().Amount.Cents.ShouldBe(-30000);
    }

    [Fact]
    public void Match_BatchEntryWithTransactions_AllocatesEachTransaction()
    {
        var entry = Entry(81230, text: "REMISE PRLV", transactions: [Tx(51230, e2e: "E1", text: "2026-11/000123"), Tx(30000, e2e: "E2", text: "2026-11/000301")]);
        var r = new MatchingEngine(Landlord()).MatchEntry(entry);

        r.Decision.ShouldBe(MatchDecision.Auto);
        r.Allocations.Select(a => a.Tenant.Value).ShouldBe(["123456/01", "345678/01"]);
    }

    [Fact]
    public void Match_ChequeDepositWithSlip_AllocatesEachCheque()
    {
        var slip = new StatementEntry("slip", new LocalDate(2026, 11, 3), null, Money.Eur(91230), "0001234", "CHEQUE-DEPOSIT", null, null, null, null, [], null, false, null,
            [Tx(51230, text: "123456/01", name: "DUPONT"), Tx(40000, text: "234567 01", name: "MARTIN")]);
        var book = Landlord(details: [new StatementEntryDetail("cheque deposit", slip)]);
        var credit = Entry(91230, text: "REMISE CHEQUES 0001234", date: new LocalDate(2026, 11, 5));

        var r = new MatchingEngine(book).MatchEntry(credit);

        r.Decision.ShouldBe(MatchDecision.Auto);
        r.Evidence[0].ShouldStartWith("la remise de chèques 0001234 de 912,30\u202f€ explique ce crédit");
        r.Allocations.Select(a => (a.Tenant.Value, a.Amount.Cents)).ShouldBe([("123456/01", 51230L), ("234567/01", 40000L)]);
    }

    [Fact]
    public void Match_PspPayoutWithSettlementBatch_AllocatesCardPaymentsAndSkipsFees()
    {
        var batch = new StatementEntry("b", new LocalDate(2026, 11, 4), null, Money.Eur(81050), "batch 7", "PSP-PAYOUT", "ADYEN", null, null, null, [], null, false, null,
            [Tx(51230, text: "Settled", reference: "PSP1") with { Remittance = ["Settled", "2026-11/000123"] },
             Tx(30000, reference: "PSP2") with { Remittance = ["Settled", "2026-11/000301"] },
             Tx(-180) with { Remittance = ["Fee", "Transaction Fees November"] }]);
        var r = new MatchingEngine(Landlord(details: [new StatementEntryDetail("PSP payout", batch)]))
            .MatchEntry(Entry(81050, text: "ADYEN BV batch 7", date: new LocalDate(2026, 11, 5)));

        r.Decision.ShouldBe(MatchDecision.Auto);
        r.Allocations.Sum(a => a.Amount.Cents).ShouldBe(81230);
        r.Evidence.ShouldContain(e => e.Contains("frais du prestataire", StringComparison.Ordinal));
    }

    [Fact]
    public void Match_EficashRemittance_AllocatesEachCashPayment()
    {
        var day = new StatementEntry("efi", new LocalDate(2026, 11, 6), null, Money.Eur(65000), null, "EFICASH", null, null, null, null, [], null, false, null,
            [Tx(30000, text: "2026-11/000301"), Tx(35000, text: "2026-11/000401")]);
        var r = new MatchingEngine(Landlord(details: [new StatementEntryDetail("Eficash remittance", day)])).MatchEntry(Entry(65000, text: "EFICASH"));
        r.Decision.ShouldBe(MatchDecision.Auto);
        r.Allocations.Select(a => a.Tenant.Value).ShouldBe(["345678/01", "456789/01"]);
    }

    [Fact]
    public void Match_CreditOfSameAmountAsADetailButFarInTime_IsNotLinked()
    {
        var day = new StatementEntry("efi", new LocalDate(2026, 9, 1), null, Money.Eur(65000), null, "EFICASH", null, null, null, null, [], null, false, null,
            [Tx(30000, text: "2026-11/000301"), Tx(35000, text: "2026-11/000401")]);
        var r = new MatchingEngine(Landlord(details: [new StatementEntryDetail("Eficash remittance", day)])).MatchEntry(Entry(65000, text: "VIREMENT"));
        r.Decision.ShouldBe(MatchDecision.Unmatched);
    }

    // Regression (found by tests/Simulation.Tests): a tenant's direct debit of 512,30 € with its notice's RF reference was
    // taken for a card payout of one 512,30 € payment the same week (same amount, near date) and booked as that card payment.
    [Fact]
    public void Match_CreditWithATenantsRfReference_IsNotTakenForAPayoutOfTheSameAmount()
    {
        var payout = new StatementEntry("b", new LocalDate(2026, 11, 4), null, Money.Eur(51230), "batch 8", "PSP-PAYOUT", "ADYEN", null, null, null, [], null, false, null,
            [Tx(51230, reference: "PSP9") with { Remittance = ["Settled", "2026-11/000123"] }, Tx(0) with { Remittance = ["Fee", "none"] }]);
        var debit = Entry(51230, text: "PRLV SEPA LOYER", date: new LocalDate(2026, 11, 5)) with { CreditorReference = Rf123.Value };

        var r = new MatchingEngine(Landlord(details: [new StatementEntryDetail("PSP payout", payout)])).MatchEntry(debit);

        r.Evidence.ShouldNotContain(e => e.Contains("prestataire de paiement", StringComparison.Ordinal));
        r.Transactions.ShouldBeEmpty();
        r.Decision.ShouldBe(MatchDecision.Auto);
        r.Allocations.ShouldHaveSingleItem().Notice!.Value.ShouldBe("2026-11/000123");
    }

    // Regression (found by the killed-import fault test): a camt.054 TIP SEPA batch of one payment is flattened by the parser
    // into the entry itself (no transactions); the credit it explained was "auto" with no allocation, and nothing was posted.
    [Fact]
    public void Match_CreditExplainedByABatchOfOne_AllocatesThatPayment()
    {
        var batch = Entry(51230, text: "LOYER 11/2026 AVIS 2026-11/000123", e2e: "TIP202611000123", creditorRef: Rf123.Value, bankRef: "G2611160133");
        var credit = Entry(51230, text: "REMISE TIP SEPA 2611216", bankRef: "G2611160133");

        var r = new MatchingEngine(Landlord(details: [new StatementEntryDetail("direct-debit batch", batch)])).MatchEntry(credit);

        r.Evidence[0].ShouldStartWith("le lot de prélèvements G2611160133");
        r.Decision.ShouldBe(MatchDecision.Auto);
        var a = r.Allocations.ShouldHaveSingleItem();
        (a.Tenant.Value, a.Notice!.Value, a.Amount.Cents).ShouldBe(("123456/01", "2026-11/000123", 51230L));
    }
}
