using NodaTime;
using Primitives;

namespace Reconciliation.Statements.Pain002;

/// <summary>
/// A payment status report (pain.002) on one of our collection files (pain.008): the bank's answer before settlement.
/// <see cref="Transactions"/> holds every transaction the report names, with the status it ends up with (its own
/// <c>TxSts</c>, else its <c>PmtInfSts</c>, else the group's); <see cref="Rejects"/> are those whose status is RJCT.
/// </summary>
public sealed record Pain002Report(
    string MessageId,
    LocalDate CreatedOn,
    string OriginalMessageId,
    string OriginalMessageName,
    string? GroupStatus,
    string? GroupReason,
    IReadOnlyList<Pain002Transaction> Transactions)
{
    public IEnumerable<Pain002Transaction> Rejects => Transactions.Where(t => t.Status == "RJCT");

    /// <summary>The whole file refused (GrpSts RJCT) without naming its transactions: nothing can be traced to a notice.</summary>
    public bool WholeFileRejectedUnnamed => GroupStatus == "RJCT" && Transactions.Count == 0;
}

/// <summary>
/// One transaction of the report. <see cref="ReasonCode"/> is the ISO code (<c>Rsn/Cd</c>, four characters) or, when
/// <see cref="ProprietaryReason"/>, the bank's own (<c>Rsn/Prtry</c>). <see cref="RejectedOn"/> is the report's date:
/// the day the bank said no. Amount and collection date are those of the original instruction when the bank repeats them.
/// </summary>
public sealed record Pain002Transaction(
    string? PaymentInformationId,
    string EndToEndId,
    string Status,
    string? ReasonCode,
    bool ProprietaryReason,
    Money? Amount,
    LocalDate? CollectionDate,
    LocalDate RejectedOn);
