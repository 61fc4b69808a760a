using Primitives;
using NodaTime;

namespace Reconciliation.Matching;

/// <summary>A tenant account as the landlord knows it: reference, name and the IBANs it has already paid from.</summary>
public sealed record Tenant(TenantReference Reference, string Name, IReadOnlyList<string> KnownIbans)
{
    // Names and IBANs are personal data: a logged Tenant shows its reference only.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Reference = ").Append(Reference);
        return true;
    }
}

/// <summary>A rent notice still (partly) unpaid.</summary>
public sealed record OpenNotice(TenantReference Tenant, NoticeReference Notice, RfReference? Rf, string Period, LocalDate DueDate, Money AmountDue);

/// <summary>A payment already booked, so that a return or reject can be traced back to it.</summary>
public sealed record PriorPayment(string? EndToEndId, string? BankReference, TenantReference Tenant, NoticeReference? Notice, Money Amount, LocalDate Date);

/// <summary>
/// Everything the engine matches against. <see cref="RemittanceDetails"/> are the entries of detail files (PSP settlement
/// batches, cheque deposit slips, Eficash remittances, issued direct-debit batches): one detail entry explains one bank
/// credit through its transactions.
/// </summary>
public sealed record MatchingBook(
    IReadOnlyList<Tenant> Tenants,
    IReadOnlyList<OpenNotice> Notices,
    IReadOnlyList<StatementEntryDetail> RemittanceDetails,
    IReadOnlyList<PriorPayment> PriorPayments)
{
    public static MatchingBook Of(IReadOnlyList<Tenant> tenants, IReadOnlyList<OpenNotice> notices) => new(tenants, notices, [], []);
}

/// <summary>A detail entry and the kind of file it came from ("PSP payout", "cheque deposit", "Eficash", "direct-debit batch").</summary>
public sealed record StatementEntryDetail(string Kind, Statements.StatementEntry Entry);
