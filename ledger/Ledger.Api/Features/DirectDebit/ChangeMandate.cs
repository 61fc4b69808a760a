using Ledger.Api.Infrastructure;
using Ledger.Domain.Accounts;
using Ledger.Domain.DirectDebit;
using Marten;
using Primitives;

namespace Ledger.Api.Features.DirectDebit;

/// <summary>
/// A mandate's life after its signature: amendments (the next collection carries AmdmntInd and the originals, SMNDA for
/// an account in another bank), revocation by the debtor, and reading it (IBAN masked).
/// </summary>
public static class ChangeMandate
{
    public sealed record AmendRequest(string? On, string? Rum, string? DebtorName, string? Iban, string? Bic, SignMandateRoute.AddressRequest? Address);

    public sealed record RevokeRequest(string? On, string? Reason);

    public static void MapChangeMandate(this RouteGroupBuilder group)
    {
        group.MapGet("/landlords/{landlordId}/mandates/{rum}", GetAsync).RequireAuthorization(Scopes.AccountsRead);
        group.MapPost("/landlords/{landlordId}/mandates/{rum}/amendments", AmendAsync).RequireAuthorization(Scopes.AccountsWrite);
        group.MapPost("/landlords/{landlordId}/mandates/{rum}/revocation", RevokeAsync).RequireAuthorization(Scopes.AccountsWrite);
    }

    public static async Task<IResult> GetAsync(string landlordId, string rum, RequestContext context, IDocumentStore store, CancellationToken ct)
    {
        await using var session = store.QuerySession(landlordId);
        return await MandateStore.FindAsync(session, rum, ct) is { } view
            ? TypedResults.Ok(SignMandateRoute.Response.From(view, context.Today))
            : Problems.NotFound("rum", "no mandate with this RUM");
    }

    public static Task<IResult> AmendAsync(string landlordId, string rum, AmendRequest request, RequestContext context, IDocumentStore store, CancellationToken ct)
    {
        var a = request.Address;
        var command = new AmendMandate(
            Input.Date(request.On, "on"),
            request.Rum is null ? null : Input.Required(request.Rum, "rum", 35),
            request.DebtorName is null ? null : Input.Required(request.DebtorName, "debtorName", 70),
            request.Iban is null ? null : Input.Wrap("iban", () => new Iban(request.Iban)).Value,
            request.Bic?.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(),
            a is null ? null : new DebtorAddress(Input.Required(a.Street, "address.street", 70), Input.Optional(a.BuildingNumber, "address.buildingNumber", 16),
                Input.Required(a.PostCode, "address.postCode", 16), Input.Required(a.TownName, "address.townName", 35),
                Input.Required(a.Country, "address.country", 2).ToUpperInvariant()));
        return DecideAsync(landlordId, rum, command, context, store, ct,
            async session => command.Rum is { } next && next != rum && await session.LoadAsync<RumKey>(next, ct) is not null
                ? Problems.Conflict("rum", "this RUM is already used by another mandate") : null);
    }

    public static Task<IResult> RevokeAsync(string landlordId, string rum, RevokeRequest request, RequestContext context, IDocumentStore store, CancellationToken ct) =>
        DecideAsync(landlordId, rum, new RevokeMandate(Input.Date(request.On, "on"), Input.Required(request.Reason, "reason")), context, store, ct,
            _ => Task.FromResult<IResult?>(null));

    private static async Task<IResult> DecideAsync(string landlordId, string rum, object command, RequestContext context, IDocumentStore store,
        CancellationToken ct, Func<IDocumentSession, Task<IResult?>> precheck)
    {
        await using var session = store.LightweightSession(landlordId);
        if (await MandateStore.FindAsync(session, rum, ct) is not { } existing) return Problems.NotFound("rum", "no mandate with this RUM");
        if (await precheck(session) is { } problem) return problem;
        var (decision, view) = MandateStore.Apply(session, existing, existing.StreamId, command);
        if (decision is Decision.Rejected r) return Problems.From(r);
        if (decision is Decision.Accepted) await session.SaveChangesAsync(ct);
        return TypedResults.Ok(SignMandateRoute.Response.From(view!, context.Today));
    }
}
