using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Payments.Api.Adyen;

/// <summary>What we ask Adyen for: a hosted page for one amount, with our reference and where to come back.</summary>
public sealed record CheckoutRequest(string Reference, long AmountCents, string Currency, Uri ReturnUrl, string IdempotencyKey, DateTimeOffset ExpiresAt);

public abstract record CheckoutResult
{
    public sealed record Created(string SessionId, Uri RedirectUrl) : CheckoutResult;

    /// <summary>Adyen failed, timed out, or the circuit is open: the page shows degraded mode.</summary>
    public sealed record Unavailable(string Why) : CheckoutResult;
}

/// <summary>
/// Checkout API v71 over a plain HttpClient: <c>POST /sessions</c> with <c>mode: hosted</c>, or <c>POST /paymentLinks</c>.
/// Retries, timeouts and the circuit breaker live in the resilience pipeline (see <see cref="AddAdyenCheckout"/>); the
/// Idempotency-Key header is on the request message, so every retry repeats it and Adyen creates one session per attempt.
/// </summary>
public sealed class CheckoutClient(HttpClient http, IOptions<AdyenOptions> options, ILogger<CheckoutClient> logger)
{
    private readonly AdyenOptions _options = options.Value;

    public async Task<CheckoutResult> CreateAsync(CheckoutRequest request, CancellationToken ct)
    {
        var links = string.Equals(_options.Flow, "PaymentLinks", StringComparison.OrdinalIgnoreCase);
        var amount = new WireAmount(request.AmountCents, request.Currency);
        object body = links
            ? new WirePaymentLink(_options.MerchantAccount, amount, request.Reference, request.ReturnUrl.ToString(), "FR", "fr-FR", request.ExpiresAt, false)
            : new WireSession(_options.MerchantAccount, amount, request.Reference, request.ReturnUrl.ToString(), "hosted", "FR", "fr-FR", request.ExpiresAt, "Web");
        using var message = new HttpRequestMessage(HttpMethod.Post, links ? "v71/paymentLinks" : "v71/sessions")
        {
            Content = JsonContent.Create(body, body.GetType()),
        };
        message.Headers.Add("X-API-Key", _options.ApiKey);
        message.Headers.Add("Idempotency-Key", request.IdempotencyKey);
        try
        {
            using var response = await http.SendAsync(message, ct);
            if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Created))
            {
                // Only the status: Adyen's error bodies may echo request fields.
                logger.LogWarning("Adyen checkout answered {Status} for reference {Reference}", (int)response.StatusCode, request.Reference);
                return new CheckoutResult.Unavailable($"status {(int)response.StatusCode}");
            }
            var created = await response.Content.ReadFromJsonAsync<WireCreated>(ct);
            if (created?.Url is null || !Uri.TryCreate(created.Url, UriKind.Absolute, out var url) || created.Id is null)
            {
                return new CheckoutResult.Unavailable("no url in the answer");
            }
            return new CheckoutResult.Created(created.Id, url);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException or TaskCanceledException
                                      or System.Text.Json.JsonException)
        {
            if (ct.IsCancellationRequested) throw;
            logger.LogWarning("Adyen checkout unavailable for reference {Reference}: {Error}", request.Reference, e.GetType().Name);
            return new CheckoutResult.Unavailable(e.GetType().Name);
        }
    }

    private sealed record WireAmount(long Value, string Currency);

    private sealed record WireSession(
        string MerchantAccount, WireAmount Amount, string Reference, string ReturnUrl, string Mode, string CountryCode,
        string ShopperLocale, DateTimeOffset ExpiresAt, string Channel);

    private sealed record WirePaymentLink(
        string MerchantAccount, WireAmount Amount, string Reference, string ReturnUrl, string CountryCode, string ShopperLocale,
        DateTimeOffset ExpiresAt, bool Reusable);

    private sealed record WireCreated([property: JsonPropertyName("id")] string? Id, [property: JsonPropertyName("url")] string? Url);
}

public static class CheckoutClientRegistration
{
    public static IServiceCollection AddAdyenCheckout(this IServiceCollection services, AdyenOptions options)
    {
        services.AddHttpClient<CheckoutClient>(c => c.BaseAddress = options.ResolveCheckoutBaseUrl())
            .AddResilienceHandler("adyen-checkout", pipeline =>
            {
                // Outermost: bounds the tenant's whole wait (attempts, back-off and retries) to Adyen:TotalTimeout.
                pipeline.AddTimeout(options.TotalTimeout);
                pipeline.AddRetry(new Microsoft.Extensions.Http.Resilience.HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(200),
                    BackoffType = Polly.DelayBackoffType.Exponential,
                    UseJitter = true,
                    // Connection errors, timeouts, 5xx and 409 (Adyen: idempotent request still in flight) only.
                    ShouldHandle = args => ValueTask.FromResult(args.Outcome switch
                    {
                        { Exception: HttpRequestException or TimeoutRejectedException } => true,
                        { Result: { } r } => (int)r.StatusCode >= 500 || r.StatusCode == HttpStatusCode.Conflict,
                        _ => false,
                    }),
                });
                pipeline.AddCircuitBreaker(new Microsoft.Extensions.Http.Resilience.HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = options.BreakerMinimumThroughput,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = options.BreakDuration,
                });
                pipeline.AddTimeout(options.AttemptTimeout);
            });
        return services;
    }
}
