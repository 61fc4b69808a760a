using Ledger.Api.Documents.Notices;
using Ledger.Api.Projections;
using Marten;

namespace Ledger.Api.Features.DirectDebit;

/// <summary>
/// The notice PDF's mandate lookup over the mandate store: the same answer as the account views' mention
/// (<see cref="DirectDebitMention.FindAsync"/>), so the paper and the screen never disagree on the amount or the date.
/// </summary>
public sealed class NoticeMandates : IDirectDebitMandates
{
    public async Task<DirectDebitMandate?> ForNoticeAsync(IQuerySession session, NoticeView notice, CancellationToken ct) =>
        await DirectDebitMention.FindAsync(session, notice, ct) is { } m
            ? new DirectDebitMandate(m.Rum, m.DebitDate, m.AmountCents, m.ReasonCode is null ? null : m.Text)
            : null;
}
