using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Tests.Api;

public sealed class RecordPaymentFixture : LedgerHostFixture;

[Trait("Category", "Integration")]
public sealed class RecordPaymentTests(RecordPaymentFixture host) : IClassFixture<RecordPaymentFixture>
{
    [Fact]
    public async Task RecordPayment_SameIdAndContentTwice_SecondAnswers200AndWritesNothing()
    {
        var body = LedgerHttp.Payment("transfer:IDEM-1", "100005/01", "100.00", "2026-11/000005");

        var first = await host.Ops.PostPaymentAsync(body, "transfer:IDEM-1");
        var second = await host.Ops.PostPaymentAsync(body, "transfer:IDEM-1");

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.Content.ReadAsStringAsync()).ShouldBe(await first.Content.ReadAsStringAsync());
        var statement = await Statement("100005/01");
        statement.Count(l => l.GetProperty("piece").GetString() == "transfer:IDEM-1").ShouldBe(1);
    }

    [Fact]
    public async Task RecordPayment_SameIdDifferentAmount_Answers409AndKeepsTheFirst()
    {
        (await host.Ops.PostPaymentAsync(LedgerHttp.Payment("transfer:IDEM-2", "100006/01", "50.00"), "transfer:IDEM-2"))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var conflict = await host.Ops.PostPaymentAsync(LedgerHttp.Payment("transfer:IDEM-2", "100006/01", "51.00"), "transfer:IDEM-2");

        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Problem(conflict)).GetProperty("field").GetString().ShouldBe("paymentId");
        var payment = await host.Ops.GetFromJsonAsync<JsonElement>("payments/transfer:IDEM-2");
        payment.GetProperty("amount").GetString().ShouldBe("50.00");
    }

    [Fact]
    public async Task RecordPayment_SameIdOnAnotherTenant_Answers409()
    {
        (await host.Ops.PostPaymentAsync(LedgerHttp.Payment("transfer:IDEM-3", "100007/01", "10.00"), "transfer:IDEM-3"))
            .StatusCode.ShouldBe(HttpStatusCode.Created);

        var other = await host.Ops.PostPaymentAsync(LedgerHttp.Payment("transfer:IDEM-3", "100008/01", "10.00"), "transfer:IDEM-3");

        other.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Statement("100008/01")).ShouldNotContain(l => l.GetProperty("piece").GetString() == "transfer:IDEM-3");
    }

    [Fact]
    public async Task RecordPayment_TwoConcurrentRequestsWithTheSameId_ExactlyOneEvent()
    {
        var body = LedgerHttp.Payment("transfer:RACE-1", "100009/01", "77.00", "2026-11/000009");
        using var start = new SemaphoreSlim(0);
        var tasks = Enumerable.Range(0, 2).Select(async _ =>
        {
            await start.WaitAsync();
            return await host.Ops.PostPaymentAsync(body, "transfer:RACE-1");
        }).ToList();
        start.Release(2);
        var responses = await Task.WhenAll(tasks);

        responses.Select(r => r.StatusCode).OrderBy(c => c).ShouldBe([HttpStatusCode.OK, HttpStatusCode.Created]);
        (await Statement("100009/01")).Count(l => l.GetProperty("piece").GetString() == "transfer:RACE-1").ShouldBe(1);
    }

    [Fact]
    public async Task Bug_SamePaymentIdRacingOnTwoTenants_OneIs201AndTheOther409NotA500()
    {
        for (var round = 0; round < 5; round++)
        {
            var id = $"transfer:RACE2-{round}";
            using var start = new SemaphoreSlim(0);
            var tasks = new[] { "100014/01", "100016/01" }.Select(async tenant =>
            {
                await start.WaitAsync();
                return await host.Ops.PostPaymentAsync(LedgerHttp.Payment(id, tenant, "3.00"), id);
            }).ToList();
            start.Release(2);
            var responses = await Task.WhenAll(tasks);

            responses.Select(r => r.StatusCode).OrderBy(c => c).ToArray().ShouldBe([HttpStatusCode.Created, HttpStatusCode.Conflict], $"round {round}");
        }
    }

    [Fact]
    public async Task RecordPayment_EightConcurrentPaymentsOnOneNotice_NoLostUpdate()
    {
        var before = await Account("100010/01");
        var tasks = Enumerable.Range(1, 8).Select(i =>
            host.Ops.PostPaymentAsync(LedgerHttp.Payment($"transfer:PAR-{i}", "100010/01", "10.00", "2026-11/000010"), $"transfer:PAR-{i}"));
        var responses = await Task.WhenAll(tasks);

        responses.ShouldAllBe(r => r.StatusCode == HttpStatusCode.Created);
        var after = await Account("100010/01");
        Cents(after.GetProperty("balance")).ShouldBe(Cents(before.GetProperty("balance")) - 8000);
        var notice = await host.Ops.GetFromJsonAsync<JsonElement>("notices?noticeReference=2026-11/000010");
        Cents(notice.GetProperty("paid")).ShouldBe(8000);
    }

    [Fact]
    public async Task RecordPayment_PaymentsServiceKey_CanRecordButCannotImportNotices()
    {
        var ok = await host.Payments.PostPaymentAsync(LedgerHttp.Payment("card:SCOPE-1", "100011/01", "5.00", channel: "Card"), "card:SCOPE-1");
        var forbidden = await host.Payments.PostAsJsonAsync("notices/import", new { notices = Array.Empty<object>() });
        var anonymous = await host.Anonymous.GetAsync("accounts?tenantReference=100011/01");
        var health = await host.Anonymous.GetAsync("/health/ready");

        ok.StatusCode.ShouldBe(HttpStatusCode.Created);
        forbidden.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    public static TheoryData<string, string, string, string, string, HttpStatusCode, string> BadPayments => new()
    {
        // id, tenant, amount, currency, channel, status, field
        { "transfer:BAD-1", "999999/99", "10.00", "EUR", "Transfer", HttpStatusCode.BadRequest, "tenantReference" },
        { "transfer:BAD-2", "10 0001/01", "10.00", "EUR", "Transfer", HttpStatusCode.BadRequest, "tenantReference" },
        { "transfer:BAD-3", "100012/01", "-10.00", "EUR", "Transfer", HttpStatusCode.BadRequest, "amount" },
        { "transfer:BAD-4", "100012/01", "0.00", "EUR", "Transfer", HttpStatusCode.BadRequest, "amount" },
        { "transfer:BAD-5", "100012/01", "10.001", "EUR", "Transfer", HttpStatusCode.BadRequest, "amount" },
        { "transfer:BAD-6", "100012/01", "10.00", "USD", "Transfer", HttpStatusCode.BadRequest, "currency" },
        { "transfer:BAD-7", "100012/01", "10.00", "eur", "Transfer", HttpStatusCode.BadRequest, "currency" },
        { "transfer:BAD-8", "100012/01", "10.00", "EUR", "Bitcoin", HttpStatusCode.BadRequest, "channel" },
        { "transfer BAD 9", "100012/01", "10.00", "EUR", "Transfer", HttpStatusCode.BadRequest, "paymentId" },
    };

    [Theory]
    [MemberData(nameof(BadPayments))]
    public async Task RecordPayment_BadInput_ProblemNamesTheFieldAndNothingIsWritten(
        string id, string tenant, string amount, string currency, string channel, HttpStatusCode status, string field)
    {
        var before = await Account("100012/01");

        var response = await host.Ops.PostPaymentAsync(LedgerHttp.Payment(id, tenant, amount, channel: channel, currency: currency), id);

        response.StatusCode.ShouldBe(status);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await Problem(response)).GetProperty("field").GetString().ShouldBe(field);
        (await Account("100012/01")).GetProperty("balance").GetString().ShouldBe(before.GetProperty("balance").GetString());
    }

    [Fact]
    public async Task RecordPayment_MissingIdempotencyKey_Answers400NamingTheHeader()
    {
        var response = await host.Ops.PostAsJsonAsync("payments", LedgerHttp.Payment("transfer:NOKEY", "100012/01", "1.00"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Problem(response)).GetProperty("field").GetString().ShouldBe("Idempotency-Key");
    }

    [Fact]
    public async Task RecordPayment_MalformedJson_Answers400ProblemWithoutEchoingTheBody()
    {
        using var content = new StringContent("{\"paymentId\": \"x\", \"amount\": SECRET-4111", System.Text.Encoding.UTF8, "application/json");
        var response = await host.Ops.PostAsync("payments", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("SECRET");
    }

    private async Task<JsonElement> Account(string tenant) =>
        await host.Ops.GetFromJsonAsync<JsonElement>($"accounts?tenantReference={Uri.EscapeDataString(tenant)}");

    private async Task<List<JsonElement>> Statement(string tenant) =>
        (await host.Ops.GetFromJsonAsync<JsonElement>($"accounts/statement?tenantReference={Uri.EscapeDataString(tenant)}"))
        .GetProperty("lines").EnumerateArray().ToList();

    private static async Task<JsonElement> Problem(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    internal static long Cents(JsonElement amount) =>
        Primitives.Money.TryParseCents(amount.GetString(), out var c) ? c : throw new FormatException(amount.GetString());
}
