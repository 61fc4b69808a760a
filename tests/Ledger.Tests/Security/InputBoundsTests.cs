using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Ledger.Tests.Api;

namespace Ledger.Tests.Security;

public sealed class InputBoundsFixture : LedgerHostFixture;

/// <summary>Issue 9, items 6 and 8: amounts, dates, enums, control characters and the framework's binding errors.</summary>
[Trait("Category", "Integration")]
public sealed class InputBoundsTests(InputBoundsFixture host) : IClassFixture<InputBoundsFixture>
{
    private static async Task<string?> FieldAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        return JsonDocument.Parse(text).RootElement.TryGetProperty("field", out var f) ? f.GetString() : null;
    }

    [Theory]
    [InlineData("100000000000000")] // 15 digits: once accepted, it made GET /journal answer 500 for good
    [InlineData("1000000.01")]
    [InlineData("999999999999999.99")]
    public async Task RecordPayment_AmountAboveTheMaximum_Is400NamingAmount(string amount)
    {
        var id = "transfer:BIG-" + amount.Replace(".", "", StringComparison.Ordinal);
        var response = await host.Ops.PostPaymentAsync(LedgerHttp.Payment(id, "100002/01", amount), id);

        (await FieldAsync(response)).ShouldBe("amount");
        (await host.Ops.GetAsync("journal?from=2026-01-01&to=2026-12-31")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task RecordPayment_AmountAtTheMaximum_IsAccepted()
    {
        var response = await host.Ops.PostPaymentAsync(LedgerHttp.Payment("transfer:MAX-1", "100002/01", "1000000.00"), "transfer:MAX-1");
        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task ImportNotices_LineAboveTheMaximum_Is400NamingTheLine()
    {
        var response = await host.Ops.PostAsJsonAsync("notices/import", new
        {
            notices = new[]
            {
                new
                {
                    tenantReference = "100003/01", noticeReference = "2026-12/000003", period = "2026-12", dueDate = "2026-12-05",
                    lines = new[] { new { kind = "Rent", amount = "1000000.01" } },
                },
            },
        });
        (await FieldAsync(response))!.ShouldEndWith("lines[0].amount");
    }

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("1989-12-31")]
    public async Task RecordPayment_ReceivedOnOutsideASaneWindow_Is400NamingReceivedOn(string date)
    {
        var body = new
        {
            paymentId = "transfer:DATE-" + date, tenantReference = "100004/01", channel = "Transfer", amount = "10.00", currency = "EUR", receivedOn = date,
        };
        (await FieldAsync(await host.Ops.PostPaymentAsync(body, "transfer:DATE-" + date))).ShouldBe("receivedOn");
    }

    [Theory]
    [InlineData("1")]
    [InlineData("-1")]
    [InlineData("0")]
    public async Task RecordPayment_ChannelGivenAsANumber_Is400NamingChannel(string channel)
    {
        var body = LedgerHttp.Payment("transfer:CHAN-" + channel, "100004/01", "10.00", channel: channel);
        (await FieldAsync(await host.Ops.PostPaymentAsync(body, "transfer:CHAN-" + channel))).ShouldBe("channel");
    }

    [Theory]
    [InlineData("Zoé\u0000Martin")]
    [InlineData("Zoé\u001bMartin")]
    public async Task OpenAccount_ControlCharacterInTheName_Is400NamingTenantName(string name)
    {
        var response = await host.Ops.PostAsJsonAsync("accounts", new { tenantReference = "100077/01", tenantName = name });
        (await FieldAsync(response)).ShouldBe("tenantName");
    }

    private Task<HttpResponseMessage> PostRawAsync(string json)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "payments") { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", "json-test");
        return host.Ops.SendAsync(request);
    }

    [Fact]
    public async Task RecordPayment_NumberWhereAStringIsExpected_Is400NamingThatField()
    {
        var response = await PostRawAsync("""{"paymentId":"transfer:J1","tenantReference":"100004/01","channel":"Transfer","amount":12,"receivedOn":"2026-11-06"}""");
        (await FieldAsync(response)).ShouldBe("amount");
    }

    [Fact]
    public async Task RecordPayment_MalformedJson_Is400WithAField()
    {
        var response = await PostRawAsync("""{"paymentId":"transfer:J2","tenantReference":"100004/01",""");
        (await FieldAsync(response)).ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task OpenItems_LimitNotANumber_Is400NamingLimit()
    {
        (await FieldAsync(await host.Ops.GetAsync("open-items?limit=abc"))).ShouldBe("limit");
    }

    [Fact]
    public async Task TenantReferencePattern_Catastrophic_NeverTimesOutIntoA500()
    {
        (await host.Ops.PutAsJsonAsync("/landlords/slow-habitat", new { name = "Lent", tenantReferencePattern = "^(a+)+$" })).EnsureSuccessStatusCode();
        using var slow = host.Client(LedgerHostFixture.OpsKey);
        slow.BaseAddress = new Uri(host.BaseAddress, "../slow-habitat/");
        var started = System.Diagnostics.Stopwatch.StartNew();

        var response = await slow.PostAsJsonAsync("accounts", new { tenantReference = new string('a', 31) + "!", tenantName = "Test" });

        (await FieldAsync(response)).ShouldBe("tenantReference");
        started.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(5));
    }

    [Theory]
    [InlineData("^(a)\\1$")]
    [InlineData("^(?=a).+$")]
    [InlineData("^[a-$")]
    public async Task TenantReferencePattern_NotRunnableInLinearTime_Is400NamingThePattern(string pattern)
    {
        var response = await host.Ops.PutAsJsonAsync("/landlords/bad-pattern", new { name = "Motif", tenantReferencePattern = pattern });
        (await FieldAsync(response)).ShouldBe("tenantReferencePattern");
    }
}
