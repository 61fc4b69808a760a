namespace Payments.Api.Adyen;

/// <summary>
/// The <c>Adyen</c> configuration section. Secrets (API key, HMAC keys, webhook password) come only from configuration
/// (environment variables such as <c>Adyen__HmacKeys__0</c> in production), never from code or fixtures.
/// </summary>
public sealed class AdyenOptions
{
    /// <summary><c>Test</c> or <c>Live</c>: picks the base URL and the expected <c>live</c> flag of webhooks.</summary>
    public string Environment { get; set; } = "Test";

    public string ApiKey { get; set; } = "";

    public string MerchantAccount { get; set; } = "";

    /// <summary>Live URL prefix from Customer Area &gt; Developers &gt; API URLs (live only).</summary>
    public string LivePrefix { get; set; } = "";

    /// <summary>HMAC keys in hex, current first; the previous one stays here during a rotation.</summary>
    public List<string> HmacKeys { get; set; } = [];

    public string WebhookUser { get; set; } = "";

    public string WebhookPassword { get; set; } = "";

    /// <summary>Hosts (optionally with port) we agree to redirect a tenant to; anything else is refused.</summary>
    public List<string> AllowedRedirectHosts { get; set; } = [];

    /// <summary><c>Sessions</c> (Hosted Checkout, default) or <c>PaymentLinks</c>.</summary>
    public string Flow { get; set; } = "Sessions";

    /// <summary>Overrides the computed base URL (the PSP simulator in tests and in the main command).</summary>
    public string? CheckoutBaseUrl { get; set; }

    /// <summary>One call to the PSP; a session is created in well under a second when the PSP is healthy.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The whole wait a tenant sees after "Payer par carte", retries included; then degraded mode.</summary>
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Calls (attempts, retries included) seen in 30 s before the breaker may open at 50 % failures.</summary>
    public int BreakerMinimumThroughput { get; set; } = 10;

    public bool IsLive => string.Equals(Environment, "Live", StringComparison.OrdinalIgnoreCase);

    public Uri ResolveCheckoutBaseUrl()
    {
        if (!string.IsNullOrWhiteSpace(CheckoutBaseUrl)) return new Uri(CheckoutBaseUrl.TrimEnd('/') + "/");
        if (!IsLive) return new Uri("https://checkout-test.adyen.com/");
        // Live URLs carry the company prefix and an extra /checkout segment (adyen.md §3).
        if (string.IsNullOrWhiteSpace(LivePrefix)) throw new InvalidOperationException("Adyen:LivePrefix is required when Adyen:Environment is Live");
        return new Uri($"https://{LivePrefix}-checkout-live.adyenpayments.com/checkout/");
    }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(MerchantAccount)) throw new InvalidOperationException("Adyen:MerchantAccount is required");
        if (HmacKeys.Count == 0) throw new InvalidOperationException("Adyen:HmacKeys:0 is required (hex HMAC key)");
        foreach (var key in HmacKeys)
        {
            if (key.Length != 64 || !key.All(char.IsAsciiHexDigit)) throw new InvalidOperationException("Adyen:HmacKeys entries must be 64 hex characters");
        }
        if (string.IsNullOrEmpty(WebhookUser) || string.IsNullOrEmpty(WebhookPassword))
        {
            throw new InvalidOperationException("Adyen:WebhookUser and Adyen:WebhookPassword are required");
        }
    }
}
