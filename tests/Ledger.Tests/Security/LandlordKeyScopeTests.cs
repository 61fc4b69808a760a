using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Tests.Api;

namespace Ledger.Tests.Security;

public sealed class LandlordKeyScopeFixture : LedgerHostFixture;

/// <summary>Issue 9, items 2 and 8 (last point): each API key acts only for its landlords, and bulk open items need their own scope.</summary>
[Trait("Category", "Integration")]
public sealed class LandlordKeyScopeTests(LandlordKeyScopeFixture host) : IClassFixture<LandlordKeyScopeFixture>
{
    private const string Other = "other-habitat";

    private async Task ArrangeOtherLandlordAsync()
    {
        using var ops = host.Client(LedgerHostFixture.OpsKey);
        ops.BaseAddress = new Uri(host.BaseAddress, "../" + Other + "/");
        (await ops.PutAsJsonAsync($"/landlords/{Other}", new { name = "Autre Bailleur" })).EnsureSuccessStatusCode();
        var import = await ops.PostAsJsonAsync("notices/import", new
        {
            notices = new[]
            {
                new
                {
                    tenantReference = "900001/01", tenantName = "Camille Autre", noticeReference = "2026-11/900001", period = "2026-11",
                    dueDate = "2026-11-05", lines = new[] { new { kind = "Rent", amount = "450.00" } },
                },
            },
        });
        import.IsSuccessStatusCode.ShouldBeTrue(await import.Content.ReadAsStringAsync());
    }

    private HttpClient PaymentsKeyOn(string landlord)
    {
        var client = host.Client(LedgerHostFixture.PaymentsKey);
        client.BaseAddress = new Uri(host.BaseAddress, "../" + landlord + "/");
        return client;
    }

    [Fact]
    public async Task PaymentsKey_OnAnotherLandlord_Gets404LikeALandlordThatDoesNotExist()
    {
        await ArrangeOtherLandlordAsync();
        using var other = PaymentsKeyOn(Other);
        using var missing = PaymentsKeyOn("no-such-landlord");

        var lookup = await other.PostAsJsonAsync("notices/lookup", new { tenantReference = "900001/01", noticeReference = "2026-11/900001" });
        var notice = await other.GetAsync("notices?noticeReference=2026-11%2F900001");
        var payment = await other.PostPaymentAsync(LedgerHttp.Payment("card:OTHER1", "900001/01", "450.00", "2026-11/900001", "Card"), "card:OTHER1");
        var missingLookup = await missing.PostAsJsonAsync("notices/lookup", new { tenantReference = "900001/01", noticeReference = "2026-11/900001" });

        lookup.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        notice.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        payment.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        missingLookup.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await lookup.Content.ReadAsStringAsync()).ShouldNotContain("Camille");
        // Nothing was written on the other landlord.
        using var ops = host.Client(LedgerHostFixture.OpsKey);
        (await ops.GetAsync($"/landlords/{Other}/payments/card:OTHER1")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        // Its own landlord still answers.
        (await host.Payments.PostAsJsonAsync("notices/lookup", new { tenantReference = "100001/01", noticeReference = "2026-11/000001" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task PaymentsKey_BulkOpenItems_IsForbiddenWhileTheOpenItemsScopeReadsThem()
    {
        var payments = await host.Payments.GetAsync("open-items?limit=5");
        var ops = await host.Ops.GetAsync("open-items?limit=5");

        payments.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        ops.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ops.Content.ReadFromJsonAsync<JsonElement>()).ToString().ShouldContain("100001/01");
    }
}
