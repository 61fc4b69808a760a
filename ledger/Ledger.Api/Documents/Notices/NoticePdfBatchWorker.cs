using System.Security.Cryptography;
using System.Threading.Channels;
using Ledger.Api.Projections;
using Marten;

namespace Ledger.Api.Documents.Notices;

/// <summary>
/// Produces the batches the API queued, one at a time, a page of notices at a time (rendered on the machine's cores,
/// stored, progress saved), so memory stays bounded by one page whatever the landlord's size. A batch that fails is
/// marked Failed with the reason. A batch left Running by a ledger that stopped or was killed is produced again from its
/// first notice when the ledger starts (<see cref="ResumeInterruptedAsync"/>): its items have fixed ids and the same bytes,
/// so the second pass overwrites the first one's rows with identical ones.
/// </summary>
public sealed class NoticePdfBatchWorker(
    IDocumentStore store, IDirectDebitMandates mandates, NodaTime.IClock clock, ILogger<NoticePdfBatchWorker> logger)
    : BackgroundService
{
    public const int PageSize = 200;

    private readonly Channel<(string Landlord, string Batch)> _queue = Channel.CreateUnbounded<(string, string)>();

    public void Enqueue(string landlordId, string batchId) => _queue.Writer.TryWrite((landlordId, batchId));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await ResumeInterruptedAsync(stoppingToken);
        await foreach (var (landlord, batch) in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            try
            {
                await ProduceAsync(landlord, batch, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The reason is our own failure (no personal data in it): it is shown on the batch.
                logger.LogError(ex, "notice PDF batch {Batch} failed", batch);
                await using var session = store.LightweightSession(landlord);
                if (await session.LoadAsync<NoticePdfBatch>(batch, stoppingToken) is { } b)
                {
                    session.Store(b with { Status = "Failed", Error = ex.GetType().Name });
                    await session.SaveChangesAsync(stoppingToken);
                }
            }
        }
    }

    /// <summary>
    /// Queues again every batch still Running in any of the ledger's databases: nothing else runs them once the process
    /// that accepted them is gone, and the accountant's progress page would otherwise wait for ever. Several instances
    /// starting together may each produce one; the rows they write are the same.
    /// </summary>
    public async Task<int> ResumeInterruptedAsync(CancellationToken ct)
    {
        var resumed = 0;
        foreach (var database in await store.Storage.AllDatabases())
        {
            await using var connection = database.CreateConnection();
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "select tenant_id, id from ledger.mt_doc_noticepdfbatch where data ->> 'status' = 'Running' order by tenant_id, id";
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                logger.LogInformation("notice PDF batch {Batch} was interrupted: produced again", reader.GetString(1));
                Enqueue(reader.GetString(0), reader.GetString(1));
                resumed++;
            }
        }
        return resumed;
    }

    private async Task ProduceAsync(string landlordId, string batchId, CancellationToken ct)
    {
        await using var read = store.QuerySession(landlordId);
        var landlord = await read.LoadAsync<LandlordProfile>(landlordId, ct) ?? throw new InvalidOperationException("landlord vanished");
        var batch = await read.LoadAsync<NoticePdfBatch>(batchId, ct) ?? throw new InvalidOperationException("batch vanished");
        var digest = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var last = "";
        var seq = 0;
        while (true)
        {
            // Keyset paging in notice-reference order: the order of the batch, stable from one run to the next.
            var page = await read.Query<NoticeView>()
                .Where(n => n.Period == batch.Period && n.Status != "Cancelled" && string.Compare(n.Id, last) > 0)
                .OrderBy(n => n.Id).Take(PageSize).ToListAsync(ct);
            if (page.Count == 0) break;
            var accounts = (await read.LoadManyAsync<AccountView>(ct, page.Select(n => n.TenantReference).Distinct()))
                .ToDictionary(a => a.Id, StringComparer.Ordinal);
            var debits = await mandates.ForNoticesAsync(read, page, ct);
            var documents = page.Select(n => NoticeDocumentSource.From(landlord, n, accounts[n.TenantReference], debits.GetValueOrDefault(n.Id))).ToList();
            var pdfs = new byte[documents.Count][];
            Parallel.For(0, documents.Count, new ParallelOptions { CancellationToken = ct }, i => pdfs[i] = NoticePdf.Render(documents[i]));

            await using var write = store.LightweightSession(landlordId);
            for (var i = 0; i < page.Count; i++)
            {
                seq++;
                var hash = SHA256.HashData(pdfs[i]);
                digest.AppendData(hash);
                write.Store(new NoticePdfBatchItem
                {
                    Id = NoticePdfBatchItem.IdOf(batchId, seq), BatchId = batchId, Seq = seq, NoticeReference = page[i].Id,
                    TenantReference = page[i].TenantReference, Sha256 = Convert.ToHexStringLower(hash), Pdf = pdfs[i],
                });
            }
            batch = batch with { Done = seq };
            write.Store(batch);
            await write.SaveChangesAsync(ct);
            last = page[^1].Id;
        }
        await using var done = store.LightweightSession(landlordId);
        done.Store(batch with { Status = "Done", Done = seq, Total = seq, CompletedAt = clock.GetCurrentInstant(), Digest = Convert.ToHexStringLower(digest.GetHashAndReset()) });
        await done.SaveChangesAsync(ct);
    }
}
