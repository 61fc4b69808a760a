using Ledger.Api.Projections;
using Marten;
using NodaTime;

namespace Ledger.Api.Documents.Notices;

/// <summary>
/// The direct debit of one notice as the avis prints it (the pre-notification: amount and debit date). Rejection is the
/// French line of a rejected debit ("Prélèvement rejeté le … : …"), null while the debit stands.
/// </summary>
public sealed record DirectDebitMandate(string Rum, LocalDate DebitDate, long AmountCents, string? Rejection);

/// <summary>Whether a notice is paid by direct debit, read in the caller's session (the batch reads a page in one).</summary>
public interface IDirectDebitMandates
{
    Task<DirectDebitMandate?> ForNoticeAsync(IQuerySession session, NoticeView notice, CancellationToken ct);
}
