using Ledger.Api.Documents.Notices;
using Ledger.Api.Projections;
using Marten;

namespace Ledger.Api.Features.DirectDebit;

/// <summary>
/// The notice PDF's mandate lookup over the mandate store: the same answer as the account views' mention
/// (<see cref="DirectDebitMention.FindManyAsync"/>, a page of notices in two queries), so the paper and the screen never disagree on the amount or the date.
/// </summary>
public sealed class NoticeMandates : IDirectDebitMandates
{
    public async Task<IReadOnlyDictionary<string, DirectDebitMandate>> ForNoticesAsync(
        IQuerySession session, IReadOnlyList<NoticeView> notices, CancellationToken ct) =>
        (await DirectDebitMention.FindManyAsync(session, notices, ct)).ToDictionary(
            m => m.Key, m => new DirectDebitMandate(m.Value.Rum, m.Value.DebitDate, m.Value.AmountCents, m.Value.ReasonCode is null ? null : m.Value.Text),
            StringComparer.Ordinal);
}
