using Ledger.Api.Documents.Notices;
using Ledger.Api.Infrastructure;
using Marten;

namespace Ledger.Api.Features.Notices;

/// <summary>
/// The avis d'échéance of one notice as a PDF (issue 12 §1), built from the ledger as it is now: the same state gives
/// the same bytes. Unknown notice: 404 naming noticeReference.
/// </summary>
public static class GetNoticePdf
{
    public static void MapGetNoticePdf(this RouteGroupBuilder group) =>
        group.MapGet("/landlords/{landlordId}/notices/pdf", HandleAsync).RequireAuthorization(Scopes.NoticesRead);

    public static async Task<IResult> HandleAsync(
        string landlordId, string? noticeReference, RequestContext context, IDocumentStore store, IDirectDebitMandates mandates,
        CancellationToken ct)
    {
        var reference = Input.Notice(noticeReference);
        if (await context.LandlordAsync(landlordId, ct) is not { } landlord) return Problems.NotFound("landlordId", "no such landlord");
        await using var session = store.QuerySession(landlordId);
        var document = await NoticeDocumentSource.LoadAsync(session, landlord, reference.Value, mandates, ct);
        if (document is null) return Problems.NotFound("noticeReference", "no such notice");
        return TypedResults.File(NoticePdf.Render(document), "application/pdf", FileName(reference.Value));
    }

    public static string FileName(string noticeReference) => "avis-" + noticeReference.Replace('/', '-') + ".pdf";
}
