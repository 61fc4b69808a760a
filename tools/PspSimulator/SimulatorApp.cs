using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace PspSimulator;

/// <summary>
/// A small Adyen look-alike for tests and the demo: Checkout v71 <c>/sessions</c> and <c>/paymentLinks</c> (API key and
/// idempotency key checked), a hosted page where a test card is typed, the redirect back, and HMAC-signed standard webhooks.
/// Control endpoints under <c>/_sim</c> inject faults, disorder deliveries, send refunds and chargebacks, and write a
/// settlement details report. The typed card is used for one Luhn check and the outcome, then forgotten: never logged or kept.
/// </summary>
public static class SimulatorApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ApplicationName = typeof(SimulatorApp).Assembly.GetName().Name });
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        builder.Services.AddSingleton<SimulatorState>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddHttpClient("webhooks", c => c.Timeout = TimeSpan.FromSeconds(10));
        builder.Services.AddSingleton<WebhookSender>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<WebhookSender>());

        var app = builder.Build();
        app.Use(async (http, next) =>
        {
            http.Response.Headers.XContentTypeOptions = "nosniff";
            http.Response.Headers.ContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'; form-action *; frame-ancestors 'none'";
            await next();
        });
        app.MapPost("/v71/sessions", (HttpContext http, SimulatorState state, IConfiguration config) => CreateAsync(http, state, config, "session"));
        app.MapPost("/v71/paymentLinks", (HttpContext http, SimulatorState state, IConfiguration config) => CreateAsync(http, state, config, "link"));
        app.MapHostedPage();
        app.MapControl();
        return app;
    }

    private static async Task<IResult> CreateAsync(HttpContext http, SimulatorState state, IConfiguration config, string kind)
    {
        Interlocked.Increment(ref state.CreateCalls);
        if (http.Request.Headers["X-API-Key"].ToString() != config["Simulator:ApiKey"])
        {
            return Results.Json(new { status = 401, errorCode = "000", message = "HTTP Status Response - Unauthorized", errorType = "security" }, statusCode: 401);
        }
        var key = http.Request.Headers["Idempotency-Key"].ToString();
        if (key.Length > 64) return Results.Json(new { status = 422, errorCode = "000", message = "Idempotency-Key too long", errorType = "validation" }, statusCode: 422);
        var fault = state.TakeFault();
        switch (fault)
        {
            case FaultMode.Http500: return Results.StatusCode(500);
            case FaultMode.Http503: return Results.StatusCode(503);
            case FaultMode.Timeout:
                await Task.Delay(TimeSpan.FromSeconds(30), http.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
                return Results.StatusCode(504);
        }
        var body = await JsonNode.ParseAsync(http.Request.Body);
        var merchant = body?["merchantAccount"]?.GetValue<string>();
        var reference = body?["reference"]?.GetValue<string>();
        var returnUrl = body?["returnUrl"]?.GetValue<string>();
        var value = body?["amount"]?["value"]?.GetValue<long>();
        var currency = body?["amount"]?["currency"]?.GetValue<string>();
        if (merchant != config["Simulator:MerchantAccount"]) return Results.Json(new { status = 403, errorCode = "901", message = "Invalid Merchant Account", errorType = "security" }, statusCode: 403);
        if (reference is null || returnUrl is null || value is null || currency is null)
        {
            return Results.Json(new { status = 422, errorCode = "14_030", message = "Return URL, reference or amount is missing.", errorType = "validation" }, statusCode: 422);
        }
        SimSession session;
        if (key.Length > 0 && state.ByIdempotencyKey.TryGetValue(key, out var existing))
        {
            session = existing;
        }
        else
        {
            session = new SimSession((kind == "link" ? "PL" : "CS") + SimulatorState.NewPspReference(), reference, value.Value, currency, returnUrl, merchant!, key.Length > 0 ? key : null, kind);
            if (key.Length == 0 || state.ByIdempotencyKey.TryAdd(key, session)) state.Sessions[session.Id] = session;
            else session = state.ByIdempotencyKey[key];
        }
        if (fault == FaultMode.FailAfterCreate) return Results.StatusCode(500);
        var baseUrl = config["Simulator:PublicBaseUrl"] is { Length: > 0 } b ? b.TrimEnd('/') : $"{http.Request.Scheme}://{http.Request.Host}";
        http.Response.Headers["Idempotency-Key"] = key;
        return Results.Json(new
        {
            id = session.Id,
            url = $"{baseUrl}/checkout/{session.Id}",
            reference = session.Reference,
            amount = new { value = session.AmountValue, currency = session.Currency },
            merchantAccount = session.MerchantAccount,
            returnUrl = session.ReturnUrl,
            mode = kind == "link" ? null : "hosted",
            status = kind == "link" ? "active" : null,
            sessionData = kind == "link" ? null : "Ab02b4c0!BQABAgA" + session.Id,
        }, statusCode: 201);
    }

    private const string Style = "body{font-family:sans-serif;max-width:30rem;margin:1rem auto;padding:0 1rem}label{display:block;margin-top:.8rem}input{font-size:1.1rem;width:100%}button{margin-top:1rem;font-size:1.1rem;padding:.6rem 1rem}";

    public static string Page(string title, string body) => $"""
        <!doctype html><html lang="fr"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
        <title>{WebUtility.HtmlEncode(title)}</title>
        <style>{Style}</style>
        </head><body><p><strong>PSP Simulator</strong> (test environment)</p><h1>{WebUtility.HtmlEncode(title)}</h1>{body}</body></html>
        """;

    internal static string Amount(long value, string currency) =>
        string.Create(CultureInfo.InvariantCulture, $"{value / 100}.{value % 100:00} {currency}");

    internal static IResult Html(string html, int status = 200) => Results.Content(html, "text/html; charset=utf-8", Encoding.UTF8, status);

    internal static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web);
}
