using Ledger.Api.Documents.Receipts;
using Ledger.Api.Infrastructure;
using Marten;

namespace Ledger.Api.Features.Receipts;

/// <summary>
/// One document of a notice as a PDF: the current quittance or reçu, or any earlier one, voided or superseded, as it was
/// issued (documents are never rewritten). The same request gives the same bytes.
/// </summary>
public static class GetReceiptPdf
{
    public static void MapGetReceiptPdf(this RouteGroupBuilder group) =>
        group.MapGet("/landlords/{landlordId}/receipts/pdf", HandleAsync).RequireAuthorization(Scopes.NoticesRead);

    public static async Task<IResult> HandleAsync(string landlordId, string? noticeReference, string? number, IDocumentStore store, CancellationToken ct)
    {
        var reference = Input.Notice(noticeReference);
        var wanted = Input.Required(number, "number", 60);
        if (!ReceiptNumber.IsWellFormed(wanted))
            return Problems.Invalid("number", "a document number looks like Q-2026-11-000001-1 (Q quittance, R reçu, A annulation)");
        await using var session = store.QuerySession(landlordId);
        if (await ReceiptSource.ForNoticeAsync(session, landlordId, reference, ct) is not { } account)
            return Problems.NotFound("noticeReference", "no such notice");
        var documents = account.Notices.GetValueOrDefault(reference.Value);
        if (documents?.Documents.FirstOrDefault(d => d.Number == wanted) is not { } document)
            return Problems.NotFound("number", "no such document for this notice");
        var pdf = ReceiptPdf.Render(account.Parties, documents, document);
        return TypedResults.File(pdf, "application/pdf", document.Number + ".pdf");
    }
}
