using Observability;

namespace Payments.Api.Observability;

/// <summary>
/// The payments host is public: its metrics are served only by a second listener on loopback (<c>Payments:MetricsUrl</c>,
/// e.g. http://127.0.0.1:9464), never on the address tenants and Adyen reach; OTLP export when configured.
/// </summary>
public static class PaymentsObservability
{
    public const string MetricsUrlSetting = "Payments:MetricsUrl";

    public static WebApplicationBuilder AddPaymentsObservability(this WebApplicationBuilder builder)
    {
        builder.AddObservability("payments", PaymentsMetrics.Name);
        builder.Services.AddStartedSingleton<PaymentsMetrics>();
        ManagementListener.AddIfConfigured(builder.Services, builder.Configuration, MetricsUrlSetting);
        return builder;
    }
}
