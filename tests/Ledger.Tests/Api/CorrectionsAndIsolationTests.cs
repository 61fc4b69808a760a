using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Tests.Api;

public sealed class CorrectionsFixture : LedgerHostFixture;

[Trait("Category", "Integration")]
public sealed class CorrectionsAndIsolationTests(CorrectionsFixture host) : IClassFixture<CorrectionsFixture>
{
    [Fact]
    public async Task CreditNote_OnAPaidNotice_ReleasesTheExcessAsCredit()
    {
        (await host.Ops.PostPaymentAsync(LedgerHttp.Payment("transfer:CN-1", "100002/01", "525.80", "2026-11/000002"), "transfer:CN-1"))
            .StatusCode.ShouldBe(HttpStatusCode.Created);
        var credit = new
        {
            noticeReference = "2026-11/000002", creditNoteReference = "AV-2026-0001", on = "2026-11-20", reason = "charges trop élevées",
            lines = new[] { new { kind = "Charges", label = "Régularisation", amount = "20.00" } },
        };

        var first = await host.Ops.PostAsJsonAsync("notices/credit-notes", credit);
        var again = await host.Ops.PostAsJsonAsync("notices/credit-notes", credit);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        var notice = await host.Ops.GetFromJsonAsync<JsonElement>("notices?noticeReference=2026-11/000002");
        notice.GetProperty("netDue").GetString().ShouldBe("505.80"); // 462.50 + 96.30 − 33.00 − 20.00
        notice.GetProperty("status").GetString().ShouldBe("Paid");
        // October was already paid by the demo seed; the 20.00 released stays as credit.
        (await host.Ops.GetFromJsonAsync<JsonElement>("accounts?tenantReference=100002/01")).GetProperty("credit").GetString().ShouldBe("20.00");
    }

    [Fact]
    public async Task CancelNotice_WithAPayment_MovesThePaymentToTheOtherOpenNotice()
    {
        (await host.Ops.PostPaymentAsync(LedgerHttp.Payment("transfer:CANCEL-1", "100003/01", "100.00", "2026-11/000003"), "transfer:CANCEL-1"))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var cancelled = await host.Ops.PostAsJsonAsync("notices/cancellations",
            new { noticeReference = "2026-11/000003", on = "2026-11-21", reason = "avis émis par erreur" });

        cancelled.StatusCode.ShouldBe(HttpStatusCode.Created);
        (await host.Ops.GetFromJsonAsync<JsonElement>("notices?noticeReference=2026-11/000003")).GetProperty("status").GetString().ShouldBe("Cancelled");
        var payment = await host.Ops.GetFromJsonAsync<JsonElement>("payments/transfer:CANCEL-1");
        payment.GetProperty("allocations").EnumerateArray().Single().GetProperty("noticeReference").GetString().ShouldBe("2026-10/000003");
    }

    [Fact]
    public async Task AccountOperations_WriteOffWithoutApprover_Answers400AndWriteOffWithApproverReducesTheBalance()
    {
        var before = await host.Ops.GetFromJsonAsync<JsonElement>("accounts?tenantReference=100005/01");
        object Op(string? approvedBy) => new
        {
            tenantReference = "100005/01", kind = "WriteOff", operationId = "WO-1", amount = "100.00", on = "2026-11-22",
            approvedBy, reason = "commission de surendettement", noticeReference = "2026-10/000005",
        };

        var missing = await host.Ops.PostAsJsonAsync("accounts/operations", Op(null));
        var done = await host.Ops.PostAsJsonAsync("accounts/operations", Op("chef comptable"));

        missing.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString().ShouldBe("approvedBy");
        done.StatusCode.ShouldBe(HttpStatusCode.Created);
        var after = await done.Content.ReadFromJsonAsync<JsonElement>();
        RecordPaymentTests.Cents(after.GetProperty("balance")).ShouldBe(RecordPaymentTests.Cents(before.GetProperty("balance")) - 10000);
    }

    [Fact]
    public async Task Landlords_AnotherLandlordsKeyspace_SeesNothingOfTheDemoLandlord()
    {
        (await host.Ops.PutAsJsonAsync("/landlords/autre-bailleur", new { name = "Autre Bailleur", tenantReferencePattern = "^\\d{6}/\\d{2}$" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var lookup = await host.Ops.PostAsJsonAsync("/landlords/autre-bailleur/notices/lookup",
            new { tenantReference = "100001/01", noticeReference = "2026-11/000001" });
        var account = await host.Ops.GetAsync("/landlords/autre-bailleur/accounts?tenantReference=100001/01");

        lookup.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        account.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task OpenApi_Document_ListsThePaymentRoute()
    {
        var document = await host.Ops.GetStringAsync("/openapi/v1.json");

        document.ShouldContain("/landlords/{landlordId}/payments");
        (await host.Anonymous.GetAsync("/openapi/v1.json")).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }
}

public sealed class AppendOnlyFixture : LedgerHostFixture;

[Trait("Category", "Integration")]
public sealed class AppendOnlyTests(AppendOnlyFixture host) : IClassFixture<AppendOnlyFixture>
{
    [Theory]
    [InlineData("UPDATE ledger.mt_events SET data = data")]
    [InlineData("DELETE FROM ledger.mt_events")]
    [InlineData("TRUNCATE ledger.mt_events CASCADE")]
    public async Task Events_ChangedBehindTheLedgersBack_TheDatabaseRefuses(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);

        var error = await Should.ThrowAsync<Npgsql.PostgresException>(() => command.ExecuteNonQueryAsync());

        error.MessageText.ShouldContain("append-only");
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM ledger.mt_events", connection);
        ((long)(await count.ExecuteScalarAsync())!).ShouldBeGreaterThan(0);
    }
}
