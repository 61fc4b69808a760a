using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Marten;

namespace Ledger.Api.Features.DirectDebit;

/// <summary>
/// A signed TIP SEPA slip received (issue 12 §3: "a signed TIP SEPA creates a mandate"): the slip's references, the
/// debtor's name, IBAN and structured address as keyed from the slip and its RIB, and the date it was signed. It becomes
/// the one-off mandate "TIP-" + the notice's EndToEndId form (<see cref="SignMandateRoute.SignTipAsync"/>), so the same slip
/// again answers 200 and another slip for the same notice with other content 409. The notice must be the tenant's.
/// </summary>
public static class SignTip
{
    public sealed record Request(string? TenantReference, string? NoticeReference, string? DebtorName, string? Iban, string? Bic,
        SignMandateRoute.AddressRequest? Address, string? SignedOn);

    public static void MapSignTip(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/mandates/tip", HandleAsync).RequireAuthorization(Scopes.AccountsWrite);

    public static async Task<IResult> HandleAsync(string landlordId, Request request, RequestContext context, IDocumentStore store, CancellationToken ct)
    {
        var tenant = Input.Tenant(request.TenantReference);
        var notice = Input.Notice(request.NoticeReference);
        await using (var session = store.QuerySession(landlordId))
        {
            // One 404 whether the notice is unknown or another tenant's: the slip's two references must agree.
            if (await session.LoadAsync<NoticeView>(notice.Value, ct) is not { } view || view.TenantReference != tenant.Value)
            {
                return Problems.NotFound("noticeReference", "no notice with this reference for this tenant");
            }
        }
        var mandate = new SignMandateRoute.Request(null, tenant.Value, request.DebtorName, request.Iban, request.Bic, request.Address, request.SignedOn, null);
        return await SignMandateRoute.SignTipAsync(landlordId, notice.Value, mandate, context, store, ct);
    }
}
