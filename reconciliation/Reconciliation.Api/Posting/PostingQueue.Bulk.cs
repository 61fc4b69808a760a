using System.Text.Json;
using Reconciliation.Api.Infrastructure;

namespace Reconciliation.Api.Posting;

public sealed partial class PostingQueue
{
    /// <summary>Due commands read per round.</summary>
    private const int RoundSize = 2_000;

    /// <summary>Payments per call of the ledger's bulk route (below its Ledger:MaxBulkPayments, 5,000 by default).</summary>
    private const int BulkSize = 1_000;

    /// <summary>
    /// A payment the bulk route can record: not a card payment, which the webhook path may have booked already (the single
    /// path reads it first and answers "Present").
    /// </summary>
    private static bool Bulkable(Row row) => row.Kind == "payment" && !row.PaymentId.StartsWith("card:", StringComparison.Ordinal);

    /// <summary>
    /// Records payments of distinct tenants through <c>payments/bulk</c>, a thousand a call: one ledger transaction instead
    /// of one HTTP call and one transaction each (the 125,000-entry import took 800 s one by one). Each payment is answered
    /// on its own; a recorded one whose money the ledger placed otherwise than decided is then moved as on the single path,
    /// a refused one is retried or dead-lettered as on the single path. The whole call failing (ledger down) leaves every
    /// payment pending for the next round; a ledger without the route (404) gets them one by one.
    /// </summary>
    private async Task SendBulkAsync(IReadOnlyList<Row> rows, CancellationToken ct)
    {
        foreach (var chunk in rows.Chunk(BulkSize))
        {
            var bodies = chunk.Select(r => JsonSerializer.Deserialize<PaymentBody>(r.Body, Json)!).ToList();
            SendResult sent;
            try
            {
                sent = await ledger.SendAsync("payments/bulk", JsonSerializer.Serialize(new { payments = bodies.Select(b => b.Record) }, Json), null, ct);
            }
            catch (Exception e) when (LedgerApi.IsTransient(e, ct) || e is HttpRequestException)
            {
                sent = new SendResult(SendOutcome.Transient, null, e.GetType().Name, null);
            }
            if (sent.Outcome == SendOutcome.Poison)
            {
                foreach (var row in chunk) await SendOneAsync(row, ct);
                continue;
            }
            if (sent is not { Outcome: SendOutcome.Done, Body: { } answer })
            {
                foreach (var row in chunk) await FinishAsync(row, sent, "Done", ct);
                continue;
            }
            var results = answer.GetProperty("results");
            var done = new (Row, string, string?)?[chunk.Length];
            await Parallel.ForEachAsync(Enumerable.Range(0, chunk.Length), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct },
                async (i, token) =>
                {
                    var item = results[i];
                    var status = item.GetProperty("status").GetInt32();
                    var itemSent = new SendResult(status < 400 ? SendOutcome.Done : SendOutcome.Poison, status,
                        status < 400 ? null : item.GetProperty("problem").GetRawText(), null);
                    var (result, note) = (itemSent, "Done");
                    try
                    {
                        if (status < 400) (result, note) = await MoveAsync(chunk[i], bodies[i], itemSent, item.GetProperty("payment").Deserialize<LedgerPayment>(Json)!, token);
                    }
                    catch (Exception e) when (LedgerApi.IsTransient(e, token) || e is HttpRequestException)
                    {
                        result = new SendResult(SendOutcome.Transient, null, e.GetType().Name, null);
                    }
                    if (result.Outcome == SendOutcome.Done) done[i] = (chunk[i], note, result.Detail);
                    else await FinishAsync(chunk[i], result, note, token);
                });
            await MarkDoneAsync(done.Where(d => d is not null).Select(d => d!.Value).ToList(), ct);
        }
    }
}
