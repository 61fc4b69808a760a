using NodaTime;

namespace Ledger.Domain.DirectDebit;

public enum MandateSequence { Recurrent, OneOff }

/// <summary>Structured postal address (ISO 20022 PostalAddress24): required for SEPA from 15 November 2026 on.</summary>
public sealed record DebtorAddress(string Street, string BuildingNumber, string PostCode, string TownName, string Country);

/// <summary>What the debtor signed: the content that makes "the same mandate again" (200) or a conflict (409).</summary>
public sealed record MandateTerms(
    string Rum, string TenantReference, string DebtorName, string Iban, string? Bic, DebtorAddress Address,
    LocalDate SignedOn, MandateSequence Sequence);

/// <summary>What the next collection must tell the debtor's bank about changes since the last one (AmdmntInfDtls).</summary>
/// <param name="OriginalRum">OrgnlMndtId when the RUM changed</param>
/// <param name="OriginalIban">OrgnlDbtrAcct when the account changed within the same bank</param>
/// <param name="NewDebtorBank">OrgnlDbtrAgt = SMNDA when the account moved to another bank</param>
public sealed record PendingAmendment(string? OriginalRum, string? OriginalIban, bool NewDebtorBank);

// Events of one mandate's stream ("mandate:<RUM at signature>"). Source says where the signature came from: "form"
// (the landlord's mandate form, POST /mandates) or "tip" (a signed TIP SEPA slip, which is a one-off mandate).
public sealed record MandateSigned(MandateTerms Terms, string Source);

public sealed record MandateAmended(MandateTerms Terms, LocalDate On, PendingAmendment Change);

public sealed record MandateRevoked(LocalDate On, string Reason);

/// <summary>A collection presented under the mandate (a debit in a pain.008), with the amendment it carried if any.</summary>
public sealed record MandateCollectionPresented(
    string EndToEndId, string NoticeReference, LocalDate CollectionDate, string SequenceType, long AmountCents, PendingAmendment? Carried);

/// <summary>The bank rejected that collection before settlement (pain.002): it is as if it had not happened for FRST/OOFF.</summary>
public sealed record MandateCollectionRejected(string EndToEndId, string ReasonCode, LocalDate On);
