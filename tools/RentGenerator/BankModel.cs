using NodaTime;

namespace RentGenerator;

/// <summary>
/// One booking on the landlord's bank account, format-neutral: each writer renders it in its own grammar (CFONB 120
/// operation code and 05 qualifiers, camt.053 BkTxCd and TxDtls, MT940 :61:/:86:). The truth fields say what it really is.
/// </summary>
public sealed class BankEntry
{
    public required string BankReference { get; init; }
    public required LocalDate Date { get; init; }
    public LocalDate ValueDate { get; init; }
    /// <summary>Signed: a credit is positive.</summary>
    public required long Cents { get; init; }
    /// <summary>rent-payment, return, refund, not-rent or batch (see <see cref="EntryKinds"/>).</summary>
    public required string Kind { get; init; }
    /// <summary>What this line is to a person: "transfer", "sdd-batch", "cheque-deposit", "card-payout", "bank-fee", "caf"…</summary>
    public required string What { get; init; }
    public Channel? Channel { get; init; }
    /// <summary>CFONB 120 interbank operation code (positions 33-34).</summary>
    public required string CfonbCode { get; init; }
    /// <summary>ISO bank transaction code Domain/Family/SubFamily.</summary>
    public required string Btc { get; init; }
    /// <summary>MT940 :61: transaction type (N + 3 letters).</summary>
    public required string SwiftType { get; init; }
    /// <summary>The bank's own label (CFONB libellé, 31 characters shown).</summary>
    public required string Label { get; init; }
    /// <summary>What the payer typed, or the bank's further lines (each up to 70 characters).</summary>
    public List<string> Texts { get; init; } = [];
    public string? Name { get; init; }
    public string? Iban { get; init; }
    /// <summary>Whether CFONB 120 carries the payer account (qualifier CPY exists for direct debits only).</summary>
    public bool IbanInCfonb { get; init; }
    public string? EndToEndId { get; init; }
    public string? CreditorReference { get; init; }
    public string? MandateReference { get; init; }
    public string? ReturnReason { get; init; }
    public bool Reversal { get; init; }
    /// <summary>CFONB n° d'écriture: cheque number, deposit number (7 characters).</summary>
    public string? Number { get; init; }
    /// <summary>The underlying transactions of a batch (SDD and TIP collections, returns batches): camt TxDtls, camt.054 detail.</summary>
    public List<BankTx> Transactions { get; init; } = [];
    /// <summary>The detail file that explains a batch credit, when there is one (cheque slip, Eficash, settlement report, camt.054).</summary>
    public string? DetailFile { get; init; }
    public string? DetailReference { get; init; }

    // Truth: never written into a bank file.
    public List<string> Noise { get; init; } = [];
    public List<TruthAllocation> Allocations { get; init; } = [];
    public Evidence Evidence { get; init; } = Evidence.None;
    public string? TrueTenant { get; init; }
}

/// <summary>A transaction inside a batch entry or a detail file, with its truth.</summary>
public sealed class BankTx
{
    public required string Reference { get; init; }
    /// <summary>Signed like its entry.</summary>
    public required long Cents { get; init; }
    public string? Name { get; init; }
    public string? Iban { get; init; }
    public string? EndToEndId { get; init; }
    public string? CreditorReference { get; init; }
    public string? MandateReference { get; init; }
    public string? ReturnReason { get; init; }
    public List<string> Texts { get; init; } = [];

    public required string Kind { get; init; }
    public Channel? Channel { get; init; }
    public List<string> Noise { get; init; } = [];
    public List<TruthAllocation> Allocations { get; init; } = [];
    public Evidence Evidence { get; init; } = Evidence.None;
    public string? TrueTenant { get; init; }
}

public sealed record ChequeDeposit(string Number, LocalDate Date, List<ChequeRow> Cheques);

public sealed record ChequeRow(string ChequeNumber, string Drawer, long Cents, string? WrittenReference, BankTx Truth);

public sealed record EficashRow(LocalDate Date, string? Barcode, string? TypedReference, long Cents, string PostOffice, BankTx Truth);

/// <summary>A row of the Adyen settlement details report. Amounts in cents; Gross and Net are positive, their side is <see cref="Credit"/>.</summary>
public sealed record AdyenRow(
    string? PspReference,
    string? MerchantReference,
    LocalDateTime Created,
    string Type,
    string ModificationReference,
    long Gross,
    long Net,
    bool Credit,
    long Markup,
    long Scheme,
    long Interchange,
    string? PaymentMethod,
    BankTx? Truth);

public sealed record AdyenBatch(int Number, LocalDate Closed, List<AdyenRow> Rows)
{
    /// <summary>Σ net credits − Σ net debits of the rows: what Adyen pays to the bank (the MerchantPayout row).</summary>
    public long Payout => Rows.Aggregate(0L, (a, r) => checked(a + (r.Credit ? r.Net : -r.Net)));
}

/// <summary>A card payment as the payments host's webhook path sent it to the ledger (<c>POST /payments</c> body).</summary>
public sealed record WebhookPayment(string PaymentId, string TenantReference, long Cents, LocalDate ReceivedOn, string NoticeReference,
    string PspReference, string MerchantReference);
