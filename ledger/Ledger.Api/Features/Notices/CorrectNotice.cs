using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Ledger.Domain.Accounts;

namespace Ledger.Api.Features.Notices;

/// <summary>
/// Corrections of an issued notice, never an edit: a credit note (avoir) takes amounts off its lines; a cancellation takes
/// off all that remains. Money already allocated to it goes back to the tenant's credit and pays other open notices.
/// </summary>
public static class CorrectNotice
{
    public sealed record CreditNoteRequest(string? NoticeReference, string? CreditNoteReference, string? On, string? Reason,
        IReadOnlyList<ImportNotices.LineRequest>? Lines, string? Currency);

    public sealed record CancellationRequest(string? NoticeReference, string? On, string? Reason);

    public static void MapCorrectNotice(this RouteGroupBuilder group)
    {
        group.MapPost("/landlords/{landlordId}/notices/credit-notes", CreditAsync).RequireAuthorization(Scopes.NoticesWrite);
        group.MapPost("/landlords/{landlordId}/notices/cancellations", CancelAsync).RequireAuthorization(Scopes.NoticesWrite);
    }

    public static async Task<IResult> CreditAsync(string landlordId, CreditNoteRequest request, RequestContext context,
        LedgerWriter writer, CancellationToken ct)
    {
        var notice = Input.Notice(request.NoticeReference);
        var currency = string.IsNullOrWhiteSpace(request.Currency) ? "EUR" : request.Currency;
        var lines = (request.Lines ?? []).Select((l, i) => new NoticeLine(
            Input.Enum<NoticeLineKind>(l.Kind, $"lines[{i}].kind"), Input.Optional(l.Label, $"lines[{i}].label"), Input.Money(l.Amount, currency, $"lines[{i}].amount"))).ToList();
        var command = new CreditNotice(notice, Input.Required(request.CreditNoteReference, "creditNoteReference", 35), lines,
            Input.Date(request.On, "on"), Input.Required(request.Reason, "reason"));
        return await ExecuteOnNoticeAsync(landlordId, notice.Value, command, context, writer, ct);
    }

    public static async Task<IResult> CancelAsync(string landlordId, CancellationRequest request, RequestContext context,
        LedgerWriter writer, CancellationToken ct)
    {
        var notice = Input.Notice(request.NoticeReference);
        var command = new CancelNotice(notice, Input.Date(request.On, "on"), Input.Required(request.Reason, "reason"));
        return await ExecuteOnNoticeAsync(landlordId, notice.Value, command, context, writer, ct);
    }

    private static async Task<IResult> ExecuteOnNoticeAsync(string landlordId, string noticeReference, object command, RequestContext context,
        LedgerWriter writer, CancellationToken ct)
    {
        if (await writer.ExecuteOnOwnerAsync<NoticeKey>(context.For(landlordId), noticeReference, command, ct) is not var (owner, result))
            return Problems.NotFound("noticeReference", "no such notice");
        if (result.Decision is Decision.Rejected rejected) return Problems.From(rejected);
        var view = LedgerProjection.Notice(owner, result.State.Notices[noticeReference]);
        var body = new { noticeReference = view.Id, status = view.Status, netDue = Input.Format(view.NetDueCents),
            amountDue = Input.Format(view.OutstandingCents), paid = Input.Format(view.PaidCents) };
        return result.Decision is Decision.Accepted ? TypedResults.Created((string?)null, body) : TypedResults.Ok(body);
    }
}
