using System.Net;
using Microsoft.AspNetCore.DataProtection;
using Payments.Api.Features.Pay;
using Payments.Tests.Support;
using Payments.Tests.Webhooks;
using Tests.Shared;

namespace Payments.Tests.Pages;

/// <summary>Issue 12 §1, tenant copy: the notice page links to the ledger's PDF of the notice, behind the page's own token.</summary>
public sealed class NoticePdfTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    [Fact]
    public async Task NoticePage_AfterLookup_LinksToThePdfWithTheSameToken()
    {
        using var client = new TenantClient(stack);
        using var posted = await client.PostLookupAsync("100003/01", "2026-11/000003");
        var location = posted.Headers.Location!.ToString();
        var page = await client.Http.GetStringAsync(location);

        page.ShouldContain("Télécharger l'avis d'échéance (PDF)");
        WebUtility.HtmlDecode(page).ShouldContain($"href=\"{NoticeLinks.PdfUrlFor(Token(location))}\"");
    }

    [Fact]
    public async Task NoticePdf_ValidToken_IsTheLedgersPdfAsAnUncachedAttachmentWithReferenceAndFrenchAmount()
    {
        using var client = new TenantClient(stack);
        using var posted = await client.PostLookupAsync("100001/01", "2026-11/000001");

        using var response = await client.Http.GetAsync(NoticeLinks.PdfUrlFor(Token(posted.Headers.Location!.ToString())));
        var pdf = await response.Content.ReadAsByteArrayAsync();

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        response.Content.Headers.GetValues("Content-Disposition").Single().ShouldBe("attachment; filename=\"avis-2026-11-000001.pdf\"");
        response.Headers.CacheControl!.NoStore.ShouldBeTrue();
        PdfText.IsPdf(pdf).ShouldBeTrue();
        var text = PdfText.Of(pdf);
        text.ShouldContain("2026-11/000001");
        text.ShouldContain("512,30 €");
        // The ledger's document, byte for byte: the tenant copy adds nothing to what the printed notice shows.
        pdf.ShouldBe(await stack.LedgerOps.GetByteArrayAsync("notices/pdf?noticeReference=2026-11/000001"));
    }

    [Fact]
    public async Task NoticePdf_ExpiredOrEditedToken_ShowsTheExpiredFormAndNoPdf()
    {
        using var client = new TenantClient(stack);
        using var posted = await client.PostLookupAsync("100004/01", "2026-11/000004");
        var token = Token(posted.Headers.Location!.ToString());

        foreach (var bad in new[] { ExpiredToken(stack, "100004/01", "2026-11/000004"), Edited(token), "" })
        {
            using var response = await client.Http.GetAsync(NoticeLinks.PdfUrlFor(bad));
            response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
            PdfText.IsPdf(await response.Content.ReadAsByteArrayAsync()).ShouldBeFalse();
            (await response.Content.ReadAsStringAsync()).ShouldContain("Ce lien a expiré.");
        }
    }

    public static string Token(string noticeUrl) => Uri.UnescapeDataString(noticeUrl[(noticeUrl.IndexOf("t=", StringComparison.Ordinal) + 2)..]);

    public static string Edited(string token) => token[..^2] + (token[^2] == 'A' ? 'B' : 'A') + token[^1];

    /// <summary>A token the host itself made for these references, but already past its lifetime.</summary>
    public static string ExpiredToken(PaymentsStack stack, string tenant, string notice) =>
        stack.Payments.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector(NoticeLinks.Purpose).ToTimeLimitedDataProtector()
            .Protect(tenant + "\n" + notice, DateTimeOffset.UtcNow.AddMinutes(-1));

    /// <summary>A live token for these references, as the lookup issues it (for stacks whose ledger cannot answer a lookup).</summary>
    public static string LiveToken(PaymentsStack stack, string tenant, string notice) =>
        Token(stack.Payments.Services.GetRequiredService<NoticeLinks>().UrlFor(tenant, notice));
}

/// <summary>
/// With the ledger unreachable, any call to it ends in the 503 page: a refused token answering "Ce lien a expiré" instead
/// proves the token is checked before the ledger is asked.
/// </summary>
public sealed class NoticePdfLedgerDownTests(StackWithoutLedger stack) : IClassFixture<StackWithoutLedger>
{
    [Fact]
    public async Task NoticePdf_ExpiredOrEditedToken_NeverAsksTheLedger()
    {
        using var client = new TenantClient(stack);
        var live = NoticePdfTests.LiveToken(stack, "100001/01", "2026-11/000001");

        foreach (var bad in new[] { NoticePdfTests.ExpiredToken(stack, "100001/01", "2026-11/000001"), NoticePdfTests.Edited(live), "x" })
        {
            using var response = await client.Http.GetAsync(NoticeLinks.PdfUrlFor(bad));
            response.StatusCode.ShouldBe(HttpStatusCode.OK);
            (await response.Content.ReadAsStringAsync()).ShouldContain("Ce lien a expiré.");
        }
    }

    [Fact]
    public async Task NoticePdf_LedgerUnreachable_FrenchDegradedPageNot500()
    {
        using var client = new TenantClient(stack);

        using var response = await client.Http.GetAsync(NoticeLinks.PdfUrlFor(NoticePdfTests.LiveToken(stack, "100001/01", "2026-11/000001")));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
        page.ShouldContain("Nous ne pouvons pas préparer votre avis d'échéance pour le moment.");
        page.ShouldContain("Autres moyens de paiement");
    }
}

/// <summary>The PDF route spends the same per-IP allowance as the lookup: a token buys no extra tries.</summary>
public sealed class NoticePdfRateLimitTests(NoticePdfRateLimitTests.Stack stack) : IClassFixture<NoticePdfRateLimitTests.Stack>
{
    public sealed class Stack : PaymentsStack
    {
        protected override bool WithLedger => false;

        protected override IEnumerable<string> ExtraPaymentsArgs => ["--RateLimits:PerIpPerMinute=5"];
    }

    [Fact]
    public async Task NoticePdf_SharesThePerIpLimitWithTheLookup_Then429InFrench()
    {
        using var client = new TenantClient(stack);
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            using var lookup = await client.LookupAsync($"10000{i}/01", "2026-11/000001");
            statuses.Add((int)lookup.StatusCode);
        }
        for (var i = 0; i < 2; i++)
        {
            using var pdf = await client.Http.GetAsync(NoticeLinks.PdfUrlFor("x"));
            statuses.Add((int)pdf.StatusCode);
        }
        using var over = await client.Http.GetAsync(NoticeLinks.PdfUrlFor("x"));

        statuses.ShouldAllBe(s => s != 429);
        over.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        (await over.Content.ReadAsStringAsync()).ShouldContain("Trop de tentatives");
    }
}
