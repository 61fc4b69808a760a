using System.Net;
using Payments.Api.Features.Pay;
using Payments.Tests.Support;

namespace Payments.Tests.Pages;

/// <summary>References as tenants type them, French dates, the IBAN in groups, and a paid notice that says it is paid.</summary>
public sealed class TypedReferencesTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    [Theory]
    [InlineData("100011 01", "100011/01")]
    [InlineData("100011/1", "100011/01")]
    [InlineData(" 100011-01 ", "100011/01")]
    [InlineData("abc 12", "ABC12")]
    public void Tenant_TypedWithSpacesOrSeparators_IsNormalised(string typed, string expected) => TypedReferences.Tenant(typed).ShouldBe(expected);

    [Theory]
    [InlineData("2026/11/000011", "2026-11/000011")]
    [InlineData("2026-11/11", "2026-11/000011")]
    [InlineData("2026 11 000011", "2026-11/000011")]
    [InlineData("2026/13/000011", "2026/13/000011")]
    public void Notice_TypedWithSeparators_IsNormalised(string typed, string expected) => TypedReferences.Notice(typed).ShouldBe(expected);

    [Theory]
    [InlineData("100011 01", "2026/11/000011")]
    [InlineData("100011/1", "2026-11/11")]
    public async Task Lookup_ReferencesTypedWithSpacesAndSeparators_FindTheNotice(string tenant, string notice)
    {
        using var client = new TenantClient(stack);
        using var response = await client.LookupAsync(tenant, notice);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        (await response.Content.ReadAsStringAsync()).ShouldContain("2026-11/000011");
    }

    [Fact]
    public async Task Lookup_DueDate_IsWrittenInFrench()
    {
        using var client = new TenantClient(stack);
        var page = await (await client.LookupAsync("100001/01", "2026-11/000001")).Content.ReadAsStringAsync();
        page.ShouldContain("5 novembre 2026");
        page.ShouldNotContain("2026-11-05");
    }

    [Fact]
    public async Task Lookup_PaidNotice_SaysPaidAndOffersNoWayToPay()
    {
        using var client = new TenantClient(stack);
        using var response = await client.LookupAsync("100002/01", "2026-10/000002");
        var page = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        page.ShouldContain("Cet avis est payé");
        page.ShouldNotContain("Payer par carte");
        page.ShouldNotContain("IBAN");
        page.ShouldNotContain("Chèque");
    }
}
