using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Reconciliation.Api.Infrastructure;

public sealed class LedgerOptions
{
    public string BaseUrl { get; set; } = "";

    public string ApiKey { get; set; } = "";

    public string LandlordId { get; set; } = "";
}

/// <summary>How a command sent to the ledger ended, from the posting queue's point of view.</summary>
public enum SendOutcome
{
    Done,
    Transient,
    Poison,
}

public sealed record SendResult(SendOutcome Outcome, int? Status, string? Detail, JsonElement? Body);

public sealed record OpenItem(
    string TenantReference, string TenantName, string NoticeReference, string RfReference, string Period, string DueDate,
    string AmountDue, string Currency);

public sealed record OpenItemsPage(IReadOnlyList<OpenItem> Items, string? Next);

public sealed record LedgerAllocation(string NoticeReference, string Amount);

public sealed record LedgerPayment(
    string PaymentId, string TenantReference, string Channel, string Amount, string Currency, string ReceivedOn, string Status,
    string Reversed, string Refunded, string Unallocated, IReadOnlyList<LedgerAllocation> Allocations);

public sealed record AgedRow(
    string TenantReference, string TenantName, string NotDue, string Days0To30, string Days31To60, string Days61To90, string Over90,
    string Total, string Credit);

public sealed record AgedBalance(string AsOf, IReadOnlyList<AgedRow> Tenants, AgedRow Totals);

public sealed record StatementLine(long Sequence, string Date, string Piece, string Label, string Debit, string Credit, string Balance);

public sealed record LedgerStatement(string TenantReference, string Currency, string Balance, IReadOnlyList<StatementLine> Lines);

/// <summary>
/// The reconciliation service's only way into the ledger: its HTTP API with our own key (notices:read, accounts:read,
/// accounts:write for approved write-offs, payments:read, payments:write, journal:read for the balance âgée, notices:write
/// to launch the rent run (LedgerApi.Notices.cs), bank:read and
/// bank:write for suspense 471, fees and receipts that are not rent). Timeouts,
/// retries and the circuit breaker come from the standard resilience handler; every POST that creates something carries its
/// Idempotency-Key.
/// </summary>
public sealed partial class LedgerApi(HttpClient http, LedgerOptions options)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string LandlordId => options.LandlordId;

    private string Base => $"landlords/{Uri.EscapeDataString(options.LandlordId)}";

    public async Task<IReadOnlyList<OpenItem>> OpenItemsAsync(CancellationToken ct)
    {
        var all = new List<OpenItem>();
        string? after = null;
        do
        {
            var page = await http.GetFromJsonAsync<OpenItemsPage>(
                $"{Base}/open-items?limit=20000" + (after is null ? "" : "&after=" + Uri.EscapeDataString(after)), Json, ct)
                ?? throw new InvalidOperationException("empty open-items answer");
            all.AddRange(page.Items);
            after = page.Next;
        }
        while (after is not null);
        return all;
    }

    public async Task<LedgerPayment?> PaymentAsync(string paymentId, CancellationToken ct)
    {
        using var response = await http.GetAsync($"{Base}/payments/{Uri.EscapeDataString(paymentId)}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<LedgerPayment>(Json, ct);
    }

    public async Task<LedgerStatement?> StatementAsync(string tenantReference, CancellationToken ct)
    {
        using var response = await http.GetAsync($"{Base}/accounts/statement?tenantReference={Uri.EscapeDataString(tenantReference)}", ct);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<LedgerStatement>(Json, ct);
    }

    /// <summary>The ledger's balance âgée at a date (journal:read); null when the ledger refuses the date (400).</summary>
    public async Task<AgedBalance?> AgedBalanceAsync(string? asOf, CancellationToken ct)
    {
        using var response = await http.GetAsync($"{Base}/reports/aged-balance{AsOfQuery(asOf)}", ct);
        if (response.StatusCode == HttpStatusCode.BadRequest) return null;
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<AgedBalance>(Json, ct);
    }

    /// <summary>The same as CSV, streamed through as the ledger writes it; the caller disposes the response.</summary>
    public async Task<HttpResponseMessage> AgedBalanceCsvAsync(string? asOf, CancellationToken ct)
    {
        var response = await http.GetAsync($"{Base}/exports/aged-balance.csv{AsOfQuery(asOf)}", HttpCompletionOption.ResponseHeadersRead, ct);
        if (response.StatusCode != HttpStatusCode.BadRequest) response.EnsureSuccessStatusCode();
        return response;
    }

    private static string AsOfQuery(string? asOf) => string.IsNullOrWhiteSpace(asOf) ? "" : "?asOf=" + Uri.EscapeDataString(asOf);

    /// <summary>Sends one command (a path under the landlord, a JSON body) with its idempotency key when it has one.</summary>
    public async Task<SendResult> SendAsync(string path, string jsonBody, string? idempotencyKey, CancellationToken ct)
    {
        try
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, $"{Base}/{path}")
            {
                Content = new StringContent(jsonBody, System.Text.Encoding.UTF8, "application/json"),
            };
            if (idempotencyKey is not null) message.Headers.Add("Idempotency-Key", idempotencyKey);
            using var response = await http.SendAsync(message, ct);
            var status = (int)response.StatusCode;
            var text = await response.Content.ReadAsStringAsync(ct);
            if (response.IsSuccessStatusCode)
            {
                using var doc = JsonDocument.Parse(text.Length == 0 ? "{}" : text);
                return new(SendOutcome.Done, status, null, doc.RootElement.Clone());
            }
            // ProblemDetails name a field and a rule, never request content; capped for the queue's column.
            var detail = text.Length > 300 ? text[..300] : text;
            return response.StatusCode switch
            {
                HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout
                    => new(SendOutcome.Transient, status, detail, null),
                _ when status >= 500 => new(SendOutcome.Transient, status, detail, null),
                _ => new(SendOutcome.Poison, status, detail, null),
            };
        }
        catch (Exception e) when (IsTransient(e, ct))
        {
            return new(SendOutcome.Transient, null, e.GetType().Name, null);
        }
    }

    public static bool IsTransient(Exception e, CancellationToken ct) =>
        !ct.IsCancellationRequested && e is HttpRequestException or TimeoutRejectedException or BrokenCircuitException
            or TaskCanceledException or JsonException;
}

public static class LedgerApiRegistration
{
    public static IServiceCollection AddLedgerApi(this IServiceCollection services, LedgerOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.BaseUrl) || string.IsNullOrWhiteSpace(options.LandlordId) || string.IsNullOrWhiteSpace(options.ApiKey))
        {
            throw new InvalidOperationException("Ledger:BaseUrl, Ledger:ApiKey and Ledger:LandlordId are required");
        }
        services.AddSingleton(options);
        services.AddHttpClient<LedgerApi>(c =>
            {
                c.BaseAddress = new Uri(options.BaseUrl.TrimEnd('/') + "/");
                c.DefaultRequestHeaders.Add("X-Api-Key", options.ApiKey);
            })
            .AddStandardResilienceHandler(o =>
            {
                // Open items of a large landlord come in pages of 20,000: a generous attempt timeout.
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(30);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromSeconds(90);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(60);
                o.Retry.MaxRetryAttempts = 2;
                o.Retry.Delay = TimeSpan.FromMilliseconds(200);
                o.CircuitBreaker.BreakDuration = TimeSpan.FromSeconds(2);
            });
        return services;
    }
}
