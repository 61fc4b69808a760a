using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Ledger.Domain.Accounts;
using Ledger.Domain.DirectDebit;
using Marten;
using Primitives;

namespace Ledger.Api.Features.DirectDebit;

/// <summary>
/// The collection file of one date (issue 12 §4): a pain.008.001.08 debiting every open notice due by that date of a
/// tenant with a mandate usable that day. The first call records each debit request and the file; the same date again
/// answers the same bytes and records nothing. A later date skips notices already requested, unless their debit was
/// rejected with a code that may be re-presented (then "-R1", "-R2" … as RCUR, or FRST/OOFF when the rejected one was
/// the mandate's first). No money is booked here: the bank statement's credit is the payment.
/// </summary>
public static class CreateCollection
{
    public sealed record Request(string? CollectionDate);

    public static void MapCreateCollection(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/direct-debits/collections", HandleAsync).RequireAuthorization(Scopes.PaymentsWrite);

    public static async Task<IResult> HandleAsync(string landlordId, Request request, RequestContext context, IDocumentStore store, CancellationToken ct)
    {
        var date = Input.Date(request.CollectionDate, "collectionDate");
        if (await context.LandlordAsync(landlordId, ct) is not { } landlord) return Problems.NotFound("landlordId", "unknown landlord");
        if (landlord.Ics is null || landlord.Iban is null)
        {
            return Problems.Conflict("ics", "the landlord has no SEPA creditor identifier (ics) and IBAN: declare them with PUT /landlords/{id}");
        }
        var runId = date.ToString("yyyy-MM-dd", null);
        await using var session = store.LightweightSession(landlordId);
        if (await session.LoadAsync<CollectionRunView>(runId, ct) is { } done) return Xml(done.Xml);

        var file = await PlanAsync(session, landlordId, landlord, date, ct);
        var xml = System.Text.Encoding.UTF8.GetString(Pain008Writer.Write(file));
        session.Insert(new CollectionRunView
        {
            Id = runId, MessageId = file.MessageId, Count = file.Debits.Count,
            TotalCents = file.Debits.Aggregate(0L, (s, d) => checked(s + d.AmountCents)), Xml = xml,
        });
        try
        {
            await session.SaveChangesAsync(ct);
        }
        catch (Exception ex) when (LedgerWriter.IsConcurrencyConflict(ex))
        {
            // Another call produced this date's file meanwhile: answer that one (the unique run id kept us from debiting twice).
            await using var again = store.QuerySession(landlordId);
            if (await again.LoadAsync<CollectionRunView>(runId, ct) is { } other) return Xml(other.Xml);
            throw;
        }
        return Xml(xml);
    }

    private static IResult Xml(string xml) => TypedResults.Text(xml, "application/xml", System.Text.Encoding.UTF8);

    private static async Task<CollectionFile> PlanAsync(IDocumentSession session, string landlordId, LandlordProfile landlord, NodaTime.LocalDate date, CancellationToken ct)
    {
        var dateKey = date.Year * 10_000 + date.Month * 100 + date.Day;
        var notices = await session.Query<NoticeView>().Where(n => n.OutstandingCents > 0 && n.DueDateKey <= dateKey).ToListAsync(ct);
        var mandates = (await session.Query<MandateView>().ToListAsync(ct))
            .Where(m => m.State.StatusOn(date) is MandateStatus.Active or MandateStatus.Amended)
            .GroupBy(m => m.TenantReference)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(m => m.State.Terms!.SignedOn).ThenBy(m => m.Id, StringComparer.Ordinal).ToList());
        var tenants = mandates.Keys.ToHashSet();
        var candidates = notices.Where(n => tenants.Contains(n.TenantReference)).OrderBy(n => n.Id, StringComparer.Ordinal).ToList();
        var noticeIds = candidates.Select(n => n.Id).ToList();
        var earlier = (await session.Query<DebitRequestView>().Where(r => noticeIds.Contains(r.NoticeReference)).ToListAsync(ct))
            .ToLookup(r => r.NoticeReference);

        var debits = new List<Debit>();
        var views = mandates.Values.SelectMany(v => v).ToDictionary(v => v.Id);
        foreach (var notice in candidates)
        {
            var before = earlier[notice.Id].ToList();
            if (before.Any(r => r.Status == DebitStatus.Requested)) continue;
            if (before.Count > 0 && !before.All(r => SepaReasonCodes.Find(r.ReasonCode)?.Representable == true)) continue;
            var endToEnd = EndToEndId.For(notice.Id, before.Count);
            foreach (var candidate in mandates[notice.TenantReference].Where(m => SignMandateRoute.Serves(m.Id, notice.Id)))
            {
                var view = views[candidate.Id];
                var (decision, updated) = MandateStore.Apply(session, view, view.StreamId,
                    new PresentCollection(endToEnd, notice.Id, date, notice.OutstandingCents));
                if (decision is not Decision.Accepted accepted) continue;
                views[candidate.Id] = updated!;
                var presented = (MandateCollectionPresented)accepted.Events[0];
                var t = updated!.State.Terms!;
                debits.Add(new Debit(endToEnd, presented.SequenceType, notice.OutstandingCents, t.Rum, t.SignedOn, presented.Carried,
                    t.DebtorName, t.Address, t.Iban, t.Bic, $"Loyer {notice.Period} avis {notice.Id}"));
                session.Insert(new DebitRequestView
                {
                    Id = endToEnd, NoticeReference = notice.Id, TenantReference = notice.TenantReference, Rum = t.Rum,
                    CollectionDate = date, SequenceType = presented.SequenceType, AmountCents = notice.OutstandingCents,
                    Presentation = before.Count, Status = DebitStatus.Requested,
                });
                break;
            }
        }
        var creditor = new CreditorParty(landlord.Name, landlord.Ics!, landlord.Iban!, landlord.Bic);
        return new CollectionFile(CollectionFile.MessageIdFor(landlordId, date), date, creditor, debits);
    }
}
