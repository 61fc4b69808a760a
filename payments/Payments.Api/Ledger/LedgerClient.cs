using System.Net;
using System.Net.Http.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Payments.Api.Ledger;

/// <summary>The notice as the ledger answers a lookup (amounts are decimal strings, "512.30").</summary>
public sealed record LedgerNotice(
    string LandlordId, string LandlordName, string TenantReference, string NoticeReference, string Period, string DueDate,
    string Total, string AmountDue, string Currency, string RfReference, string Status);

public abstract record LookupResult
{
    public sealed record Found(LedgerNotice Notice) : LookupResult;

    public sealed record NotFound : LookupResult;

    public sealed record Unavailable : LookupResult;
}

/// <summary>The notice's PDF as the ledger produced it, or why there is none.</summary>
public abstract record NoticePdfResult
{
    public sealed record Found(byte[] Pdf) : NoticePdfResult;

    public sealed record NotFound : NoticePdfResult;

    public sealed record Unavailable : NoticePdfResult;
}

/// <summary>How a command sent to the ledger ended, from the outbox's point of view.</summary>
public enum LedgerSendOutcome
{
    /// <summary>201 or 200: recorded now or already recorded with the same content.</summary>
    Done,
    /// <summary>404: the payment a reversal needs is not there yet (events arrive in any order): retry later.</summary>
    NotYet,
    /// <summary>Ledger down, 5xx, timeout, open circuit: retry later, never lose it.</summary>
    Transient,
    /// <summary>400/409/422…: retrying cannot help; dead-letter for an operator.</summary>
    Poison,
}

public sealed record LedgerSendResult(LedgerSendOutcome Outcome, int? Status, string? Detail);

/// <summary>A payment as the ledger holds it (the fields the outbox compares; amounts are decimal strings).</summary>
public sealed record LedgerPayment(string PaymentId, string TenantReference, string Amount, string Currency);

/// <summary>
/// The one client of the ledger's internal API (X-Api-Key; the landlord from Ledger:LandlordId). Timeouts, retries and the
/// circuit breaker come from the standard resilience handler; POSTs carry an Idempotency-Key so a retry cannot double-book.
/// </summary>
public sealed class LedgerClient(HttpClient http, string landlordId)
{
    public string LandlordId { get; } = landlordId;

    public async Task<LookupResult> LookupAsync(string tenantReference, string noticeReference, CancellationToken ct)
    {
        try
        {
            using var response = await http.PostAsJsonAsync(
                $"landlords/{Uri.EscapeDataString(LandlordId)}/notices/lookup", new { tenantReference, noticeReference }, ct);
            if (response.StatusCode == HttpStatusCode.NotFound) return new LookupResult.NotFound();
            if (!response.IsSuccessStatusCode) return new LookupResult.Unavailable();
            var notice = await response.Content.ReadFromJsonAsync<LedgerNotice>(ct);
            return notice is null ? new LookupResult.Unavailable() : new LookupResult.Found(notice);
        }
        catch (Exception e) when (IsTransient(e, ct))
        {
            return new LookupResult.Unavailable();
        }
    }

    /// <summary>One notice's avis d'échéance (notices:read). Capped: one notice is tens of kilobytes, never megabytes.</summary>
    public async Task<NoticePdfResult> NoticePdfAsync(string noticeReference, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(
                $"landlords/{Uri.EscapeDataString(LandlordId)}/notices/pdf?noticeReference={Uri.EscapeDataString(noticeReference)}", ct);
            if (response.StatusCode == HttpStatusCode.NotFound) return new NoticePdfResult.NotFound();
            if (!response.IsSuccessStatusCode || response.Content.Headers.ContentType?.MediaType != "application/pdf"
                || response.Content.Headers.ContentLength > MaxPdfBytes)
            {
                return new NoticePdfResult.Unavailable();
            }
            var pdf = await response.Content.ReadAsByteArrayAsync(ct);
            return pdf.Length is > 0 and <= MaxPdfBytes ? new NoticePdfResult.Found(pdf) : new NoticePdfResult.Unavailable();
        }
        catch (Exception e) when (IsTransient(e, ct))
        {
            return new NoticePdfResult.Unavailable();
        }
    }

    private const int MaxPdfBytes = 4 << 20;

    /// <summary>Sends a prepared command (path and JSON body from the outbox) with its idempotency key.</summary>
    public async Task<LedgerSendResult> SendAsync(string path, string jsonBody, string idempotencyKey, CancellationToken ct)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, path)
            {
                Content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json"),
            };
            message.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await http.SendAsync(message, ct);
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode) return new(LedgerSendOutcome.Done, status, null);
            var detail = await ProblemDetailAsync(response, ct);
            return response.StatusCode switch
            {
                HttpStatusCode.NotFound => new(LedgerSendOutcome.NotYet, status, detail),
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
                    => new(LedgerSendOutcome.Transient, status, detail),
                _ when status >= 500 => new(LedgerSendOutcome.Transient, status, detail),
                _ => new(LedgerSendOutcome.Poison, status, detail),
            };
        }
        catch (Exception e) when (IsTransient(e, ct))
        {
            return new(LedgerSendOutcome.Transient, null, e.GetType().Name);
        }
    }

    /// <summary>The payment with this id, or null when the ledger has none or cannot be asked now.</summary>
    public async Task<LedgerPayment?> GetPaymentAsync(string paymentId, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync($"landlords/{Uri.EscapeDataString(LandlordId)}/payments/{Uri.EscapeDataString(paymentId)}", ct);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<LedgerPayment>(ct) : null;
        }
        catch (Exception e) when (IsTransient(e, ct))
        {
            return null;
        }
    }

    public async Task<LedgerNotice?> GetNoticeStatusAsync(string noticeReference, CancellationToken ct)
    {
        try
        {
            using var response = await http.GetAsync(
                $"landlords/{Uri.EscapeDataString(LandlordId)}/notices?noticeReference={Uri.EscapeDataString(noticeReference)}", ct);
            return response.IsSuccessStatusCode ? await response.Content.ReadFromJsonAsync<LedgerNotice>(ct) : null;
        }
        catch (Exception e) when (IsTransient(e, ct))
        {
            return null;
        }
    }

    private static async Task<string?> ProblemDetailAsync(HttpResponseMessage response, CancellationToken ct)
    {
        // ProblemDetails from the ledger name a field and a rule; never request content. Capped for the outbox column.
        var text = await response.Content.ReadAsStringAsync(ct);
        return text.Length > 300 ? text[..300] : text;
    }

    private static bool IsTransient(Exception e, CancellationToken ct) =>
        !ct.IsCancellationRequested && e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
            or TaskCanceledException or System.Text.Json.JsonException;
}

public sealed class LedgerOptions
{
    public string BaseUrl { get; set; } = "";

    public string ApiKey { get; set; } = "";

    public string LandlordId { get; set; } = "";
}

public static class LedgerClientRegistration
{
    public static IServiceCollection AddLedgerClient(this IServiceCollection services, LedgerOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.BaseUrl) || string.IsNullOrWhiteSpace(options.LandlordId))
        {
            throw new InvalidOperationException("Ledger:BaseUrl and Ledger:LandlordId are required");
        }
        services.AddHttpClient("ledger", c =>
            {
                c.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
                c.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
            })
            .AddStandardResilienceHandler(o =>
            {
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(3);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(8);
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.Delay = TimeSpan.FromMilliseconds(100);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(10);
                o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(2);
            });
        services.AddTransient(sp => new LedgerClient(sp.GetRequiredService<IHttpClientFactory>().CreateClient("ledger"), options.LandlordId));
        return services;
    }
}
