using Ledger.Api.Projections;
using Marten;
using NodaTime;

namespace Ledger.Api.Documents.Notices;

/// <summary>
/// The direct debit of one notice as the avis prints it (the pre-notification: amount and debit date). Rejection is the
/// French line of a rejected debit ("Prélèvement rejeté le … : …"), null while the debit stands.
/// </summary>
public sealed record DirectDebitMandate(string Rum, LocalDate DebitDate, long AmountCents, string? Rejection);

/// <summary>Which notices are paid by direct debit, read in the caller's session: a batch asks for a page at once.</summary>
public interface IDirectDebitMandates
{
    /// <summary>By notice reference; a notice without a direct debit is absent.</summary>
    Task<IReadOnlyDictionary<string, DirectDebitMandate>> ForNoticesAsync(IQuerySession session, IReadOnlyList<NoticeView> notices, CancellationToken ct);
}
