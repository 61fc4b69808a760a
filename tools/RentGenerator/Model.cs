using NodaTime;
using Primitives;

namespace RentGenerator;

/// <summary>How a tenant usually pays (the names are those of <see cref="PaymentChannel"/>).</summary>
public enum Channel
{
    DirectDebit,
    Transfer,
    Card,
    Cheque,
    Eficash,
    TipSepa,
}

/// <summary>A tenant of the generated landlord. <see cref="Iban"/> is the tenant's own account (the payer IBAN of transfers and debits).</summary>
public sealed record GenTenant(
    int Index,
    TenantReference Reference,
    string Name,
    string Surname,
    string? FirstName,
    bool IsCompany,
    string DwellingReference,
    string Iban,
    Channel Channel,
    bool IbanKnown,
    string? MandateReference,
    long HousingBenefitCents)
{
    // Names and IBANs are personal data, even generated ones: a logged tenant shows its reference only.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append("Reference = ").Append(Reference);
        return true;
    }
}

/// <summary>A rent notice (avis d'échéance): rent, charges, SLS and RLS (a reduction, negative) lines, and its RF reference.</summary>
public sealed record GenNotice(
    TenantReference Tenant,
    NoticeReference Reference,
    RfReference Rf,
    YearMonth Period,
    LocalDate IssuedOn,
    LocalDate DueDate,
    long RentCents,
    long ChargesCents,
    long SlsCents,
    long RlsCents)
{
    public long TotalCents => checked(RentCents + ChargesCents + SlsCents - RlsCents);
}

/// <summary>Money of one payment (or reversal, negative) given to a tenant's notice; a null notice is credit on the account.</summary>
public sealed record TruthAllocation(string Tenant, string? Notice, long Cents);

/// <summary>What kind of money an entry or transaction is, for scoring.</summary>
public static class EntryKinds
{
    public const string RentPayment = "rent-payment";
    public const string Return = "return";
    public const string Refund = "refund";
    public const string NotRent = "not-rent";
    public const string Batch = "batch";
}

/// <summary>
/// The evidence one payment carries, as generated. <see cref="Matchable"/> turns it into the honest question "could a
/// careful program be sure from what this file shows?": an RF (check digits), a reference without check digit confirmed by
/// the amount, the payer's own name (when no other tenant bears it) or a known IBAN, or a known IBAN with the exact amount. A one-character error is never
/// enough alone, and a reference that names another existing tenant is a contradiction, not evidence.
/// </summary>
public sealed record Evidence(
    bool Rf,
    ReferenceQuality Reference,
    bool AmountConfirms,
    bool NameAgrees,
    bool IbanKnown,
    bool IbanInCfonb,
    bool ReferenceNamesAnotherTenant,
    bool TracedById)
{
    public static readonly Evidence None = new(false, ReferenceQuality.None, false, false, false, false, false, false);

    public bool Matchable(string format)
    {
        if (TracedById || Rf) return true;
        var ibanVisible = IbanKnown && (format != Formats.Cfonb120 || IbanInCfonb);
        if (ReferenceNamesAnotherTenant) return false;
        if (Reference is ReferenceQuality.Clean or ReferenceQuality.Spaced) return AmountConfirms || NameAgrees || ibanVisible;
        return ibanVisible && AmountConfirms;
    }

    public string Why(string format)
    {
        var parts = new List<string>();
        if (TracedById) parts.Add("traced by its end-to-end id, mandate, cheque or PSP reference");
        if (Rf) parts.Add("valid RF reference");
        if (Reference != ReferenceQuality.None) parts.Add("reference " + Reference.ToString().ToLowerInvariant());
        if (ReferenceNamesAnotherTenant) parts.Add("the reference as written is another tenant's");
        if (AmountConfirms) parts.Add("amount equal to what is due");
        if (NameAgrees) parts.Add("payer name is the tenant's, and no other tenant's");
        if (IbanKnown) parts.Add(format == Formats.Cfonb120 && !IbanInCfonb ? "known IBAN, but CFONB 120 does not carry it" : "known payer IBAN");
        if (parts.Count == 0) parts.Add("nothing identifies the tenant");
        return string.Join("; ", parts);
    }
}

/// <summary>How the tenant or notice reference was written.</summary>
public enum ReferenceQuality
{
    None,
    /// <summary>As printed.</summary>
    Clean,
    /// <summary>Spaces, a missing slash or a dropped leading zero: normalises to exactly this tenant's reference.</summary>
    Spaced,
    /// <summary>One character wrong: no longer this tenant's reference.</summary>
    Typo,
}

public static class Formats
{
    public const string Cfonb120 = "cfonb120";
    public const string Camt053 = "camt053";
    public const string Mt940 = "mt940";
    public static readonly string[] Bank = [Cfonb120, Camt053, Mt940];
}
