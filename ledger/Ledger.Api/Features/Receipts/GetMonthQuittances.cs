using System.IO.Compression;
using Ledger.Api.Documents.Receipts;
using Ledger.Api.Infrastructure;
using Ledger.Api.Projections;
using Ledger.Domain.Receipts;
using Marten;
using NodaTime;

namespace Ledger.Api.Features.Receipts;

/// <summary>
/// The month's quittances for the accountants: one zip with the PDF of every notice of the period that has a valid
/// quittance now (a voided one is left out, its annulation is in the notice's history), in notice order. Entries are stored
/// (PDFs are compressed already) with a date from the period, never the clock: produced again, the zip has the same bytes.
/// </summary>
public static class GetMonthQuittances
{
    public static void MapGetMonthQuittances(this RouteGroupBuilder group) =>
        group.MapGet("/landlords/{landlordId}/receipts/quittances", HandleAsync).RequireAuthorization(Scopes.NoticesRead);

    public static async Task<IResult> HandleAsync(string landlordId, string? period, IDocumentStore store, CancellationToken ct)
    {
        var month = Input.Period(period, "period");
        await using var session = store.QuerySession(landlordId);
        if (await session.LoadAsync<LandlordProfile>(landlordId, ct) is not { } landlord) return Problems.NotFound("landlordId", "no such landlord");
        var bytes = await ZipAsync(session, landlord, month, ct);
        return TypedResults.File(bytes, "application/zip", $"quittances-{LedgerProjection.Period(month)}.zip");
    }

    public static async Task<byte[]> ZipAsync(IQuerySession session, LandlordProfile landlord, YearMonth month, CancellationToken ct)
    {
        var key = LedgerProjection.Period(month);
        // Only a paid notice can have a valid quittance: the status narrows the accounts to read.
        var paid = await session.Query<NoticeView>().Where(n => n.Period == key && n.Status == "Paid")
            .OrderBy(n => n.Id).Select(n => new { n.Id, n.TenantReference }).ToListAsync(ct);
        var tenants = paid.Select(n => n.TenantReference).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var accounts = (await session.LoadManyAsync<AccountView>(ct, tenants)).ToDictionary(a => a.Id, StringComparer.Ordinal);
        var stamp = new DateTimeOffset(month.Year, month.Month, 1, 0, 0, 0, TimeSpan.Zero);
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var tenant in tenants)
            {
                var account = await ReceiptSource.DeriveAsync(session, landlord, accounts[tenant], ct);
                foreach (var notice in account.Notices.Values.Where(n => n.Period == month))
                {
                    if (notice.Current is not { Kind: ReceiptKind.Quittance } quittance) continue;
                    var entry = zip.CreateEntry(quittance.Number + ".pdf", CompressionLevel.NoCompression);
                    entry.LastWriteTime = stamp;
                    await using var stream = entry.Open();
                    var pdf = ReceiptPdf.Render(account.Parties, notice, quittance);
                    await stream.WriteAsync(pdf, ct);
                }
            }
        }
        return buffer.ToArray();
    }
}
