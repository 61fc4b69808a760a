using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Reconciliation.Api.Infrastructure;

/// <summary>A rent run's batch as the ledger reports it (<c>…/notices/pdf-batches/{id}</c>): Running, Done or Failed.</summary>
public sealed record NoticeBatch(string BatchId, string Period, string Status, int Total, int Done, string? Digest, string? Error);

/// <summary>How starting a rent run ended: the batch, no notice in that period, a period the ledger refuses, or no ledger.</summary>
public abstract record StartBatchResult
{
    public sealed record Started(NoticeBatch Batch) : StartBatchResult;

    public sealed record NoNotices : StartBatchResult;

    public sealed record Refused(string? Detail) : StartBatchResult;

    public sealed record Unavailable : StartBatchResult;
}

/// <summary>The avis d'échéance routes (issue 12 §1): the rent run needs notices:write, reading a batch or a PDF notices:read.</summary>
public sealed partial class LedgerApi
{
    /// <summary>Starts the period's batch. Not idempotent at the ledger (each POST is a new batch): the page posts once, then redirects.</summary>
    public async Task<StartBatchResult> StartNoticeBatchAsync(string period, CancellationToken ct)
    {
        var sent = await SendAsync("notices/pdf-batches", JsonSerializer.Serialize(new { period }), null, ct);
        return sent switch
        {
            { Outcome: SendOutcome.Done, Body: { } body } when body.Deserialize<NoticeBatch>(Json) is { } batch => new StartBatchResult.Started(batch),
            { Status: 404 } => new StartBatchResult.NoNotices(),
            { Outcome: SendOutcome.Poison } => new StartBatchResult.Refused(sent.Detail),
            _ => new StartBatchResult.Unavailable(),
        };
    }

    /// <summary>The batch's progress; null when the ledger has no such batch.</summary>
    public async Task<NoticeBatch?> NoticeBatchAsync(string batchId, CancellationToken ct)
    {
        using var response = await http.GetAsync($"{Base}/notices/pdf-batches/{Uri.EscapeDataString(batchId)}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<NoticeBatch>(Json, ct);
    }

    /// <summary>The finished batch's zip, streamed through; the caller disposes the response (404 unknown, 409 not finished).</summary>
    public Task<HttpResponseMessage> NoticeBatchZipAsync(string batchId, CancellationToken ct) =>
        http.GetAsync($"{Base}/notices/pdf-batches/{Uri.EscapeDataString(batchId)}/zip", HttpCompletionOption.ResponseHeadersRead, ct);

    /// <summary>One notice's PDF, streamed through; the caller disposes the response (404 when the ledger has no such notice).</summary>
    public Task<HttpResponseMessage> NoticePdfAsync(string noticeReference, CancellationToken ct) =>
        http.GetAsync($"{Base}/notices/pdf?noticeReference={Uri.EscapeDataString(noticeReference)}", HttpCompletionOption.ResponseHeadersRead, ct);
}
