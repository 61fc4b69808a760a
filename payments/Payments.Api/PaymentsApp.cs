using System.Threading.RateLimiting;
using Npgsql;
using Payments.Api.Adyen;
using Payments.Api.Features.Operations;
using Payments.Api.Features.Pay;
using Payments.Api.Features.Webhooks;
using Payments.Api.Ledger;
using Observability;
using Payments.Api.Observability;
using Payments.Api.Storage;
using Payments.Api.Web;

namespace Payments.Api;

/// <summary>
/// Composition of the public payments host. Only wiring here: each use case lives in Features/ with its handler and MapXxx;
/// Adyen's wire format only in Adyen/.
/// </summary>
public static class PaymentsApp
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(PaymentsApp).Assembly.GetName().Name,
        });
        var config = builder.Configuration;
        var adyen = config.GetSection("Adyen").Get<AdyenOptions>() ?? new AdyenOptions();
        adyen.Validate();
        var ledger = config.GetSection("Ledger").Get<LedgerOptions>() ?? new LedgerOptions();
        var processing = config.GetSection("Payments:Processing").Get<ProcessingOptions>() ?? new ProcessingOptions();
        var connection = config.GetConnectionString("Payments")
            ?? throw new InvalidOperationException("ConnectionStrings:Payments is required");
        var ownerConnection = config.GetConnectionString("PaymentsOwner") is { Length: > 0 } owner ? owner : connection;
        var publicBase = PublicAddress.Configure(builder);

        // Request logs would carry query strings and form posts: warnings only. Our own logs never carry bodies.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http.HttpClient", LogLevel.Warning);
        builder.Logging.AddFilter("Polly", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = ReceiveAdyenWebhook.MaxBodyBytes;
            k.AddServerHeader = false;
        });

        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<AdyenOptions>(config.GetSection("Adyen"));
        builder.Services.Configure<LandlordOptions>(config.GetSection("Landlord"));
        builder.Services.AddSingleton(processing);
        builder.Services.AddSingleton(_ => new NpgsqlDataSourceBuilder(connection).Build());
        builder.Services.AddHostedService(sp => new SchemaInitializer(ownerConnection, connection, sp.GetRequiredService<ILogger<SchemaInitializer>>()));
        builder.Services.AddSingleton(sp => new PublicAddress(publicBase, sp.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>()));
        builder.Services.AddHealthChecks().AddCheck<PaymentsDatabaseHealthCheck>("database", tags: ["ready"]);
        builder.Services.AddAdyenCheckout(adyen);
        builder.Services.AddLedgerClient(ledger);
        builder.Services.AddHostedService(sp => new InboxProcessor(
            sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<TimeProvider>(), processing, ledger.LandlordId,
            sp.GetRequiredService<ILogger<InboxProcessor>>(), sp.GetService<PaymentsMetrics>()));
        builder.Services.AddHostedService<OutboxDispatcher>();
        // Public host: metrics only on the loopback listener of Payments:MetricsUrl, never on the tenants' address.
        builder.AddObservability<PaymentsMetrics>("payments", PaymentsMetrics.Name, PaymentsMetrics.MetricsUrlSetting);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "__paiement_af";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddTenantPages();
        builder.Services.AddSingleton<NoticeLinks>();
        builder.Services.AddSingleton(sp => new TenantLimiter(config.GetValue("RateLimits:PerTenantPerMinute", 10), sp.GetRequiredService<TimeProvider>()));
        var perIp = config.GetValue("RateLimits:PerIpPerMinute", 30);
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = (context, _) => new ValueTask(TenantLimiter.TooMany(context.HttpContext,
                context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromMinutes(1)).ExecuteAsync(context.HttpContext));
            o.AddPolicy(RateLimits.LookupPolicy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                _ => new FixedWindowRateLimiterOptions { PermitLimit = perIp, Window = TimeSpan.FromMinutes(1) }));
        });

        var app = builder.Build();
        app.UseSecurityHeaders(adyen);
        // After the headers, so that a 500 carries them too; the tenant sees the page shell, never internals.
        app.UseExceptionHandler(error => error.Run(http =>
            TenantPages.Message("Erreur", "Une erreur est survenue. Réessayez dans quelques instants.", 500).ExecuteAsync(http)));
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAntiforgery();

        app.MapSiteAssets();
        app.MapHealthChecks("/health/live", new() { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new() { Predicate = c => c.Tags.Contains("ready") });
        app.MapLookupNotice();
        app.MapDownloadNoticePdf();
        app.MapStartCheckout();
        app.MapReturnPage();
        app.MapReceiveAdyenWebhook();
        app.MapDeadLetters();
        return app;
    }
}
