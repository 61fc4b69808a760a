using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;

namespace PspSimulator;

/// <summary>A notification the simulated PSP will send (one standard item).</summary>
public sealed record SimNotification(
    string PspReference, string? OriginalReference, string MerchantReference, long AmountValue, string Currency, string EventCode,
    bool Success, DateTimeOffset EventDate, string PaymentMethod, string? Reason, IReadOnlyDictionary<string, string> ExtraAdditionalData);

/// <summary>
/// Signs standard notifications like Adyen (eight fields, ':' separator, no escaping, hex key) and posts them to the configured
/// URL with basic auth, in the background; a non-2xx answer is retried a few times, as Adyen does.
/// </summary>
public sealed class WebhookSender(IHttpClientFactory clients, IConfiguration config, SimulatorState state, ILogger<WebhookSender> logger) : BackgroundService
{
    private readonly Channel<SimNotification[]> _queue = Channel.CreateUnbounded<SimNotification[]>();

    public int Delivered;

    public void Enqueue(params SimNotification[] batch) => _queue.Writer.TryWrite(batch);

    public static string Sign(SimNotification n, string merchantAccount, string hexKey)
    {
        var data = string.Join(':', n.PspReference, n.OriginalReference ?? "", merchantAccount, n.MerchantReference,
            n.AmountValue.ToString(CultureInfo.InvariantCulture), n.Currency, n.EventCode, n.Success ? "true" : "false");
        return Convert.ToBase64String(HMACSHA256.HashData(Convert.FromHexString(hexKey), Encoding.UTF8.GetBytes(data)));
    }

    public string Envelope(SimNotification n)
    {
        var merchant = config["Simulator:MerchantAccount"] ?? "";
        var additional = new Dictionary<string, string>(n.ExtraAdditionalData) { ["hmacSignature"] = Sign(n, merchant, config["Simulator:HmacKey"] ?? "") };
        var item = new Dictionary<string, object?>
        {
            ["additionalData"] = additional,
            ["amount"] = new { value = n.AmountValue, currency = n.Currency },
            ["eventCode"] = n.EventCode,
            ["eventDate"] = n.EventDate.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
            ["merchantAccountCode"] = merchant,
            ["merchantReference"] = n.MerchantReference,
            ["originalReference"] = n.OriginalReference,
            ["paymentMethod"] = n.PaymentMethod,
            ["pspReference"] = n.PspReference,
            ["reason"] = n.Reason,
            ["success"] = n.Success ? "true" : "false",
        };
        return JsonSerializer.Serialize(new { live = "false", notificationItems = new[] { new { NotificationRequestItem = item } } });
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var batch in _queue.Reader.ReadAllAsync(stoppingToken))
        {
            var behaviour = state.Delivery;
            var deliveries = batch.SelectMany(n => Enumerable.Repeat(n, Math.Max(1, behaviour.Copies))).ToList();
            if (behaviour.Shuffle) Shuffle(deliveries);
            foreach (var notification in deliveries)
            {
                if (behaviour.DelayMilliseconds > 0) await Task.Delay(behaviour.DelayMilliseconds, stoppingToken);
                await DeliverAsync(notification, stoppingToken);
            }
        }
    }

    private async Task DeliverAsync(SimNotification n, CancellationToken ct)
    {
        var url = config["Simulator:WebhookUrl"];
        if (string.IsNullOrEmpty(url)) return;
        var http = clients.CreateClient("webhooks");
        var auth = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{config["Simulator:WebhookUser"]}:{config["Simulator:WebhookPassword"]}"));
        var body = Envelope(n);
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
                request.Headers.Authorization = new AuthenticationHeaderValue("Basic", auth);
                using var response = await http.SendAsync(request, ct);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref Delivered);
                    return;
                }
                logger.LogInformation("Webhook {EventCode} {Psp} answered {Status}", n.EventCode, n.PspReference, (int)response.StatusCode);
            }
            catch (HttpRequestException e)
            {
                logger.LogInformation("Webhook {EventCode} {Psp} failed: {Error}", n.EventCode, n.PspReference, e.GetType().Name);
            }
            await Task.Delay(TimeSpan.FromMilliseconds(300 * attempt), ct);
        }
    }

    private static void Shuffle<T>(List<T> list)
    {
        for (var i = list.Count - 1; i > 0; i--)
        {
            var j = RandomNumberGenerator.GetInt32(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
    }
}
