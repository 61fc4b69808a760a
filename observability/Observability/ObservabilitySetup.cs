using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Observability;

/// <summary>
/// OpenTelemetry for one host: metrics always (read by the Prometheus scrape endpoint the host maps, and pushed over OTLP when
/// an endpoint is configured), traces only when OTLP is configured (nobody would read them otherwise).
/// </summary>
public static class ObservabilitySetup
{
    /// <summary>The standard OpenTelemetry variable; as any setting it may also come from appsettings or the command line.</summary>
    public const string OtlpEndpointSetting = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string MetricsPath = "/metrics";

    /// <summary>
    /// Registers the providers. <paramref name="sources"/> are the host's own Meter and ActivitySource names.
    /// </summary>
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder, string serviceName, params string[] sources)
    {
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointSetting]);
        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService(serviceName, serviceNamespace: "rent"));
        // Meters are process-wide by name: when several hosts share a process (DevHost, the tests) each must report only the
        // instruments created by its own container, not its neighbours' counters under its name.
        builder.Services.ConfigureOpenTelemetryMeterProvider((sp, b) =>
        {
            var own = sp.GetRequiredService<IMeterFactory>();
            b.AddView(instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, own)
                ? null : MetricStreamConfiguration.Drop);
        });
        otel.WithMetrics(metrics =>
        {
            metrics.AddMeter(sources)
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                // A scrape reads current values: no cached answer that would hide the last seconds.
                .AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            if (otlp) metrics.AddOtlpExporter();
        });
        if (otlp)
        {
            otel.WithTracing(tracing => tracing
                .AddSource(sources)
                .AddAspNetCoreInstrumentation(o =>
                {
                    // The route template names the call; the concrete path can carry references, and queries are not kept.
                    o.EnrichWithHttpResponse = (activity, _) =>
                    {
                        activity.SetTag("url.path", null);
                        activity.SetTag("url.query", null);
                    };
                })
                .AddHttpClientInstrumentation(o =>
                {
                    o.EnrichWithHttpRequestMessage = (activity, request) =>
                    {
                        if (request.RequestUri is { } uri) activity.SetTag("url.full", uri.GetLeftPart(UriPartial.Authority));
                    };
                })
                // SQL text only: Npgsql never records parameter values in spans.
                .AddNpgsql()
                .AddOtlpExporter());
        }
        return builder;
    }

    /// <summary>
    /// The providers, the host's instruments (<typeparamref name="TMetrics"/>, created at start so that its gauges exist), and,
    /// when <paramref name="metricsUrlSetting"/> is given and set, the loopback metrics listener (<see cref="ManagementListener"/>).
    /// </summary>
    public static WebApplicationBuilder AddObservability<TMetrics>(this WebApplicationBuilder builder, string serviceName, string meterName,
        string? metricsUrlSetting = null) where TMetrics : class
    {
        builder.AddObservability(serviceName, meterName);
        builder.Services.AddStartedSingleton<TMetrics>();
        if (metricsUrlSetting is not null) ManagementListener.AddIfConfigured(builder.Services, builder.Configuration, metricsUrlSetting);
        return builder;
    }

    /// <summary>The Prometheus scrape endpoint on the host's own listener; the caller adds the authorization it needs.</summary>
    public static IEndpointConventionBuilder MapMetrics(this IEndpointRouteBuilder app) =>
        app.MapPrometheusScrapingEndpoint(MetricsPath);

    /// <summary>Resolves <typeparamref name="T"/> when the host starts, so that its observable instruments exist from then on.</summary>
    public static IServiceCollection AddStartedSingleton<T>(this IServiceCollection services) where T : class
    {
        services.AddSingleton<T>();
        services.AddHostedService(sp => new StartWith(sp.GetRequiredService<T>()));
        return services;
    }

    private sealed class StartWith(object started) : Microsoft.Extensions.Hosting.IHostedService
    {
        public override string ToString() => started.GetType().Name;

        public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
