using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Ledger.Domain.DirectDebit;
using Marten;
using NodaTime;

namespace Ledger.Api.Features.DirectDebit;

/// <summary>
/// Pre-notification (SDD rulebook: the debtor is told the amount and the date): the notice serves as it. The avis PDF
/// calls <see cref="FindAsync"/> for its direct-debit mention; the account views call it for the open notices' line.
/// </summary>
public static class DirectDebitMention
{
    /// <summary>What the notice says about its direct debit. Text is the French line to print or show.</summary>
    public sealed record Mention(LocalDate DebitDate, long AmountCents, string Rum, string Text, string? ReasonCode);

    /// <summary>
    /// The debit of this notice: the one requested (or rejected) if a collection file holds it; otherwise, when the
    /// tenant has a mandate usable on the due date, a debit on the due date for what is outstanding. Null when none.
    /// </summary>
    public static async Task<Mention?> FindAsync(IQuerySession session, NoticeView notice, CancellationToken ct) =>
        (await FindManyAsync(session, [notice], ct)).GetValueOrDefault(notice.Id);

    /// <summary>The mentions of a page of notices (by notice reference; none for a notice without), in two queries.</summary>
    public static async Task<IReadOnlyDictionary<string, Mention>> FindManyAsync(IQuerySession session, IReadOnlyList<NoticeView> notices, CancellationToken ct)
    {
        var ids = notices.Select(n => n.Id).Distinct().ToList();
        var tenants = notices.Select(n => n.TenantReference).Distinct().ToList();
        var requests = (await session.Query<DebitRequestView>().Where(r => ids.Contains(r.NoticeReference)).ToListAsync(ct)).ToLookup(r => r.NoticeReference);
        var mandates = (await session.Query<MandateView>().Where(m => tenants.Contains(m.TenantReference)).ToListAsync(ct)).ToLookup(m => m.TenantReference);
        var found = new Dictionary<string, Mention>(StringComparer.Ordinal);
        foreach (var n in notices)
        {
            if (Decide(n, requests[n.Id], mandates[n.TenantReference]) is { } mention) found[n.Id] = mention;
        }
        return found;
    }

    private static Mention? Decide(NoticeView notice, IEnumerable<DebitRequestView> requests, IEnumerable<MandateView> mandates)
    {
        if (requests.OrderByDescending(r => r.Presentation).FirstOrDefault() is { } last)
        {
            return last.Status == DebitStatus.Rejected
                ? new Mention(last.CollectionDate, last.AmountCents, last.Rum, DirectDebitWording.Rejected(last.RejectedOn!.Value, last.ReasonCode!), last.ReasonCode)
                : new Mention(last.CollectionDate, last.AmountCents, last.Rum, DirectDebitWording.Requested(last.CollectionDate), null);
        }
        var usable = mandates.Where(m => SignMandateRoute.Serves(m.Id, notice.Id) && m.State.StatusOn(notice.DueDate) is MandateStatus.Active or MandateStatus.Amended && m.State.NextSequenceType is not null)
            .OrderByDescending(m => m.State.Terms!.SignedOn).FirstOrDefault();
        var amount = notice.OutstandingCents > 0 ? notice.OutstandingCents : notice.NetDueCents;
        return usable is null ? null
            : new Mention(notice.DueDate, amount, usable.Id,
                $"Vous êtes prélevé de {Money(amount)} le {DirectDebitWording.Date(notice.DueDate)} (mandat {usable.Id})", null);
    }

    private static string Money(long cents) => Primitives.Money.FormatCents(cents).Replace('.', ',') + " €";

    public static void MapDirectDebitMention(this RouteGroupBuilder group) =>
        group.MapGet("/landlords/{landlordId}/direct-debits/mention", HandleAsync).RequireAuthorization(Scopes.NoticesRead);

    public static async Task<IResult> HandleAsync(string landlordId, string? noticeReference, IDocumentStore store, CancellationToken ct)
    {
        var reference = Input.Notice(noticeReference);
        await using var session = store.QuerySession(landlordId);
        if (await session.LoadAsync<NoticeView>(reference.Value, ct) is not { } notice) return Problems.NotFound("noticeReference", "no notice with this reference");
        return await FindAsync(session, notice, ct) is { } mention
            ? TypedResults.Ok(new { debitDate = mention.DebitDate.ToString("yyyy-MM-dd", null), amount = Input.Format(mention.AmountCents), rum = mention.Rum, text = mention.Text, reasonCode = mention.ReasonCode })
            : TypedResults.NoContent();
    }
}
