using Ledger.Api.Infrastructure;
using Ledger.Domain.Accounts;
using Ledger.Domain.DirectDebit;
using Marten;
using Primitives;

namespace Ledger.Api.Features.DirectDebit;

/// <summary>
/// Records a signed SEPA mandate (issue 12 §4): 201 when new, 200 for the same content again, 409 for the same RUM with
/// other content, 400 naming the field. Also <see cref="SignTipAsync"/>: a signed TIP SEPA slip is a one-off mandate.
/// </summary>
public static class SignMandateRoute
{
    public sealed record AddressRequest(string? Street, string? BuildingNumber, string? PostCode, string? TownName, string? Country);

    public sealed record Request(string? Rum, string? TenantReference, string? DebtorName, string? Iban, string? Bic,
        AddressRequest? Address, string? SignedOn, string? Sequence);

    /// <summary>What a mandate looks like to a caller: the IBAN masked (personal data; the pain.008 is where it goes whole).</summary>
    public sealed record Response(string Rum, string TenantReference, string DebtorName, string Iban, string? Bic,
        AddressRequest Address, string SignedOn, string Sequence, string Status, string? NextSequenceType, string? LapsesOn)
    {
        public static Response From(MandateView v, NodaTime.LocalDate asOf)
        {
            var t = v.State.Terms!;
            return new(t.Rum, t.TenantReference, t.DebtorName, new Iban(t.Iban).ToString(), t.Bic,
                new AddressRequest(t.Address.Street, t.Address.BuildingNumber, t.Address.PostCode, t.Address.TownName, t.Address.Country),
                t.SignedOn.ToString("yyyy-MM-dd", null), t.Sequence.ToString(), v.State.StatusOn(asOf).ToString(),
                v.State.NextSequenceType, v.State.LapsesOn?.ToString("yyyy-MM-dd", null));
        }
    }

    public static void MapSignMandate(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/mandates", HandleAsync).RequireAuthorization(Scopes.AccountsWrite);

    public static Task<IResult> HandleAsync(string landlordId, Request request, RequestContext context, IDocumentStore store, CancellationToken ct) =>
        SignAsync(landlordId, Terms(request), "form", context, store, ct);

    /// <summary>
    /// For the reconciliation side, when a signed TIP SEPA arrives: the TIP is a one-off mandate whose RUM is
    /// "TIP-" + the notice's EndToEndId form, signed on the day the slip was signed.
    /// </summary>
    public static Task<IResult> SignTipAsync(string landlordId, string noticeReference, Request request, RequestContext context, IDocumentStore store, CancellationToken ct) =>
        SignAsync(landlordId, Terms(request with { Rum = TipRum(noticeReference), Sequence = nameof(MandateSequence.OneOff) }), "tip", context, store, ct);

    public static string TipRum(string noticeReference) => "TIP-" + EndToEndId.For(noticeReference);

    /// <summary>
    /// Whether a mandate may debit this notice: a signed TIP pays the notice it was attached to (its amount is that
    /// notice's), never the tenant's oldest open one; any other mandate pays every notice of its tenant.
    /// </summary>
    public static bool Serves(string rum, string noticeReference) =>
        !rum.StartsWith("TIP-", StringComparison.Ordinal) || rum == TipRum(noticeReference);

    public static MandateTerms Terms(Request r)
    {
        var a = r.Address ?? throw new DomainValidationException("address", "address is required (street, buildingNumber, postCode, townName, country)");
        return new MandateTerms(
            Input.Required(r.Rum, "rum", 35), Input.Tenant(r.TenantReference).Value, Input.Required(r.DebtorName, "debtorName", 70),
            Input.Wrap("iban", () => new Iban(Input.Required(r.Iban, "iban", 42))).Value,
            r.Bic is null ? null : Input.Required(r.Bic, "bic", 11).Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant(),
            new DebtorAddress(Input.Required(a.Street, "address.street", 70), Input.Optional(a.BuildingNumber, "address.buildingNumber", 16),
                Input.Required(a.PostCode, "address.postCode", 16), Input.Required(a.TownName, "address.townName", 35),
                Input.Required(a.Country, "address.country", 2).ToUpperInvariant()),
            Input.Date(r.SignedOn, "signedOn"), Input.Enum<MandateSequence>(r.Sequence, "sequence"));
    }

    private static async Task<IResult> SignAsync(string landlordId, MandateTerms terms, string source, RequestContext context, IDocumentStore store, CancellationToken ct)
    {
        if (await context.LandlordAsync(landlordId, ct) is null) return Problems.NotFound("landlordId", "unknown landlord");
        await using var session = store.LightweightSession(landlordId);
        if (await session.LoadAsync<Projections.AccountView>(terms.TenantReference, ct) is null)
        {
            return Problems.NotFound("tenantReference", "no account for this tenant reference");
        }
        var existing = await MandateStore.FindAsync(session, terms.Rum, ct);
        var streamId = existing?.StreamId ?? MandateStore.StreamOf(terms.Rum);
        var (decision, view) = MandateStore.Apply(session, existing, streamId, new SignMandate(terms, source));
        switch (decision)
        {
            case Decision.Rejected r: return Problems.From(r);
            case Decision.Unchanged: return TypedResults.Ok(Response.From(view!, context.Today));
        }
        await session.SaveChangesAsync(ct);
        return TypedResults.Created($"/landlords/{landlordId}/mandates/{Uri.EscapeDataString(terms.Rum)}", Response.From(view!, context.Today));
    }
}
