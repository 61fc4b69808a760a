using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Infrastructure.Integrity;

namespace Ledger.Tests.Api;

public sealed class BulkPaymentsFixture : LedgerHostFixture
{
    protected override IEnumerable<string> ExtraArgs => ["--Ledger:MaxBulkPayments=50"];
}

/// <summary>POST /landlords/{id}/payments/bulk: each payment answered on its own, the valid ones written in one transaction.</summary>
[Trait("Category", "Integration")]
public sealed class BulkPaymentsTests(BulkPaymentsFixture host) : IClassFixture<BulkPaymentsFixture>
{
    [Fact]
    public async Task BulkPayments_SameChunkTwice_SecondAnswers200PerItemAndWritesNothing()
    {
        object[] chunk = [LedgerHttp.Payment("transfer:BULK-1", "100001/01", "100.00", "2026-11/000001"),
            LedgerHttp.Payment("transfer:BULK-2", "100002/01", "25.50")];

        var first = await Bulk(chunk);
        var second = await Bulk(chunk);

        Statuses(first).ShouldBe([201, 201]);
        Statuses(second).ShouldBe([200, 200]);
        second.GetProperty("results")[0].GetProperty("payment").ToString().ShouldBe(first.GetProperty("results")[0].GetProperty("payment").ToString());
        (await Pieces("100001/01")).Count(p => p == "transfer:BULK-1").ShouldBe(1);
    }

    [Fact]
    public async Task BulkPayments_SameIdOtherContent_409ForThatItemAndTheOthersLand()
    {
        (await Bulk([LedgerHttp.Payment("transfer:BULK-3", "100003/01", "50.00")])).GetProperty("recorded").GetInt32().ShouldBe(1);

        var answer = await Bulk([LedgerHttp.Payment("transfer:BULK-4", "100004/01", "10.00"),
            LedgerHttp.Payment("transfer:BULK-3", "100003/01", "51.00"),
            LedgerHttp.Payment("transfer:BULK-3", "100005/01", "50.00")]);

        Statuses(answer).ShouldBe([201, 409, 409]);
        answer.GetProperty("results")[1].GetProperty("problem").GetProperty("field").GetString().ShouldBe("payments[1].paymentId");
        answer.GetProperty("results")[2].GetProperty("problem").GetProperty("field").GetString().ShouldBe("payments[2].paymentId");
        (await host.Ops.GetFromJsonAsync<JsonElement>("payments/transfer:BULK-3")).GetProperty("amount").GetString().ShouldBe("50.00");
        (await Pieces("100004/01")).ShouldContain("transfer:BULK-4");
        (await Pieces("100005/01")).ShouldNotContain("transfer:BULK-3");
    }

    [Fact]
    public async Task BulkPayments_MixedChunk_BadFieldUnknownAccountAndTwoPaymentsOfOneTenant_EachAnsweredValidOnesLand()
    {
        var before = await Balance("100006/01");

        var answer = await Bulk([
            LedgerHttp.Payment("transfer:BULK-5", "100006/01", "30.00"),
            LedgerHttp.Payment("transfer:BULK-6", "100007/01", "12,5O"),
            LedgerHttp.Payment("transfer:BULK-7", "999999/01", "10.00"),
            LedgerHttp.Payment("transfer:BULK-8", "100006/01", "20.00"),
        ]);

        Statuses(answer).ShouldBe([201, 400, 400, 201]);
        answer.GetProperty("results")[2].GetProperty("problem").GetProperty("field").GetString().ShouldBe("payments[2].tenantReference");
        answer.GetProperty("results")[1].GetProperty("problem").GetProperty("field").GetString().ShouldBe("payments[1].amount");
        answer.GetProperty("refused").GetInt32().ShouldBe(2);
        (await Balance("100006/01")).ShouldBe(before - 5000);
        (await Pieces("100007/01")).ShouldNotContain("transfer:BULK-6");
        // The journal and the hash chain were written in the same transaction: the chain verifies from genesis.
        await using var connection = new Npgsql.NpgsqlConnection(host.AdminConnectionString);
        await connection.OpenAsync();
        (await ChainVerifier.VerifyAsync(connection, LedgerHostFixture.Landlord, [], CancellationToken.None)).Problem.ShouldBeNull();
    }

    [Fact]
    public async Task BulkPayments_KeyOfOneLandlordOnAnother_403AndNothingWritten()
    {
        (await host.Ops.PutAsJsonAsync("/landlords/autre-bailleur", new { name = "Autre Bailleur", tenantReferencePattern = "^\\d{6}/\\d{2}$" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var other = await host.Payments.PostAsJsonAsync("/landlords/autre-bailleur/payments/bulk",
            new { payments = new[] { LedgerHttp.Payment("transfer:BULK-9", "100008/01", "10.00") } });
        var unknown = await host.Ops.PostAsJsonAsync("/landlords/nobody-here/payments/bulk",
            new { payments = new[] { LedgerHttp.Payment("transfer:BULK-9", "100008/01", "10.00") } });

        other.StatusCode.ShouldBeOneOf(HttpStatusCode.Forbidden, HttpStatusCode.NotFound);
        unknown.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await host.Ops.GetAsync("payments/transfer:BULK-9")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task BulkPayments_EmptyOrTooLarge_400NamingPayments()
    {
        var empty = await host.Ops.PostAsJsonAsync("payments/bulk", new { payments = Array.Empty<object>() });
        var large = await host.Ops.PostAsJsonAsync("payments/bulk",
            new { payments = Enumerable.Range(0, 51).Select(i => LedgerHttp.Payment($"transfer:BIG-{i}", "100009/01", "1.00")).ToArray() });

        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        large.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await large.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString().ShouldBe("payments");
        (await Pieces("100009/01")).ShouldNotContain("transfer:BIG-0");
    }

    private async Task<JsonElement> Bulk(object[] payments)
    {
        using var response = await host.Payments.PostAsJsonAsync("payments/bulk", new { payments });
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    private static int[] Statuses(JsonElement answer) =>
        answer.GetProperty("results").EnumerateArray().Select(r => r.GetProperty("status").GetInt32()).ToArray();

    private async Task<List<string?>> Pieces(string tenant) =>
        (await host.Ops.GetFromJsonAsync<JsonElement>($"accounts/statement?tenantReference={Uri.EscapeDataString(tenant)}")).GetProperty("lines")
            .EnumerateArray().Select(l => l.GetProperty("piece").GetString()).ToList();

    private async Task<long> Balance(string tenant) =>
        RecordPaymentTests.Cents((await host.Ops.GetFromJsonAsync<JsonElement>($"accounts?tenantReference={Uri.EscapeDataString(tenant)}")).GetProperty("balance"));
}
