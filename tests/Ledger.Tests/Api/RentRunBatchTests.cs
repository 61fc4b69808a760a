using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Tests.Api;

public sealed class RentRunBatchFixture : LedgerHostFixture
{
    protected override IEnumerable<string> ExtraArgs => ["--Ledger:MaxImportBatch=3000"];
}

/// <summary>
/// The rent run's batch is written by the bulk writer in chunks of 1,000 accounts inside one transaction: a batch larger
/// than a chunk must stay all or nothing, and a second run must change nothing.
/// </summary>
[Trait("Category", "Integration")]
public sealed class RentRunBatchTests(RentRunBatchFixture host) : IClassFixture<RentRunBatchFixture>
{
    private static object[] Notices(int count, int badAt = -1) => Enumerable.Range(0, count).Select(i => (object)new
    {
        tenantReference = $"{500000 + i:000000}/01",
        tenantName = i == badAt ? null : $"Locataire {i}",
        noticeReference = $"2026-12/{500000 + i:000000}", period = "2026-12", dueDate = "2026-12-05",
        lines = new[] { new { kind = "Rent", label = "Loyer", amount = "410.00" }, new { kind = "Charges", label = "Charges", amount = "61.20" } },
    }).ToArray();

    [Fact]
    public async Task ImportNotices_BatchOfThreeChunksWithABadRowInTheLast_NothingWrittenThenAllIssuedOnce()
    {
        var bad = await host.Ops.PostAsJsonAsync("notices/import", new { notices = Notices(2_100, badAt: 2_050) });

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString().ShouldBe("notices[2050].tenantReference");
        (await host.Ops.GetAsync("accounts?tenantReference=500000/01")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await host.Ops.GetAsync("accounts?tenantReference=501500/01")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var first = await (await host.Ops.PostAsJsonAsync("notices/import", new { notices = Notices(2_100) })).Content.ReadFromJsonAsync<JsonElement>();
        var again = await (await host.Ops.PostAsJsonAsync("notices/import", new { notices = Notices(2_100) })).Content.ReadFromJsonAsync<JsonElement>();

        first.GetProperty("issued").GetInt32().ShouldBe(2_100);
        first.GetProperty("accountsOpened").GetInt32().ShouldBe(2_100);
        again.GetProperty("issued").GetInt32().ShouldBe(0);
        again.GetProperty("unchanged").GetInt32().ShouldBe(2_100);
        again.GetProperty("accountsOpened").GetInt32().ShouldBe(0);
        foreach (var tenant in new[] { "500000/01", "501000/01", "502099/01" })
        {
            var account = await host.Ops.GetFromJsonAsync<JsonElement>($"accounts?tenantReference={tenant}");
            account.GetProperty("balance").GetString().ShouldBe("471.20", tenant);
        }
    }
}
