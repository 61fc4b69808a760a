using Ledger.Api.Infrastructure;
using Ledger.Domain.Accounts;

namespace Ledger.Api.Features.Accounts;

/// <summary>
/// Accountant operations on an account, each with an id (idempotency), who approved it and why: refund of the tenant's
/// credit, write-off of an unpaid notice (créance irrécouvrable), manual adjustment of the balance.
/// </summary>
public static class AccountOperations
{
    public sealed record Request(
        string? TenantReference, string? Kind, string? OperationId, string? Amount, string? Currency, string? On,
        string? ApprovedBy, string? Reason, string? NoticeReference);

    public static void MapAccountOperations(this RouteGroupBuilder group) =>
        group.MapPost("/landlords/{landlordId}/accounts/operations", HandleAsync).RequireAuthorization(Scopes.AccountsWrite);

    public static async Task<IResult> HandleAsync(string landlordId, Request request, RequestContext context, LedgerWriter writer, CancellationToken ct)
    {
        var tenant = Input.Tenant(request.TenantReference);
        var id = Input.Required(request.OperationId, "operationId", 100);
        var amount = Input.Money(request.Amount, request.Currency, "amount");
        var on = Input.Date(request.On, "on");
        var approvedBy = Input.Required(request.ApprovedBy, "approvedBy");
        var reason = Input.Required(request.Reason, "reason");
        object command = Input.Required(request.Kind, "kind", 20) switch
        {
            "Refund" => new RefundCredit(id, amount, on, approvedBy, reason),
            "WriteOff" => new WriteOffNotice(id, Input.Notice(request.NoticeReference), amount, on, approvedBy, reason),
            "Adjustment" => new AdjustBalance(id, amount, on, approvedBy, reason),
            _ => throw new Primitives.DomainValidationException("kind", "kind must be one of Refund, WriteOff, Adjustment"),
        };
        var result = await writer.ExecuteAsync(context.For(landlordId), tenant.Value, command, ct);
        if (result.Decision is Decision.Rejected rejected) return Problems.From(rejected);
        var body = GetAccount.Response.From(result.State);
        return result.Decision is Decision.Accepted ? TypedResults.Created((string?)null, body) : TypedResults.Ok(body);
    }
}
