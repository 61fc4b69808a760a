using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;

namespace Payments.Api.Features.Pay;

/// <summary>
/// The notice page is a GET after the lookup's POST (POST-redirect-GET), so that going back from the PSP's page never shows
/// "Confirm Form Resubmission". The references travel in a short-lived token, encrypted and signed by Data Protection: they
/// are never in the URL in clear, and a token cannot be forged or edited to read another tenant's notice. It is issued only
/// after a lookup that passed the limits, so holding one buys no guesses.
/// </summary>
public sealed class NoticeLinks(IDataProtectionProvider provider)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    /// <summary>The Data Protection purpose: a token made for anything else (or another version) does not open here.</summary>
    public const string Purpose = "Payments.NoticeLink.v1";

    private readonly ITimeLimitedDataProtector _protector = provider.CreateProtector(Purpose).ToTimeLimitedDataProtector();

    public string UrlFor(string tenantReference, string noticeReference) =>
        "/avis?t=" + Uri.EscapeDataString(_protector.Protect(tenantReference + "\n" + noticeReference, Lifetime));

    /// <summary>The tenant copy of the notice's PDF: the same token, so the URL still holds no reference in clear.</summary>
    public static string PdfUrlFor(string token) => "/avis/pdf?t=" + Uri.EscapeDataString(token);

    /// <summary>The references, or null when the token is absent, expired, tampered with or from another key ring.</summary>
    public (string Tenant, string Notice)? Read(string? token)
    {
        if (string.IsNullOrEmpty(token) || token.Length > 1024) return null;
        try
        {
            var parts = _protector.Unprotect(token).Split('\n');
            return parts.Length == 2 ? (parts[0], parts[1]) : null;
        }
        catch (CryptographicException)
        {
            return null;
        }
    }
}
