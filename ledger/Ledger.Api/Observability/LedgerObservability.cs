using Ledger.Api.Infrastructure;
using Observability;

namespace Ledger.Api.Observability;

/// <summary>
/// The ledger is internal and every call already carries an API key with scopes: <c>GET /metrics</c> sits on its own listener
/// behind the same authentication, for a key with the <c>metrics:read</c> scope (a scraper's key can read nothing else).
/// </summary>
public static class LedgerObservability
{
    public static WebApplicationBuilder AddLedgerObservability(this WebApplicationBuilder builder)
    {
        builder.AddObservability("ledger", LedgerMetrics.Name);
        builder.Services.AddStartedSingleton<LedgerMetrics>();
        return builder;
    }

    public static void MapLedgerMetrics(this IEndpointRouteBuilder app) =>
        app.MapMetrics().RequireAuthorization(Scopes.MetricsRead);
}
