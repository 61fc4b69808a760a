using Microsoft.AspNetCore.Antiforgery;
using Payments.Api.Ledger;
using Payments.Api.Web;

namespace Payments.Api.Features.Pay;

/// <summary>
/// The tenant copy of the avis d'échéance (issue 12 §1): <c>GET /avis/pdf?t=…</c>, the notice page's own token. The token is
/// read before anything else: absent, expired or edited, the tenant gets the form again ("Ce lien a expiré") and the ledger
/// is never asked. The PDF is the ledger's own, byte for byte (the printed notice: nothing more), read with our key
/// (notices:read, our landlord only). Same per-IP limit as the lookup, since a token is as good as the two references.
/// </summary>
public static class DownloadNoticePdf
{
    public static void MapDownloadNoticePdf(this IEndpointRouteBuilder app) =>
        app.MapGet("/avis/pdf", HandleAsync).RequireRateLimiting(RateLimits.LookupPolicy);

    public static async Task<IResult> HandleAsync(string? t, HttpContext http, IAntiforgery antiforgery, LedgerClient ledger, NoticeLinks links, CancellationToken ct)
    {
        if (links.Read(t) is not { } refs || !Primitives.NoticeReference.TryCreate(refs.Notice, out var notice))
            return LookupNotice.ExpiredPage(http, antiforgery);
        return await ledger.NoticePdfAsync(notice!.Value, ct) switch
        {
            NoticePdfResult.Found found => new PdfAttachment(found.Pdf, FileName(notice.Value)),
            NoticePdfResult.NotFound => LookupNotice.NotFoundPage(http, antiforgery, null, null),
            _ => TenantPages.Message("Service momentanément indisponible",
                "Nous ne pouvons pas préparer votre avis d'échéance pour le moment. Réessayez plus tard : le montant et les moyens de paiement restent affichés sur la page de votre avis.",
                503, otherWays: true),
        };
    }

    /// <summary>"avis-2026-11-000001.pdf": only ASCII letters, digits and '-' reach the header, whatever the reference holds.</summary>
    public static string FileName(string noticeReference) =>
        "avis-" + new string(noticeReference.Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()) + ".pdf";

    /// <summary>
    /// The PDF as an attachment with a quoted plain filename (safe: <see cref="FileName"/>), never kept by a shared cache or
    /// the browser's (the security headers' no-store, set here too so the answer says it itself).
    /// </summary>
    private sealed class PdfAttachment(byte[] pdf, string fileName) : IResult
    {
        public async Task ExecuteAsync(HttpContext httpContext)
        {
            var response = httpContext.Response;
            response.StatusCode = StatusCodes.Status200OK;
            response.ContentType = "application/pdf";
            response.ContentLength = pdf.Length;
            response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
            response.Headers.CacheControl = "no-store";
            await response.Body.WriteAsync(pdf, httpContext.RequestAborted);
        }
    }
}
