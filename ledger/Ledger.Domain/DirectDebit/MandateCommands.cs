using NodaTime;

namespace Ledger.Domain.DirectDebit;

public sealed record SignMandate(MandateTerms Terms, string Source);

/// <summary>Changes to the mandate; null fields keep their value. The RUM, debtor name, IBAN, BIC and address may change.</summary>
public sealed record AmendMandate(
    LocalDate On, string? Rum, string? DebtorName, string? Iban, string? Bic, DebtorAddress? Address);

public sealed record RevokeMandate(LocalDate On, string Reason);

public sealed record PresentCollection(string EndToEndId, string NoticeReference, LocalDate CollectionDate, long AmountCents);

public sealed record RejectCollection(string EndToEndId, string ReasonCode, LocalDate On);
