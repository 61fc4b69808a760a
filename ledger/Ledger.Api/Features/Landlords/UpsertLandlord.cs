using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Primitives;
using Marten;

namespace Ledger.Api.Features.Landlords;

/// <summary>Declares a landlord served by this deployment: its display name and the format of its tenant references.</summary>
public static class UpsertLandlord
{
    public sealed record Request(string? Name, string? TenantReferencePattern, string? Siren = null, string? FiscalYearEnd = null);

    public static void MapUpsertLandlord(this RouteGroupBuilder group) =>
        group.MapPut("/landlords/{landlordId}", HandleAsync).RequireAuthorization(Scopes.LandlordsWrite);

    public static async Task<IResult> HandleAsync(string landlordId, Request request, IDocumentStore store, CancellationToken ct)
    {
        _ = Input.Wrap("landlordId", () => new LandlordId(landlordId));
        var name = Input.Required(request.Name, "name", 120);
        var pattern = string.IsNullOrWhiteSpace(request.TenantReferencePattern) ? "^.+$" : request.TenantReferencePattern;
        if (!TenantReferenceFormat.IsSupported(pattern))
        {
            return Problems.Invalid("tenantReferencePattern",
                "tenantReferencePattern must be a valid regular expression of at most 200 characters, without backreferences or lookarounds");
        }
        // Accounting profile (FEC): validated before anything is written.
        var (siren, fiscalYearEnd) = Exports.AccountingProfile.Validate(request.Siren, request.FiscalYearEnd);
        var profile = new LandlordProfile(landlordId, name, pattern) { Siren = siren, FiscalYearEnd = fiscalYearEnd };
        await using var session = store.LightweightSession(landlordId);
        session.Store(profile);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(profile);
    }
}
