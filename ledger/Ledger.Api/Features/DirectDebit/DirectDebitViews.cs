using Ledger.Domain.DirectDebit;
using NodaTime;

namespace Ledger.Api.Features.DirectDebit;

// The direct-debit store of the ledger (issue 12 §3): mandates as event streams "mandate:<RUM at signature>" with a view
// per current RUM, the debit requests each collection file made, and each collection date's file. Per landlord, like
// every document (Marten conjoined tenancy). Mandate data is personal data: see SECURITY.md.

/// <summary>A mandate's current terms and state (folded from its stream), with the stream version for optimistic appends.</summary>
public sealed record MandateView
{
    public required string Id { get; init; }                     // current RUM
    public required string StreamId { get; init; }
    public required string TenantReference { get; init; }
    public long Version { get; init; }
    public required Mandate State { get; init; }
}

/// <summary>Every RUM ever used (signature or amendment), inserted never updated: a RUM stays unique forever.</summary>
public sealed record RumKey(string Id, string StreamId);

public enum DebitStatus { Requested, Rejected }

/// <summary>One debit a collection file requested (id = EndToEndId): what the rejects route and the notice views read.</summary>
public sealed record DebitRequestView
{
    public required string Id { get; init; }                     // EndToEndId
    public required string NoticeReference { get; init; }
    public required string TenantReference { get; init; }
    public required string Rum { get; init; }
    public LocalDate CollectionDate { get; init; }
    public required string SequenceType { get; init; }
    public long AmountCents { get; init; }
    public int Presentation { get; init; }
    public DebitStatus Status { get; init; }
    public string? ReasonCode { get; init; }
    public LocalDate? RejectedOn { get; init; }
    public string? RejectMessageId { get; init; }
}

/// <summary>The file produced for one collection date (id = yyyy-MM-dd): the same date again answers these bytes.</summary>
public sealed record CollectionRunView
{
    public required string Id { get; init; }
    public required string MessageId { get; init; }
    public int Count { get; init; }
    public long TotalCents { get; init; }
    public required string Xml { get; init; }
}
