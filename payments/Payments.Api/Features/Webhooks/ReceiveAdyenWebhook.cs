using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Npgsql;
using Payments.Api.Adyen;
using Payments.Api.Observability;

namespace Payments.Api.Features.Webhooks;

/// <summary>
/// <c>POST /webhooks/adyen</c>: basic auth, then every item's HMAC (current or previous key), merchant account and live flag;
/// only then are the kept fields inserted into the inbox (insert-if-absent on pspReference, eventCode, success) and the
/// answer is 2xx. Anything unverifiable gets 401 and nothing is stored. Business logic runs later (InboxProcessor), so the
/// endpoint accepts notifications while the ledger is down.
/// </summary>
public static class ReceiveAdyenWebhook
{
    public const int MaxBodyBytes = 64 * 1024;

    public static void MapReceiveAdyenWebhook(this IEndpointRouteBuilder app) =>
        app.MapPost("/webhooks/adyen", HandleAsync).DisableAntiforgery();

    public static async Task<IResult> HandleAsync(
        HttpRequest request, IOptions<AdyenOptions> options, NpgsqlDataSource db, TimeProvider time, ILoggerFactory loggers, CancellationToken ct,
        PaymentsMetrics? metrics = null)
    {
        var logger = loggers.CreateLogger(typeof(ReceiveAdyenWebhook));
        var adyen = options.Value;
        if (!BasicAuthMatches(request, adyen))
        {
            logger.LogWarning("Adyen webhook refused: basic auth");
            metrics?.WebhookRefused(RefusalReasons.BasicAuth);
            return Results.Unauthorized();
        }
        if (await ReadLimitedAsync(request, ct) is not { } body)
        {
            metrics?.WebhookRefused(RefusalReasons.TooLarge);
            return Results.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }
        if (!System.Text.Unicode.Utf8.IsValid(body))
        {
            // JSON must be UTF-8 (RFC 8259); the reader would throw later, deep in parsing, as a 500.
            logger.LogWarning("Adyen webhook refused: body is not UTF-8");
            metrics?.WebhookRefused(RefusalReasons.NotUtf8);
            return Results.BadRequest();
        }

        var envelope = NotificationEnvelope.TryParse(body);
        var why = envelope is null ? RefusalReasons.NotEnvelope
            : envelope.Live != (adyen.IsLive ? "true" : "false") ? RefusalReasons.LiveFlag
            : envelope.Items.FirstOrDefault(i => i.Item.MerchantAccountCode != adyen.MerchantAccount) is not null ? RefusalReasons.MerchantAccount
            : envelope.Items.FirstOrDefault(i => !NotificationHmac.IsValid(i.Item, i.HmacSignature, adyen.HmacKeys)) is not null ? RefusalReasons.Signature
            : null;
        if (why is not null)
        {
            // Never the body: it may carry card summaries. The reason is enough to investigate.
            logger.LogWarning("Adyen webhook refused: {Reason}", why);
            metrics?.WebhookRefused(why);
            return Results.Unauthorized();
        }

        var now = time.GetUtcNow();
        await using var connection = await db.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        var inserted = 0;
        var stored = new List<(string EventCode, bool New)>(envelope!.Items.Count);
        foreach (var item in envelope!.Items.Select(i => i.Item))
        {
            await using var insert = new NpgsqlCommand("""
                insert into webhook_inbox (psp_reference, original_reference, merchant_reference, event_code, success,
                    amount_value, currency, event_date, payment_method, reason, received_at)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)
                on conflict (psp_reference, event_code, success) do nothing
                """, connection, tx);
            insert.Parameters.Add(new() { Value = item.PspReference });
            insert.Parameters.Add(new() { Value = (object?)item.OriginalReference ?? DBNull.Value });
            insert.Parameters.Add(new() { Value = (object?)item.MerchantReference ?? DBNull.Value });
            insert.Parameters.Add(new() { Value = item.EventCode });
            insert.Parameters.Add(new() { Value = item.IsSuccess });
            insert.Parameters.Add(new() { Value = (object?)item.AmountValue ?? DBNull.Value });
            insert.Parameters.Add(new() { Value = (object?)item.Currency ?? DBNull.Value });
            insert.Parameters.Add(new() { Value = (object?)item.EventDate ?? DBNull.Value });
            insert.Parameters.Add(new() { Value = (object?)item.PaymentMethod ?? DBNull.Value });
            insert.Parameters.Add(new() { Value = (object?)KeptReason(item) ?? DBNull.Value });
            insert.Parameters.Add(new() { Value = now });
            var isNew = await insert.ExecuteNonQueryAsync(ct);
            inserted += isNew;
            stored.Add((item.EventCode, isNew == 1));
        }
        await tx.CommitAsync(ct);
        metrics?.WebhookAccepted(stored);
        logger.LogInformation("Adyen webhook accepted: {Items} item(s), {New} new", envelope.Items.Count, inserted);
        return Results.Text("[accepted]", "text/plain", Encoding.UTF8);
    }

    /// <summary>
    /// A successful card AUTHORISATION's reason is <c>authCode:last4:expiry</c>: card data, so it is not kept. Refusal texts,
    /// dispute reasons and report URLs are kept (capped).
    /// </summary>
    public static string? KeptReason(NotificationItem item) =>
        item.Reason is null || (item.EventCode == "AUTHORISATION" && item.IsSuccess) ? null
        : item.Reason.Length > 200 ? item.Reason[..200] : item.Reason;

    private static bool BasicAuthMatches(HttpRequest request, AdyenOptions adyen)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Basic ", StringComparison.OrdinalIgnoreCase)) return false;
        byte[] given;
        try { given = Convert.FromBase64String(header["Basic ".Length..].Trim()); }
        catch (FormatException) { return false; }
        var expected = Encoding.UTF8.GetBytes($"{adyen.WebhookUser}:{adyen.WebhookPassword}");
        return CryptographicOperations.FixedTimeEquals(given, expected);
    }

    private static async Task<byte[]?> ReadLimitedAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes) return null;
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) return null;
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
