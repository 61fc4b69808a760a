using System.Net;
using Payments.Tests.Support;

namespace Payments.Tests.Security;

/// <summary>A Development stack without Payments:PublicBaseUrl (no host filtering): the return URL must still ignore the Host header.</summary>
public sealed class StackWithoutPublicBaseUrl : PaymentsStack
{
    protected override bool WithPublicBaseUrl => false;

    protected override IEnumerable<string> ExtraPaymentsArgs => ["--environment=Development"];
}

/// <summary>Issue 9, item 1: the PSP return URL is never built from the request's Host.</summary>
public sealed class PublicHostTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    [Fact]
    public async Task StartCheckout_WithAForgedHost_Gets400AndOpensNoAttempt()
    {
        using var client = new TenantClient(stack);
        var fields = new Dictionary<string, string>
        {
            ["tenantReference"] = "100008/01", ["noticeReference"] = "2026-11/000008", ["__RequestVerificationToken"] = await client.TokenAsync(),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/paiement/carte") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Host = "evil.example";

        using var response = await client.Http.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        response.Headers.Location.ShouldBeNull();
        (await stack.CountAsync("select count(*) from payment_attempts where notice_reference = '2026-11/000008'")).ShouldBe(0);
    }

    [Fact]
    public void Build_InProductionWithoutPublicBaseUrl_RefusesToStart()
    {
        var error = Should.Throw<InvalidOperationException>(() => Api.PaymentsApp.Build([
            "--environment=Production", "--urls=http://127.0.0.1:0", "--ConnectionStrings:Payments=Host=127.0.0.1;Database=none",
            "--Adyen:MerchantAccount=M", $"--Adyen:HmacKeys:0={new string('a', 64)}", "--Adyen:WebhookUser=u", "--Adyen:WebhookPassword=p",
            "--Ledger:BaseUrl=http://127.0.0.1:9/", "--Ledger:LandlordId=demo-habitat",
        ]));
        error.Message.ShouldContain("Payments:PublicBaseUrl");
    }
}

public sealed class ReturnUrlWithoutSettingTests(StackWithoutPublicBaseUrl stack) : IClassFixture<StackWithoutPublicBaseUrl>
{
    [Fact]
    public async Task StartCheckout_WithAForgedHostAndNoSetting_SendsThePayerBackToTheServersOwnAddress()
    {
        using var client = new TenantClient(stack);
        var fields = new Dictionary<string, string>
        {
            ["tenantReference"] = "100009/01", ["noticeReference"] = "2026-11/000009", ["__RequestVerificationToken"] = await client.TokenAsync(),
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/paiement/carte") { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Host = "evil.example";
        using var start = await client.Http.SendAsync(request);
        start.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await start.Content.ReadAsStringAsync());

        // Pay on the PSP's page: where it sends the tenant afterwards is the return URL we gave it.
        using var psp = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using var paid = await psp.PostAsync(start.Headers.Location, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["cardNumber"] = "4111111111111111", ["expiry"] = "03/30", ["cvc"] = "737", ["holder"] = "Test",
        }));

        paid.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        paid.Headers.Location!.Host.ShouldNotBe("evil.example");
        paid.Headers.Location.GetLeftPart(UriPartial.Authority).ShouldBe(stack.PaymentsUrl.GetLeftPart(UriPartial.Authority));
    }
}
