using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Payments.Tests.Support;

namespace Payments.Tests.Simulator;

/// <summary>The PSP simulator speaks the subset of Checkout v71 we use, and writes a settlement details report that balances.</summary>
public sealed class SimulatorTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    private HttpClient Psp(string? apiKey)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = stack.SimulatorUrl };
        if (apiKey is not null) http.DefaultRequestHeaders.Add("X-API-Key", apiKey);
        return http;
    }

    private static JsonContent Session(string reference, long value) => JsonContent.Create(new
    {
        merchantAccount = PaymentsStack.MerchantAccount, amount = new { value, currency = "EUR" }, reference,
        returnUrl = "http://127.0.0.1:1/retour?ref=" + reference, mode = "hosted",
    });

    [Fact]
    public async Task Sessions_WrongApiKey_Is401()
    {
        using var http = Psp("wrong");
        using var response = await http.PostAsync("v71/sessions", Session("SIM-401", 100));
        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Sessions_SameIdempotencyKeyTwice_ReturnsTheSameSession()
    {
        using var http = Psp(stack.PspApiKey);
        async Task<string> CreateAsync()
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "v71/sessions") { Content = Session("SIM-IDEM", 100) };
            request.Headers.Add("Idempotency-Key", "sim-idem-key-1");
            using var response = await http.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.Created);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        }
        (await CreateAsync()).ShouldBe(await CreateAsync());
    }

    [Fact]
    public async Task PaymentLinks_Create_ReturnsAnActiveLinkWithUrl()
    {
        using var http = Psp(stack.PspApiKey);
        using var response = await http.PostAsync("v71/paymentLinks", Session("SIM-LINK", 100));
        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        body["status"]!.GetValue<string>().ShouldBe("active");
        body["url"]!.GetValue<string>().ShouldStartWith(stack.SimulatorUrl.ToString());
    }

    [Fact]
    public async Task SettlementReport_AfterAPaymentAndARefund_HasTheClassicColumnsAndBalancesToThePayout()
    {
        using var http = Psp(stack.PspApiKey);
        using var created = await http.PostAsync("v71/sessions", Session("SIM-REPORT", 51230));
        var id = JsonNode.Parse(await created.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();
        using var paid = await http.PostAsync($"checkout/{id}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["cardNumber"] = "4111 1111 1111 1111", ["expiry"] = "03/30", ["cvc"] = "737", ["holder"] = "Test",
        }));
        paid.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        paid.Headers.Location!.Query.ShouldContain("sessionResult=completed");
        var psp = JsonDocument.Parse(await http.GetStringAsync("_sim/sessions")).RootElement.GetProperty("sessions").EnumerateArray()
            .Single(s => s.GetProperty("id").GetString() == id).GetProperty("pspReference").GetString();
        using var refund = await http.PostAsJsonAsync($"_sim/payments/{psp}/events", new { eventCode = "REFUND", success = true, amountValue = 1000 });
        refund.StatusCode.ShouldBe(HttpStatusCode.OK);

        var csv = await http.GetStringAsync("_sim/reports/settlement_detail_report_batch_7.csv");
        var lines = csv.TrimEnd('\n').Split('\n');
        var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.SharedDir(), "adyen-data", "settlement-details-report.json")))!["classicColumns30"]!
            .AsArray().Select(c => c!.GetValue<string>());
        lines[0].Split(',').ShouldBe(expected);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        rows.ShouldAllBe(r => r.Length == 30 || r.Length == 31);
        static decimal Amount(string s) => s.Length == 0 ? 0 : decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture);
        var settled = rows.Single(r => r[2] == psp && r[7] == "Settled");
        Amount(settled[11]).ShouldBe(512.30m);
        var payout = rows.Single(r => r[7] == "MerchantPayout");
        // Σ net credit − Σ net debit of the batch's movements = the payout's net debit (what the bank statement shows).
        var net = rows.Where(r => r[7] != "MerchantPayout").Sum(r => Amount(r[15]) - Amount(r[14]));
        // The payout's Modification Reference is quoted and holds a comma, so its Net Debit is 16th from the end.
        Amount(payout[^16]).ShouldBe(net);
        net.ShouldBe(512.30m - (51230 * 12 / 1000 + 10) / 100m - 10.00m);
    }
}
