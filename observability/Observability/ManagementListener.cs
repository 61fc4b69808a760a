using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry.Metrics;

namespace Observability;

/// <summary>
/// A second, loopback-only listener that serves <c>GET /metrics</c> and nothing else, from the host's own meter provider.
/// For a host whose main address is public (payments) or whose authentication has no scope for a scraper: the public
/// listener has no route to the metrics at all, and only a process on the same machine (a Prometheus agent, an
/// OpenTelemetry collector, an operator with curl) can read them.
/// </summary>
public sealed class ManagementListener(Uri url, MeterProvider meters, ILogger<ManagementListener> logger) : IHostedService, IAsyncDisposable
{
    private WebApplication? _app;

    /// <summary>Where it listens once started (the actual port when the setting asked for port 0).</summary>
    public Uri? Address { get; private set; }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(ManagementListener).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url.GetLeftPart(UriPartial.Authority));
        _app = builder.Build();
        _app.UseOpenTelemetryPrometheusScrapingEndpoint(meters, http => http.Request.Path == ObservabilitySetup.MetricsPath, null, null, null);
        _app.Run(http =>
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        await _app.StartAsync(cancellationToken);
        var bound = _app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Address = new Uri(bound.TrimEnd('/') + ObservabilitySetup.MetricsPath);
        logger.LogInformation("Metrics on {Address}", Address);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is not null) await _app.StopAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync();
    }

    /// <summary>
    /// Registers the listener when <paramref name="setting"/> holds an http URL on a loopback address (127.0.0.1, [::1] or
    /// localhost; port 0 picks a free port); any other address stops the host at start-up. Unset: no metrics listener.
    /// </summary>
    public static void AddIfConfigured(IServiceCollection services, IConfiguration config, string setting)
    {
        var text = config[setting];
        if (string.IsNullOrWhiteSpace(text)) return;
        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) || url.Scheme != "http" || !IsLoopback(url) || url.AbsolutePath != "/")
        {
            throw new InvalidOperationException($"{setting} must be an http address on loopback, such as http://127.0.0.1:9464 (the metrics are never served publicly)");
        }
        services.AddSingleton(sp => new ManagementListener(url, sp.GetRequiredService<MeterProvider>(), sp.GetRequiredService<ILogger<ManagementListener>>()));
        services.AddHostedService(sp => sp.GetRequiredService<ManagementListener>());
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback && (url.Host == "localhost" || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip)));
}
