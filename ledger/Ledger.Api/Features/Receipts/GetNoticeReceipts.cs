using Ledger.Api.Documents.Receipts;
using Ledger.Api.Infrastructure;
using Ledger.Domain.Receipts;
using Marten;

namespace Ledger.Api.Features.Receipts;

/// <summary>
/// The quittances, reçus and annulations of one notice, oldest first, with each one's status (valid, superseded, voided,
/// or issued for an annulation) and what replaced it: the history is never rewritten. Derived from the ledger's facts on
/// each request, so asking again gives the same list.
/// </summary>
public static class GetNoticeReceipts
{
    public sealed record PaymentResponse(string PaymentId, string Channel, string ReceivedOn, string Amount);

    public sealed record LineResponse(string Kind, string Label, string Amount);

    public sealed record DocumentResponse(
        string Number, int Version, string Kind, string Title, string Status, string IssuedOn, string Due, string Paid, string Remaining,
        string Loyer, string Charges, string Other, string Currency, string? Lettrage, string? Voids, string? Reason, string? ReplacedBy,
        IReadOnlyList<LineResponse> Lines, IReadOnlyList<PaymentResponse> Payments, string Pdf);

    public sealed record Response(string NoticeReference, string TenantReference, string Period, string? Current, IReadOnlyList<DocumentResponse> Documents);

    public static void MapGetNoticeReceipts(this RouteGroupBuilder group) =>
        group.MapGet("/landlords/{landlordId}/receipts", HandleAsync).RequireAuthorization(Scopes.NoticesRead);

    public static async Task<IResult> HandleAsync(string landlordId, string? noticeReference, IDocumentStore store, CancellationToken ct)
    {
        var reference = Input.Notice(noticeReference);
        await using var session = store.QuerySession(landlordId);
        if (await ReceiptSource.ForNoticeAsync(session, landlordId, reference, ct) is not { } account)
            return Problems.NotFound("noticeReference", "no such notice");
        if (!account.Notices.TryGetValue(reference.Value, out var documents))
            return TypedResults.Ok(new Response(reference.Value, account.Parties.TenantReference, "", null, []));
        return TypedResults.Ok(From(account.Parties.TenantReference, documents));
    }

    public static Response From(string tenant, NoticeDocuments n) => new(
        n.Notice.Value, tenant, n.Period.ToString("yyyy-MM", null), n.Current?.Number,
        n.Documents.Select(d => Document(n, d)).ToList());

    private static DocumentResponse Document(NoticeDocuments n, ReceiptDocument d)
    {
        var c = d.Content;
        var status = n.StatusOf(d);
        return new DocumentResponse(d.Number, d.Version, d.Kind.ToString(), ReceiptWording.Title(d.Kind), status.ToString(),
            d.IssuedOn.ToString("yyyy-MM-dd", null), Input.Format(c.Due.Cents), Input.Format(c.Paid.Cents), Input.Format(c.Remaining.Cents),
            Input.Format(c.Loyer.Cents), Input.Format(c.Charges.Cents), Input.Format(c.Other.Cents), c.Due.Currency.Code, c.LettrageCode,
            d.Voids, d.Reason, status is ReceiptStatus.Voided or ReceiptStatus.Superseded ? n.Successor(d)?.Number : null,
            c.Lines.Select(l => new LineResponse(l.Kind.ToString(), l.Label, Input.Format(l.Amount.Cents))).ToList(),
            c.Payments.Select(p => new PaymentResponse(p.Payment.Value, p.Channel.ToString(), p.ReceivedOn.ToString("yyyy-MM-dd", null),
                Input.Format(p.Amount.Cents))).ToList(),
            $"receipts/pdf?noticeReference={Uri.EscapeDataString(n.Notice.Value)}&number={d.Number}");
    }
}
