using System.Globalization;
using Reconciliation.Api.Infrastructure;

namespace Reconciliation.Api.Pages;

/// <summary>
/// "Quittances du mois" for the accountants (issue 12 §2): the ledger's zip of the period's valid quittances, read with the
/// service's key (notices:read) and passed through as the ledger produced it, so the same month gives the same bytes.
/// </summary>
public static class QuittancePages
{
    public static void MapQuittances(this RouteGroupBuilder pages) => pages.MapGet("/quittances.zip", DownloadAsync);

    public static async Task<IResult> DownloadAsync(string? period, IHttpClientFactory clients, LedgerOptions options, HttpContext http, CancellationToken ct)
    {
        if (period is null || !DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            return TypedResults.BadRequest("period : AAAA-MM");
        // The typed LedgerApi client's own configuration (base address, key, resilience), by its registered name.
        var client = clients.CreateClient(nameof(LedgerApi));
        var response = await client.GetAsync(
            $"landlords/{Uri.EscapeDataString(options.LandlordId)}/receipts/quittances?period={Uri.EscapeDataString(period)}",
            HttpCompletionOption.ResponseHeadersRead, ct);
        http.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode) return TypedResults.BadRequest("période refusée par le grand livre");
        return TypedResults.Stream(await response.Content.ReadAsStreamAsync(ct), "application/zip", $"quittances-{period}.zip");
    }
}
