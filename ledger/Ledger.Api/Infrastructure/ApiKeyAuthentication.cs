using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Ledger.Api.Infrastructure;

/// <summary>One caller of the ledger (the payments service, the reconciliation service, an operator tool) and what it may do.</summary>
public sealed class ApiKeyOptions
{
    public string Name { get; set; } = "";
    public string Key { get; set; } = "";
    /// <summary>Space-separated scopes, e.g. "notices:read payments:write". Least privilege: the payments service gets only what it calls.</summary>
    public string Scopes { get; set; } = "";
    /// <summary>
    /// Space-separated landlord ids this key may act for, or <c>*</c> for all. Empty means none: a key that names no landlord
    /// is refused everywhere rather than silently allowed everywhere.
    /// </summary>
    public string Landlords { get; set; } = "";
}

public static class Scopes
{
    public const string LandlordsWrite = "landlords:write";
    public const string AccountsRead = "accounts:read";
    public const string AccountsWrite = "accounts:write";
    public const string NoticesRead = "notices:read";
    public const string NoticesWrite = "notices:write";
    public const string PaymentsRead = "payments:read";
    public const string PaymentsWrite = "payments:write";
    public const string JournalRead = "journal:read";
    /// <summary>The bulk open-items listing (every open notice with tenant names): reconciliation's, not the payments host's.</summary>
    public const string OpenItemsRead = "openitems:read";
    /// <summary>Tamper evidence: reading (exporting) signed chain checkpoints, and signing one now.</summary>
    public const string IntegrityRead = "integrity:read";
    public const string IntegrityWrite = "integrity:write";

    /// <summary>The landlord's bank operations (suspense 471, fees 627, receipts that are not rent): reconciliation's.</summary>
    public const string BankRead = "bank:read";
    public const string BankWrite = "bank:write";

    /// <summary>The Prometheus scrape endpoint <c>GET /metrics</c>: counters and totals, no tenant data.</summary>
    public const string MetricsRead = "metrics:read";

    public static readonly string[] All =
        [LandlordsWrite, AccountsRead, AccountsWrite, NoticesRead, NoticesWrite, PaymentsRead, PaymentsWrite, JournalRead, OpenItemsRead,
         BankRead, BankWrite, IntegrityRead, IntegrityWrite, MetricsRead];
}

/// <summary>
/// Service-to-service authentication with the X-Api-Key header. Keys come from configuration (Ledger:ApiKeys); only their
/// SHA-256 is kept in memory and compared in constant time. There is no anonymous access except the health probes.
/// </summary>
public sealed class ApiKeyHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory loggerFactory, UrlEncoder encoder, IConfiguration configuration)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, loggerFactory, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";
    public const string LandlordClaim = "landlord";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var presented) || string.IsNullOrEmpty(presented.ToString()))
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }
        var presentedHash = SHA256.HashData(Encoding.UTF8.GetBytes(presented.ToString()));
        foreach (var key in configuration.GetSection("Ledger:ApiKeys").Get<List<ApiKeyOptions>>() ?? [])
        {
            if (key.Key.Length < 16) continue; // a short key is a configuration mistake, never a valid credential
            var expected = SHA256.HashData(Encoding.UTF8.GetBytes(key.Key));
            if (CryptographicOperations.FixedTimeEquals(presentedHash, expected))
            {
                var claims = new List<Claim> { new(ClaimTypes.Name, key.Name) };
                claims.AddRange(key.Scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(s => new Claim("scope", s)));
                claims.AddRange(key.Landlords.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(l => new Claim(LandlordClaim, l)));
                var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
                return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
            }
        }
        return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
    }
}
