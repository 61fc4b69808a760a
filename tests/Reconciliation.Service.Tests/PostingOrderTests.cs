using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Primitives;
using Reconciliation.Api.Imports;
using Reconciliation.Api.Posting;
using Reconciliation.Service.Tests.Support;

namespace Reconciliation.Service.Tests;

/// <summary>
/// Regression tests for the posting queue's bug of issue 7's generated month: two Eficash payments of one tenant (Oct and Nov
/// notices, the second spread over both) were sent at the same time; each let the ledger settle the other's notice first and
/// both ended "Failed" on a 409. Each test opens its own tenant through the rent roll, so the month's balances stay as they are.
/// </summary>
[Collection("recon")]
public sealed class PostingOrderTests(ReconStack stack)
{
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact]
    public async Task Drain_TwoPaymentsOfOneTenantAcrossEachOthersNotices_BothPlacedAsDecided()
    {
        var (tenant, october, november) = await OpenTenantAsync("999101/01");
        var entry = "test:cross:" + tenant;
        // The month's case: 446,00 € on November, then 447,52 € split 0,76 € November and 446,76 € October.
        var first = Unit(0, tenant, (november, 446_00));
        var second = Unit(1, tenant, (november, 76), (october, 446_76));
        await EnqueueAsync(entry, first, second);
        await Queue.DrainAsync(CancellationToken.None);

        var postings = await PostingsAsync(entry);
        postings.ShouldAllBe(p => p.Status == "Done" && p.Note == null);
        var paidFirst = await AllocationsAsync(postings[0].PaymentId);
        paidFirst.ShouldBe($"{november}=446.00");
        var paidSecond = await AllocationsAsync(postings[1].PaymentId);
        paidSecond.ShouldBe($"{october}=446.76 {november}=0.76");
    }

    [Fact]
    public async Task Drain_NoticePaidSinceTheDecision_PaymentDoneWithAFrenchNoteNotFailed()
    {
        var (tenant, october, november) = await OpenTenantAsync("999102/01");
        // Paid at the counter after the statement was matched: the decision still names November.
        using (var request = new HttpRequestMessage(HttpMethod.Post, "payments")
        {
            Content = Json(new { paymentId = "test-counter-" + tenant[..6], tenantReference = tenant, channel = "Cheque", amount = "446.76", currency = "EUR", receivedOn = "2026-11-04", noticeReference = november }),
        })
        {
            request.Headers.Add("Idempotency-Key", "test-counter-" + tenant[..6]);
            using var response = await stack.LedgerOps.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        }
        var entry = "test:paid-since:" + tenant;
        await EnqueueAsync(entry, Unit(0, tenant, (november, 446_76)));
        await Queue.DrainAsync(CancellationToken.None);

        var posting = (await PostingsAsync(entry)).ShouldHaveSingleItem();
        posting.Status.ShouldBe("Done");
        posting.Note.ShouldNotBeNull();
        posting.Note.ShouldContain($"sur l'avis {november} refusée par le grand livre");
        posting.Note.ShouldContain("446,76\u00a0€");
        // The money is in the ledger once, where the ledger's own settlement put it (the October notice, still open).
        var payment = await stack.LedgerGetAsync($"payments/{Uri.EscapeDataString(posting.PaymentId)}");
        payment.GetProperty("amount").GetString().ShouldBe("446.76");
        (await AllocationsAsync(posting.PaymentId)).ShouldBe($"{october}=446.76");
    }

    private PostingQueue Queue => stack.Recon.Services.GetRequiredService<PostingQueue>();

    private static StoredUnit Unit(int index, string tenant, params (string Notice, long Cents)[] allocations) =>
        new(index, null, "Eficash", allocations.Sum(a => a.Cents), "auto", 99, [],
            allocations.Select(a => new StoredAllocation(tenant, a.Notice, a.Cents)).ToList(), null, null, null);

    private async Task EnqueueAsync(string entryId, params StoredUnit[] units)
    {
        var commands = units.SelectMany(u => PostingPlan.ForUnit(entryId, u, u.Allocations, "EUR", new DateOnly(2026, 11, 3), null, 0, _ => null)).ToList();
        var db = stack.Recon.Services.GetRequiredService<NpgsqlDataSource>();
        await using var conn = await db.OpenConnectionAsync();
        await using var tx = await conn.BeginTransactionAsync();
        await PostingQueue.EnqueueAsync(conn, tx, commands, DateTimeOffset.UtcNow, CancellationToken.None);
        await tx.CommitAsync();
    }

    private sealed record Posting(string PaymentId, string Status, string? Note);

    private async Task<List<Posting>> PostingsAsync(string entryId)
    {
        var db = stack.Recon.Services.GetRequiredService<NpgsqlDataSource>();
        await using var cmd = db.CreateCommand("select payment_id, status, last_error from postings where entry_id = $1 order by seq");
        cmd.Parameters.Add(new NpgsqlParameter { Value = entryId });
        var list = new List<Posting>();
        await using var r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync()) list.Add(new Posting(r.GetString(0), r.GetString(1), r.IsDBNull(2) ? null : r.GetString(2)));
        list.Count.ShouldBeGreaterThan(0);
        return list;
    }

    /// <summary>The payment's allocations as "notice=amount", sorted by notice.</summary>
    private async Task<string> AllocationsAsync(string paymentId)
    {
        var payment = await stack.LedgerGetAsync($"payments/{Uri.EscapeDataString(paymentId)}");
        payment.ValueKind.ShouldBe(JsonValueKind.Object, paymentId);
        return string.Join(' ', payment.GetProperty("allocations").EnumerateArray()
            .Select(a => $"{a.GetProperty("noticeReference").GetString()}={a.GetProperty("amount").GetString()}").Order(StringComparer.Ordinal));
    }

    /// <summary>A tenant of its own with two notices of 446,76 € (October and November), through the ledger's rent-roll import.</summary>
    private async Task<(string Tenant, string October, string November)> OpenTenantAsync(string tenant)
    {
        var number = tenant[..6];
        var october = $"2026-10/{number}";
        var november = $"2026-11/{number}";
        var csv = "tenant_reference,tenant_name,dwelling_reference,notice_reference,period,issued_on,due_date,rent,charges,sls,rls,other,currency\n"
                  + $"{tenant},Mme Test ORDRE,R999-A-{number[2..]},{october},2026-10,2026-10-01,2026-10-05,400.00,46.76,,,,EUR\n"
                  + $"{tenant},Mme Test ORDRE,R999-A-{number[2..]},{november},2026-11,2026-11-01,2026-11-05,400.00,46.76,,,,EUR\n";
        using var content = new StringContent(csv, Encoding.UTF8, new System.Net.Http.Headers.MediaTypeHeaderValue("text/csv"));
        using var response = await stack.LedgerOps.PostAsync("notices/import", content);
        response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
        return (tenant, october, november);
    }

    private static StringContent Json(object body) => new(JsonSerializer.Serialize(body, Web), Encoding.UTF8, "application/json");
}
