using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Primitives;
using Marten;

namespace Ledger.Api.Features.Landlords;

/// <summary>Declares a landlord served by this deployment: its display name and the format of its tenant references.</summary>
public static partial class UpsertLandlord
{
    [System.Text.RegularExpressions.GeneratedRegex("^[A-Z]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?$")]
    private static partial System.Text.RegularExpressions.Regex BicShape();

    private static readonly System.Text.RegularExpressions.Regex Bic = BicShape();

    public sealed record Request(string? Name, string? TenantReferencePattern, string? Siren = null, string? FiscalYearEnd = null,
        string? Ics = null, string? Iban = null, string? Bic = null);

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
        // SEPA creditor: the ICS and IBAN by their check digits, the BIC by its shape (ISO 9362: 8 or 11 characters).
        var ics = request.Ics is null ? null : Input.Wrap("ics", () => new CreditorIdentifier(request.Ics)).Value;
        var iban = request.Iban is null ? null : Input.Wrap("iban", () => new Iban(request.Iban)).Value;
        var bic = request.Bic?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant();
        if (bic is not null && !Bic.IsMatch(bic))
        {
            return Problems.Invalid("bic", "bic must be 8 or 11 characters: bank (4 letters), country (2 letters), location (2), optional branch (3)");
        }
        var profile = new LandlordProfile(landlordId, name, pattern)
        {
            Siren = siren, FiscalYearEnd = fiscalYearEnd, Ics = ics, Iban = iban, Bic = bic,
        };
        await using var session = store.LightweightSession(landlordId);
        session.Store(profile);
        await session.SaveChangesAsync(ct);
        return TypedResults.Ok(profile);
    }
}
