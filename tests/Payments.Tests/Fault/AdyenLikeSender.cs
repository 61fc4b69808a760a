using System.Net.Http.Headers;
using System.Text;
using Payments.Tests.Support;
using PspSimulator;

namespace Payments.Tests.Fault;

/// <summary>How one notification went: the first answer (0 when none came: refused connection, reset, timeout) and how many sends it took.</summary>
public sealed record Delivery(string PspReference, int FirstStatus, int Sends)
{
    public bool FirstAccepted => FirstStatus is >= 200 and < 300;
}

/// <summary>
/// Sends a signed notification the way Adyen does: until the endpoint answers 2xx, again after any other answer or no
/// answer (Adyen keeps retrying for days; here until the test's deadline). The simulator's own sender gives up after five
/// tries in a few seconds, shorter than a PostgreSQL restart, so the fault tests use this one.
/// </summary>
public sealed class AdyenLikeSender : IDisposable
{
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(5);
    private readonly PaymentsStack _stack;
    private readonly HttpClient _http;

    public AdyenLikeSender(PaymentsStack stack)
    {
        _stack = stack;
        _http = new HttpClient { BaseAddress = stack.PaymentsUrl, Timeout = Timeout.InfiniteTimeSpan };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{PaymentsStack.WebhookUser}:{stack.WebhookPassword}")));
    }

    public async Task<Delivery> DeliverAsync(SimNotification notification, CancellationToken ct)
    {
        var body = Notifications.Envelope(notification, _stack.HmacKey);
        int? first = null;
        for (var send = 1; ; send++)
        {
            var status = await SendOnceAsync(body, ct);
            first ??= status;
            if (status is >= 200 and < 300) return new Delivery(notification.PspReference, first.Value, send);
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 100 * send)), ct);
        }
    }

    private async Task<int> SendOnceAsync(string body, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(RequestTimeout);
        try
        {
            using var content = new StringContent(body, Encoding.UTF8, "application/json");
            using var response = await _http.PostAsync("webhooks/adyen", content, timeout.Token);
            return (int)response.StatusCode;
        }
        catch (Exception e) when (e is HttpRequestException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return 0;
        }
    }

    public void Dispose() => _http.Dispose();
}
