using System.Security.Claims;

namespace Ledger.Api.Infrastructure;

/// <summary>
/// Ties each API key to its landlords (<c>Ledger:ApiKeys:N:Landlords</c>, <c>*</c> for all). A landlord outside the key's
/// list answers 404, the same answer as a landlord that does not exist, so a key cannot even learn which landlords exist.
/// Runs after authorization on every route with a <c>{landlordId}</c> segment, so no endpoint can forget it.
/// </summary>
public static class LandlordScope
{
    public static bool Allows(ClaimsPrincipal user, string landlordId) =>
        user.FindAll(ApiKeyHandler.LandlordClaim).Any(c => c.Value == "*" || string.Equals(c.Value, landlordId, StringComparison.Ordinal));

    public static IApplicationBuilder UseLandlordScope(this IApplicationBuilder app) => app.Use(async (http, next) =>
    {
        if (http.GetRouteValue("landlordId") is string landlordId && !Allows(http.User, landlordId))
        {
            await Problems.NotFound("landlordId", "no such landlord").ExecuteAsync(http);
            return;
        }
        await next();
    });
}
