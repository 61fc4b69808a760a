using System.Security.Claims;
using Ledger.Api.Projections;
using Primitives;
using Marten;
using NodaTime;

namespace Ledger.Api.Infrastructure;

/// <summary>What every endpoint needs about the call: the landlord, who calls, today's date in Paris, correlation ids.</summary>
public sealed class RequestContext(IDocumentStore store, IClock clock, IHttpContextAccessor accessor)
{
    private static readonly DateTimeZone Paris = DateTimeZoneProviders.Tzdb["Europe/Paris"];

    /// <summary>Rent is due by calendar day in France: "today" is the date in Europe/Paris, whatever the server's zone.</summary>
    public LocalDate Today => clock.GetCurrentInstant().InZone(Paris).Date;

    public CommandContext For(string landlordId)
    {
        var http = accessor.HttpContext!;
        var correlation = http.Request.Headers["X-Correlation-Id"].ToString();
        return new CommandContext(
            landlordId,
            http.User.FindFirstValue(ClaimTypes.Name) ?? "unknown",
            string.IsNullOrWhiteSpace(correlation) || correlation.Length > 100 ? http.TraceIdentifier : correlation,
            http.Request.Headers["Idempotency-Key"].ToString() is { Length: > 0 and <= 100 } key ? key : null);
    }

    /// <summary>The landlord's profile, or null when this deployment does not serve that landlord.</summary>
    public async Task<LandlordProfile?> LandlordAsync(string landlordId, CancellationToken ct)
    {
        _ = Input.Wrap("landlordId", () => new LandlordId(landlordId));
        await using var session = store.QuerySession(landlordId);
        return await session.LoadAsync<LandlordProfile>(landlordId, ct);
    }
}
