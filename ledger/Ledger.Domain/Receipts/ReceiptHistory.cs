using System.Collections.Immutable;
using Ledger.Domain.Accounts;
using NodaTime;
using Primitives;

namespace Ledger.Domain.Receipts;

// The documents of each notice, derived from the account's facts in the order they were committed. A document is never
// changed: when the money behind a quittance or a reçu goes away (a returned cheque or direct debit, a chargeback, a
// de-allocation, the notice cancelled) an annulation document voids it, naming the reason, and a reçu follows for what
// stays paid; when more is paid a new reçu or the quittance follows and the earlier reçu is superseded. Numbers and dates
// come from the facts (no clock), so deriving again gives the same documents: idempotent without storing anything.

/// <summary>One document of a notice: <c>Number</c> = kind letter, notice reference with '/' as '-', version (Q-2026-11-000001-2).</summary>
public sealed record ReceiptDocument(
    string Number, int Version, ReceiptKind Kind, LocalDate IssuedOn, ReceiptDecision Content, string? Voids, string? Reason);

public enum ReceiptStatus { Valid, Superseded, Voided, Issued }

public sealed record NoticeDocuments(NoticeReference Notice, YearMonth Period, ImmutableArray<ReceiptDocument> Documents)
{
    /// <summary>The quittance or reçu that stands now (null when none does).</summary>
    public ReceiptDocument? Current => Documents.LastOrDefault() is { Kind: not ReceiptKind.Annulation } last ? last : null;

    /// <summary>Valid (the current one), superseded (a later one replaced it), voided (an annulation names it), issued (an annulation).</summary>
    public ReceiptStatus StatusOf(ReceiptDocument d) =>
        d.Kind == ReceiptKind.Annulation ? ReceiptStatus.Issued
        : Documents.Any(x => x.Voids == d.Number) ? ReceiptStatus.Voided
        : ReferenceEquals(d, Current) ? ReceiptStatus.Valid
        : ReceiptStatus.Superseded;

    /// <summary>The annulation that voids <paramref name="d"/>, or the document that superseded it.</summary>
    public ReceiptDocument? Successor(ReceiptDocument d) =>
        Documents.FirstOrDefault(x => x.Voids == d.Number) ?? Documents.FirstOrDefault(x => x.Version > d.Version && x.Kind != ReceiptKind.Annulation);
}

public static class ReceiptHistory
{
    public static string NumberOf(ReceiptKind kind, NoticeReference notice, int version) =>
        $"{kind switch { ReceiptKind.Quittance => "Q", ReceiptKind.Recu => "R", _ => "A" }}-{notice.Value.Replace('/', '-')}-{version}";

    /// <summary>
    /// The documents of every notice of one account. <paramref name="commits"/> are the account's events grouped by the
    /// transaction that appended them, in order: a command's intermediate steps (a reversal reopens a notice that the
    /// tenant's credit pays again in the same decision) never make a document.
    /// </summary>
    public static ImmutableSortedDictionary<string, NoticeDocuments> Derive(IEnumerable<IReadOnlyList<object>> commits)
    {
        var state = TenantAccount.Initial;
        var reductions = new Dictionary<string, NoticeReductions>(StringComparer.Ordinal);
        var documents = new Dictionary<string, List<ReceiptDocument>>(StringComparer.Ordinal);
        LocalDate? latest = null;
        foreach (var commit in commits)
        {
            var touched = new SortedSet<string>(StringComparer.Ordinal);
            LocalDate? date = null;
            foreach (var e in commit)
            {
                state = TenantAccount.Evolve(state, e);
                if (NoticeOf(e) is { } n) touched.Add(n.Value);
                if (DateOf(e) is { } d) date = date is null || d > date ? d : date;
                Reduce(reductions, state, e);
            }
            // A commit without a dated fact (an allocation or de-allocation by an accountant) takes the latest date seen.
            latest = date is { } dd && (latest is null || dd > latest) ? dd : latest;
            var on = date ?? latest;
            if (on is null) continue;
            foreach (var notice in touched)
            {
                var reference = state.Notices[notice].Reference;
                var decision = ReceiptRule.Decide(state, reference, reductions.GetValueOrDefault(notice) ?? NoticeReductions.None(state.Currency));
                if (!documents.TryGetValue(notice, out var list)) documents[notice] = list = [];
                Next(list, decision, on.Value, commit);
            }
        }
        return documents.ToImmutableSortedDictionary(
            d => d.Key, d => new NoticeDocuments(state.Notices[d.Key].Reference, state.Notices[d.Key].Period, [.. d.Value]),
            StringComparer.Ordinal);
    }

    private static void Next(List<ReceiptDocument> list, ReceiptDecision decision, LocalDate on, IReadOnlyList<object> commit)
    {
        var current = list.LastOrDefault() is { Kind: not ReceiptKind.Annulation } last ? last : null;
        if (current is null && decision.Kind is null) return;
        if (current is not null && current.Content.Key == decision.Key) return;
        // Money that a standing document acknowledged is gone (or the amount due changed under a quittance): void it first.
        if (current is not null && (decision.Kind is null || Lost(current.Content, decision)))
        {
            var voiding = new ReceiptDocument(NumberOf(ReceiptKind.Annulation, decision.Notice, list.Count + 1), list.Count + 1,
                ReceiptKind.Annulation, on, decision, current.Number, ReasonOf(commit));
            list.Add(voiding);
        }
        if (decision.Kind is { } kind)
        {
            list.Add(new ReceiptDocument(NumberOf(kind, decision.Notice, list.Count + 1), list.Count + 1, kind, on, decision, null, null));
        }
    }

    private static bool Lost(ReceiptDecision before, ReceiptDecision after) =>
        before.Kind == ReceiptKind.Quittance && (after.Kind != ReceiptKind.Quittance || after.Due != before.Due)
        || before.Payments.Any(p => (after.Payments.FirstOrDefault(a => a.Payment == p.Payment)?.Amount.Cents ?? 0) < p.Amount.Cents);

    /// <summary>Why a document was voided, in French, from the commit's facts (the tenant reads it).</summary>
    public static string ReasonOf(IReadOnlyList<object> commit)
    {
        if (commit.OfType<PaymentReversed>().FirstOrDefault() is { } r)
        {
            var what = r.Kind switch
            {
                ReversalKind.ChequeReturned => "chèque impayé",
                ReversalKind.DirectDebitReturned => "prélèvement retourné par la banque",
                ReversalKind.Chargeback => "paiement par carte contesté (rétrofacturation)",
                ReversalKind.Refund => "paiement remboursé au payeur",
                _ => "paiement annulé",
            };
            return string.IsNullOrWhiteSpace(r.ReasonCode) ? $"Paiement {r.PaymentId.Value} : {what}" : $"Paiement {r.PaymentId.Value} : {what} (motif {r.ReasonCode})";
        }
        if (commit.OfType<NoticeCancelled>().Any()) return "Avis d'échéance annulé";
        if (commit.OfType<NoticeCredited>().FirstOrDefault() is { } c) return $"Avoir {c.CreditNoteReference} sur l'avis";
        if (commit.OfType<NoticeWrittenOff>().Any()) return "Créance passée en perte";
        // A de-allocation's reason is an accountant's free text: not shown to the tenant.
        return "Paiement réaffecté par le service comptable";
    }

    private static NoticeReference? NoticeOf(object e) => e switch
    {
        NoticeIssued x => x.NoticeReference, NoticeCancelled x => x.NoticeReference, NoticeCredited x => x.NoticeReference,
        NoticeWrittenOff x => x.NoticeReference, PaymentAllocated x => x.NoticeReference, PaymentDeallocated x => x.NoticeReference,
        _ => null,
    };

    private static LocalDate? DateOf(object e) => e switch
    {
        NoticeIssued x => x.IssuedOn, NoticeCancelled x => x.On, NoticeCredited x => x.On, NoticeWrittenOff x => x.On,
        PaymentReceived x => x.ReceivedOn, PaymentReversed x => x.On, ReversalCancelled x => x.On, CreditRefunded x => x.On,
        BalanceAdjusted x => x.On,
        _ => null,
    };

    private static void Reduce(Dictionary<string, NoticeReductions> reductions, TenantAccount state, object e)
    {
        switch (e)
        {
            case NoticeCredited c:
                var before = reductions.GetValueOrDefault(c.NoticeReference.Value) ?? NoticeReductions.None(state.Currency);
                reductions[c.NoticeReference.Value] = before with { Credited = before.Credited.AddRange(c.Lines) };
                break;
            case NoticeWrittenOff w:
                var was = reductions.GetValueOrDefault(w.NoticeReference.Value) ?? NoticeReductions.None(state.Currency);
                reductions[w.NoticeReference.Value] = was with { WrittenOff = was.WrittenOff + w.Amount };
                break;
        }
    }
}
