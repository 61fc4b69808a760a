using Ledger.Api.Infrastructure;
using Ledger.Domain.Accounts;
using Primitives;

namespace Ledger.Api.Features.Accounts;

/// <summary>Opens a tenant account (usually done by the notice import; exposed for the landlord's tenant-management system).</summary>
public static class OpenAccountEndpoint
{
    public sealed record Request(string? TenantReference, string? TenantName, string? DwellingReference, string? OpenedOn);

    public static void MapOpenAccount(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/accounts", HandleAsync).RequireAuthorization(Scopes.AccountsWrite);

    public static async Task<IResult> HandleAsync(
        string landlordId, Request request, RequestContext context, LedgerWriter writer, CancellationToken ct)
    {
        if (await context.LandlordAsync(landlordId, ct) is not { } landlord) return Problems.NotFound("landlordId", "unknown landlord");
        var tenant = Input.Wrap("tenantReference",
            () => new TenantReferenceFormat(landlord.TenantReferencePattern).Parse(Input.Required(request.TenantReference, "tenantReference", 32)));
        var command = new OpenAccount(landlordId, tenant, Input.Required(request.TenantName, "tenantName"),
            Input.Optional(request.DwellingReference, "dwellingReference"),
            request.OpenedOn is null ? context.Today : Input.Date(request.OpenedOn, "openedOn"));
        var result = await writer.ExecuteAsync(context.For(landlordId), tenant.Value, command, ct);
        return result.Decision switch
        {
            Decision.Rejected r => Problems.From(r),
            Decision.Accepted => TypedResults.Created((string?)null, GetAccount.Response.From(result.State)),
            _ => TypedResults.Ok(GetAccount.Response.From(result.State)),
        };
    }
}
