using System.IO.Compression;
using Ledger.Api.Documents.Notices;
using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Marten;
using NodaTime;

namespace Ledger.Api.Features.Notices;

/// <summary>
/// A rent run's notices as PDFs (issue 12 §1 "Batches"): <c>POST …/notices/pdf-batches {"period":"2026-11"}</c> → 202 with
/// the batch id (production runs in the background, <see cref="NoticePdfBatchWorker"/>); <c>GET …/pdf-batches/{id}</c> →
/// progress (done / total) and, once done, the digest; <c>GET …/pdf-batches/{id}/zip</c> → the PDFs in one zip (stored,
/// not recompressed: PDFs are compressed already; entries dated from the period, so the same batch gives the same zip).
/// </summary>
public static class NoticePdfBatches
{
    public sealed record Request(string? Period);

    public sealed record Response(string BatchId, string Period, string Status, int Total, int Done, string? Digest, string? Error);

    public static void MapNoticePdfBatches(this RouteGroupBuilder group)
    {
        group.MapPost("/landlords/{landlordId}/notices/pdf-batches", StartAsync).RequireAuthorization(Scopes.NoticesWrite);
        group.MapGet("/landlords/{landlordId}/notices/pdf-batches/{batchId}", GetAsync).RequireAuthorization(Scopes.NoticesRead);
        group.MapGet("/landlords/{landlordId}/notices/pdf-batches/{batchId}/zip", ZipAsync).RequireAuthorization(Scopes.NoticesRead);
    }

    private static Response From(NoticePdfBatch b) => new(b.Id, b.Period, b.Status, b.Total, b.Done, b.Digest, b.Error);

    public static async Task<IResult> StartAsync(
        string landlordId, Request request, RequestContext context, IDocumentStore store, NoticePdfBatchWorker worker, IClock clock,
        CancellationToken ct)
    {
        var period = NodaTime.Text.YearMonthPattern.Iso.Format(Input.Period(request.Period, "period"));
        if (await context.LandlordAsync(landlordId, ct) is null) return Problems.NotFound("landlordId", "no such landlord");
        await using var session = store.LightweightSession(landlordId);
        var total = await session.Query<NoticeView>().CountAsync(n => n.Period == period && n.Status != "Cancelled", ct);
        if (total == 0) return Problems.NotFound("period", "no notice of that period");
        var n = await session.Query<NoticePdfBatch>().CountAsync(b => b.Period == period, ct);
        var batch = new NoticePdfBatch
        {
            Id = $"{period}.{n + 1}", Period = period, Status = "Running", Total = total, RequestedAt = clock.GetCurrentInstant(),
        };
        // Insert, not Store: two requests racing for the same number get one batch and one conflict, never a merged batch.
        session.Insert(batch);
        try { await session.SaveChangesAsync(ct); }
        catch (Exception ex) when (LedgerWriter.IsConcurrencyConflict(ex))
        {
            return Problems.Conflict("period", "a batch of that period was started at the same moment: try again");
        }
        worker.Enqueue(landlordId, batch.Id);
        return TypedResults.Accepted($"/landlords/{landlordId}/notices/pdf-batches/{batch.Id}", From(batch));
    }

    public static async Task<IResult> GetAsync(string landlordId, string batchId, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(landlordId);
        return await session.LoadAsync<NoticePdfBatch>(batchId, ct) is { } b ? TypedResults.Ok(From(b)) : Problems.NotFound("batchId", "no such batch");
    }

    public static async Task<IResult> ZipAsync(string landlordId, string batchId, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(landlordId);
        if (await session.LoadAsync<NoticePdfBatch>(batchId, ct) is not { } batch) return Problems.NotFound("batchId", "no such batch");
        if (batch.Status != "Done") return Problems.Conflict("batchId", $"the batch is {batch.Status}: {batch.Done} of {batch.Total} produced");
        // Written to a temporary file first (deleted when the answer is sent): memory holds one page of PDFs, whatever the size.
        var file = new FileStream(Path.Combine(Path.GetTempPath(), "avis-" + Path.GetRandomFileName()), FileMode.CreateNew,
            FileAccess.ReadWrite, FileShare.None, 1 << 16, FileOptions.DeleteOnClose);
        var stamp = new DateTimeOffset(NodaTime.Text.YearMonthPattern.Iso.Parse(batch.Period).Value.OnDayOfMonth(1).ToDateTimeUnspecified(), TimeSpan.Zero);
        using (var zip = new ZipArchive(file, ZipArchiveMode.Create, leaveOpen: true))
        {
            var seq = 0;
            while (true)
            {
                var from = seq;
                var page = await session.Query<NoticePdfBatchItem>()
                    .Where(i => i.BatchId == batchId && i.Seq > from).OrderBy(i => i.Seq).Take(NoticePdfBatchWorker.PageSize).ToListAsync(ct);
                if (page.Count == 0) break;
                foreach (var item in page)
                {
                    var entry = zip.CreateEntry($"{item.Seq:D5}-{GetNoticePdf.FileName(item.NoticeReference)}", CompressionLevel.NoCompression);
                    entry.LastWriteTime = stamp;
                    await using var s = entry.Open();
                    await s.WriteAsync(item.Pdf, ct);
                }
                seq = page[^1].Seq;
            }
        }
        file.Position = 0;
        return TypedResults.File(file, "application/zip", $"avis-{batch.Id}.zip");
    }
}
