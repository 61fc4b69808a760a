using NodaTime;

namespace Ledger.Api.Documents.Notices;

/// <summary>
/// A rent run's notices of one period produced as PDFs (issue 12 §1 "Batches"). Id "{period}.{n}" (n-th batch of that
/// period for the landlord). The PDFs are stored one row per notice (<see cref="NoticePdfBatchItem"/>) so that neither
/// producing nor downloading holds the batch in memory. Digest: SHA-256 over the items' hashes in order — two batches
/// with the same digest have byte-identical PDFs.
/// </summary>
public sealed record NoticePdfBatch
{
    public required string Id { get; init; }
    public required string Period { get; init; }
    public required string Status { get; init; }           // Running, Done, Failed
    public int Total { get; init; }
    public int Done { get; init; }
    public Instant RequestedAt { get; init; }
    public Instant? CompletedAt { get; init; }
    public string? Digest { get; init; }
    public string? Error { get; init; }
}

/// <summary>One notice's PDF in a batch (id "{batch}|{seq:D6}", seq in notice-reference order from 1).</summary>
public sealed record NoticePdfBatchItem
{
    public required string Id { get; init; }
    public required string BatchId { get; init; }
    public int Seq { get; init; }
    public required string NoticeReference { get; init; }
    public required string TenantReference { get; init; }
    public required string Sha256 { get; init; }
    public required byte[] Pdf { get; init; }

    public static string IdOf(string batchId, int seq) => $"{batchId}|{seq:D6}";
}
