using NodaTime;

namespace Ledger.Api.Documents.Notices;

/// <summary>The active SEPA mandate of a tenant, as the notice prints it (pre-notification of the debit).</summary>
public sealed record DirectDebitMandate(string Rum, LocalDate SignedOn);

/// <summary>
/// Whether a tenant pays by direct debit. The mandates themselves belong to the sepa work (issue 12 §3): until it is
/// merged the ledger registers <see cref="NoMandates"/>, and every notice says "no mandate" (the TIP slip's RUM reads
/// "à compléter"). After the merge the lead registers an implementation over the mandate store in LedgerApp
/// (<c>services.AddSingleton&lt;IDirectDebitMandates, …&gt;()</c>): active mandates only, per landlord and tenant.
/// </summary>
public interface IDirectDebitMandates
{
    Task<DirectDebitMandate?> ActiveMandateAsync(string landlordId, string tenantReference, CancellationToken ct);
}

public sealed class NoMandates : IDirectDebitMandates
{
    public Task<DirectDebitMandate?> ActiveMandateAsync(string landlordId, string tenantReference, CancellationToken ct) =>
        Task.FromResult<DirectDebitMandate?>(null);
}
