using System.Net;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Primitives;
using Reconciliation.Service.Tests.Support;

namespace Reconciliation.Service.Tests;

/// <summary>No page or endpoint answers without a login or an import key; approvals need a second person.</summary>
[Collection("recon")]
public sealed class AuthorizationTests(ReconStack stack)
{
    private static readonly string[] Anonymous = ["/health/live", "/login"];

    private List<(string Method, string Path)> Routes() =>
        stack.Recon.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is null)
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m =>
                (m, "/" + string.Join('/', e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
                {
                    Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart l => l.Content,
                    _ => "1",
                })))))))
            .ToList();

    [Fact]
    public async Task EveryRoute_WithoutCredentials_Answers401Or403OrRedirectsToLogin()
    {
        var routes = Routes();
        routes.Count.ShouldBeGreaterThan(15);
        using var anonymous = stack.Browser();
        var open = new List<string>();
        foreach (var (method, path) in routes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), path.TrimStart('/'));
            if (method == "POST") request.Content = new FormUrlEncodedContent([new("id", "1")]);
            using var response = await anonymous.SendAsync(request);
            var ok = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                     || (response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/login", StringComparison.Ordinal));
            if (!ok) open.Add($"{method} {path} → {(int)response.StatusCode}");
        }
        open.ShouldBeEmpty();
        routes.ShouldNotContain(r => Anonymous.Contains(r.Path));
    }

    [Fact]
    public async Task Pages_WithImportKeyOnly_AreForbidden()
    {
        using var key = stack.ImportClient();
        foreach (var (method, path) in Routes().Where(r => r.Method == "GET" && !r.Path.StartsWith("/api", StringComparison.Ordinal)))
        {
            using var response = await key.GetAsync(path.TrimStart('/'));
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, path);
        }
    }

    [Fact]
    public async Task WriteOff_AboveThreshold_OnlyAnotherApproverCanApprove()
    {
        var (tenant, notice, due) = await stack.WriteOffTargetAsync();
        using var accountant = await stack.LoginAsync("compta", ReconStack.AccountantPassword);
        using var approver = await stack.LoginAsync("approb", ReconStack.ApproverPassword);
        var amount = Money.FormatCents(due);

        // The approver's own request stays pending when they try to approve it.
        var token = await ReconStack.TokenAsync(approver, "approvals");
        using (var own = await approver.PostAsync("writeoffs", ReconStack.Form(token, ("tenant", tenant), ("notice", notice), ("amount", "350.00"), ("reason", "essai"))))
            own.StatusCode.ShouldBe(HttpStatusCode.OK);
        var ownId = await LatestApprovalIdAsync(approver);
        using (var self = await approver.PostAsync("approvals/approve", ReconStack.Form(token, ("id", ownId))))
        {
            self.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            WebUtility.HtmlDecode(await self.Content.ReadAsStringAsync()).ShouldContain("vous ne pouvez pas approuver votre propre demande");
        }

        // The accountant asks; the accountant cannot approve (no Approver role); the approver can.
        token = await ReconStack.TokenAsync(accountant, "approvals");
        using (var ask = await accountant.PostAsync("writeoffs", ReconStack.Form(token, ("tenant", tenant), ("notice", notice), ("amount", amount), ("reason", "locataire décédé, succession vacante"))))
            WebUtility.HtmlDecode(await ask.Content.ReadAsStringAsync()).ShouldContain("attend l'accord");
        var id = await LatestApprovalIdAsync(accountant);
        using (var denied = await accountant.PostAsync("approvals/approve", ReconStack.Form(token, ("id", id))))
        {
            denied.StatusCode.ShouldBe(HttpStatusCode.Redirect);
            denied.Headers.Location!.ToString().ShouldContain("/refuse");
        }
        (await stack.LedgerGetAsync($"notices?noticeReference={Uri.EscapeDataString(notice)}")).GetProperty("amountDue").GetString().ShouldBe(amount);

        token = await ReconStack.TokenAsync(approver, "approvals");
        using (var ok = await approver.PostAsync("approvals/approve", ReconStack.Form(token, ("id", id))))
            WebUtility.HtmlDecode(await ok.Content.ReadAsStringAsync()).ShouldContain("Demande approuvée");
        (await stack.LedgerGetAsync($"notices?noticeReference={Uri.EscapeDataString(notice)}")).GetProperty("amountDue").GetString().ShouldBe("0.00");
        var audit = WebUtility.HtmlDecode(await approver.GetStringAsync("audit"));
        audit.ShouldContain($"demandé par compta, approuvé par approb");
    }

    [Fact]
    public async Task Form_WithoutAntiforgeryToken_IsRefused()
    {
        using var accountant = await stack.LoginAsync("compta", ReconStack.AccountantPassword);
        using var response = await accountant.PostAsync("review/suspense", new FormUrlEncodedContent([new("id", "x"), new("reason", "r")]));
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    private static async Task<string> LatestApprovalIdAsync(HttpClient browser)
    {
        var html = await browser.GetStringAsync("approvals");
        var m = System.Text.RegularExpressions.Regex.Match(html, "<tr><td>(\\d+)</td>");
        m.Success.ShouldBeTrue();
        return m.Groups[1].Value;
    }
}
