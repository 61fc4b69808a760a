using Ledger.Domain.Accounts;
using Ledger.Domain.Receipts;
using NodaTime;
using Primitives;
using static Ledger.Tests.Domain.A;

namespace Ledger.Tests.Domain;

/// <summary>Quittance or reçu, from the account's state and lettrage; the documents' history when payments come and go.</summary>
[Trait("Category", "Unit")]
public sealed class ReceiptRuleTests
{
    // November: loyer 430,00 + SLS 20,00 − RLS 45,00 = 405,00 of loyer, 107,30 of charges: 512,30 in all.
    private static readonly NoticeLine[] November = [Rent(43000), Sls(2000), Rls(-4500), Charges(10730)];
    private static readonly LocalDate Fifth = new(2026, 11, 5);
    private static readonly LocalDate Twentieth = new(2026, 11, 20);

    private static TenantAccount Given(params object[] history) => Spec.Given(history).State;

    private static ReceiptDecision Decide(TenantAccount s, int month = 11) =>
        ReceiptRule.Decide(s, N($"2026-{month:00}"), NoticeReductions.None(Currency.Eur));

    /// <summary>Each command decided in turn; its events (money and lettrage) form one commit, as the writer appends them.</summary>
    private static IReadOnlyList<IReadOnlyList<object>> Commits(params object[] commands)
    {
        var state = TenantAccount.Initial;
        var commits = new List<IReadOnlyList<object>>();
        foreach (var command in commands)
        {
            var accepted = TenantAccountDecider.Decide(state, command).ShouldBeOfType<Decision.Accepted>();
            state = accepted.Events.Aggregate(state, TenantAccount.Evolve);
            commits.Add(accepted.Events);
        }
        return commits;
    }

    private static NoticeDocuments History(params object[] commands) => ReceiptHistory.Derive(Commits(commands))["2026-11"];

    private static string Summary(NoticeDocuments d) =>
        string.Join(" ", d.Documents.Select(x => $"{x.Number}:{d.StatusOf(x)}"));

    private static ReversePayment DirectDebitReturned(string payment, long cents, string code) =>
        new(P(payment), "ret-" + payment, ReversalKind.DirectDebitReturned, Eur(cents), Twentieth, code);

    [Fact]
    public void Rule_NoticePaidInFull_QuittanceSplittingLoyerAndCharges()
    {
        var d = Decide(Given(Open, Issue(11, November), Pay("dd-1", 51230, channel: PaymentChannel.DirectDebit, on: Fifth)));
        d.Kind.ShouldBe(ReceiptKind.Quittance);
        (d.Loyer.Cents, d.Charges.Cents, d.Other.Cents, d.Due.Cents, d.Paid.Cents).ShouldBe((40500, 10730, 0, 51230, 51230));
        d.Payments.ShouldHaveSingleItem().ShouldBe(new PaidPart(P("dd-1"), PaymentChannel.DirectDebit, Fifth, Eur(51230)));
        d.LettrageCode.ShouldBe("A"); // complete group: upper case
    }

    [Fact]
    public void Rule_PartialPayment_RecuWithWhatRemains()
    {
        var d = Decide(Given(Open, Issue(11, November), Pay("bank-1", 30000)));
        d.Kind.ShouldBe(ReceiptKind.Recu);
        (d.Paid.Cents, d.Remaining.Cents).ShouldBe((30000, 21230));
        d.LettrageCode.ShouldBe("a"); // partial group: lower case
    }

    [Fact]
    public void Rule_NothingPaid_NoDocument() =>
        Decide(Given(Open, Issue(11, November))).Kind.ShouldBeNull();

    [Fact]
    public void Rule_PaymentForAnotherNotice_NoDocumentForThisOne()
    {
        var s = Given(Open, Issue(10), Issue(11, November), Pay("bank-1", 50000, hint: N("2026-10")));
        Decide(s, 10).Kind.ShouldBe(ReceiptKind.Quittance);
        Decide(s, 11).Kind.ShouldBeNull();
    }

    [Fact]
    public void Rule_RestWrittenOff_RecuNotQuittance()
    {
        var s = Given(Open, Issue(11, November), Pay("bank-1", 50000),
            new WriteOffNotice("wo-1", N("2026-11"), Eur(1230), Twentieth, "m.dupont", "reliquat"));
        s.Notice(N("2026-11"))!.Outstanding.IsZero.ShouldBeTrue();
        ReceiptRule.Decide(s, N("2026-11"), new NoticeReductions([], Eur(1230))).Kind.ShouldBe(ReceiptKind.Recu);
    }

    [Fact]
    public void Rule_CreditNoteThenPaidInFull_QuittanceShowsTheAvoirLine()
    {
        var avoir = new NoticeLine(NoticeLineKind.Charges, "Régularisation", Eur(730));
        var s = Given(Open, Issue(11, November), new CreditNotice(N("2026-11"), "AV-1", [avoir], Fifth, "régularisation"), Pay("bank-1", 50500));
        var d = ReceiptRule.Decide(s, N("2026-11"), new NoticeReductions([avoir], Eur(0)));
        d.Kind.ShouldBe(ReceiptKind.Quittance);
        (d.Loyer.Cents, d.Charges.Cents, d.Due.Cents).ShouldBe((40500, 10000, 50500));
        d.Lines[^1].ShouldBe(new NoticeLine(NoticeLineKind.Charges, "Avoir : Régularisation", Eur(-730)));
    }

    [Fact]
    public void History_PartThenRest_RecuSupersededByQuittanceDatedOnTheLastPayment()
    {
        var h = History(Open, Issue(11, November), Pay("bank-1", 30000, on: Fifth), Pay("bank-2", 21230, on: Twentieth));
        Summary(h).ShouldBe("R-2026-11-1:Superseded Q-2026-11-2:Valid");
        h.Documents[0].IssuedOn.ShouldBe(Fifth);
        h.Current!.IssuedOn.ShouldBe(Twentieth);
        h.Current.Content.Payments.Select(p => p.Amount.Cents).ShouldBe([30000, 21230]);
    }

    [Fact]
    public void History_DirectDebitReturned_QuittanceVoidedWithTheRCodeAndNothingLeft()
    {
        var h = History(Open, Issue(11, November), Pay("dd-1", 51230, channel: PaymentChannel.DirectDebit, on: Fifth),
            DirectDebitReturned("dd-1", 51230, "AM04"));
        Summary(h).ShouldBe("Q-2026-11-1:Voided A-2026-11-2:Issued");
        var annulation = h.Documents[1];
        annulation.Voids.ShouldBe("Q-2026-11-1");
        annulation.IssuedOn.ShouldBe(Twentieth);
        annulation.Reason.ShouldBe("Paiement dd-1 : prélèvement retourné par la banque (motif AM04)");
        h.Current.ShouldBeNull();
    }

    [Fact]
    public void History_OneOfTwoPaymentsReturned_QuittanceVoidedThenRecuForWhatStaysPaid()
    {
        var h = History(Open, Issue(11, November), Pay("bank-1", 30000, on: Fifth),
            Pay("chq-2", 21230, channel: PaymentChannel.Cheque, on: Fifth),
            new ReversePayment(P("chq-2"), "imp-1", ReversalKind.ChequeReturned, Eur(21230), Twentieth, ""));
        Summary(h).ShouldBe("R-2026-11-1:Superseded Q-2026-11-2:Voided A-2026-11-3:Issued R-2026-11-4:Valid");
        h.Documents[2].Reason.ShouldBe("Paiement chq-2 : chèque impayé");
        h.Current!.Content.Paid.Cents.ShouldBe(30000);
        h.Current.Content.Remaining.Cents.ShouldBe(21230);
    }

    [Fact]
    public void History_ChargebackRepaidByCreditInTheSameDecision_VoidsAndReissuesInOneStep()
    {
        // The chargeback reopens November and the 200,00 of credit pays it again within the same decision: no document
        // for the moment in between, one annulation and one reçu for what the credit paid.
        var h = History(Open, Issue(11, November), Pay("card-1", 51230, channel: PaymentChannel.Card, on: Fifth),
            Pay("bank-2", 20000, on: Fifth),
            new ReversePayment(P("card-1"), "cb-1", ReversalKind.Chargeback, Eur(51230), Twentieth, "4837"));
        Summary(h).ShouldBe("Q-2026-11-1:Voided A-2026-11-2:Issued R-2026-11-3:Valid");
        h.Current!.Content.Payments.ShouldHaveSingleItem().Payment.ShouldBe(P("bank-2"));
    }

    [Fact]
    public void History_ReversalCancelled_QuittanceIssuedAgainAsANewVersion()
    {
        var h = History(Open, Issue(11, November), Pay("card-1", 51230, channel: PaymentChannel.Card, on: Fifth),
            new ReversePayment(P("card-1"), "cb-1", ReversalKind.Chargeback, Eur(51230), Twentieth, "4837"),
            new CancelReversal(P("card-1"), "cb-1", new LocalDate(2026, 12, 2)));
        Summary(h).ShouldBe("Q-2026-11-1:Voided A-2026-11-2:Issued Q-2026-11-3:Valid");
        h.Current!.IssuedOn.ShouldBe(new LocalDate(2026, 12, 2));
    }

    [Fact]
    public void History_NoticeCancelledAfterPartialPayment_RecuVoided()
    {
        var h = History(Open, Issue(11, November), Pay("bank-1", 30000, on: Fifth), new CancelNotice(N("2026-11"), Twentieth, "départ"));
        Summary(h).ShouldBe("R-2026-11-1:Voided A-2026-11-2:Issued");
        h.Documents[1].Reason.ShouldBe("Avis d'échéance annulé");
    }

    [Fact]
    public void History_DerivedTwice_SameDocuments()
    {
        var commits = Commits(Open, Issue(11, November), Pay("bank-1", 30000, on: Fifth), Pay("bank-2", 21230, on: Twentieth),
            new ReversePayment(P("bank-2"), "r-1", ReversalKind.Refund, Eur(21230), Twentieth, ""));
        var once = ReceiptHistory.Derive(commits)["2026-11"];
        var again = ReceiptHistory.Derive(commits)["2026-11"];
        again.Documents.Select(d => (d.Number, d.IssuedOn, d.Content.Key, d.Voids, d.Reason))
            .ShouldBe(once.Documents.Select(d => (d.Number, d.IssuedOn, d.Content.Key, d.Voids, d.Reason)));
    }

    [Fact]
    public void NumberOf_RealNoticeReference_SlashBecomesDash() =>
        ReceiptHistory.NumberOf(ReceiptKind.Quittance, new NoticeReference("2026-11/000001"), 2).ShouldBe("Q-2026-11-000001-2");
}
