using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Reconciliation.Api.Infrastructure;

namespace Reconciliation.Api.Pages;

/// <summary>
/// The balance âgée in the accountants' workspace (issue 8 §3): the ledger's own report, read with the service's key, shown a
/// page of tenants at a time (a large landlord has tens of thousands in arrears), with the CSV passed through as the ledger
/// streams it.
/// </summary>
public static class AgedBalancePages
{
    public const int PageSize = 200;

    public static void MapAgedBalance(this RouteGroupBuilder pages)
    {
        pages.MapGet("/aged-balance", PageAsync);
        pages.MapGet("/aged-balance.csv", CsvAsync);
    }

    public static async Task<IResult> PageAsync(string? asOf, int? page, LedgerApi ledger, CancellationToken ct)
    {
        if (asOf is { Length: > 0 } && !IsDate(asOf))
            return new RazorComponentResult<AgedBalancePage>(new { Error = "La date doit être au format AAAA-MM-JJ." });
        var report = await ledger.AgedBalanceAsync(asOf, ct);
        if (report is null) return new RazorComponentResult<AgedBalancePage>(new { Error = "Le grand livre refuse cette date." });
        var number = Math.Clamp(page ?? 1, 1, Math.Max(1, (report.Tenants.Count + PageSize - 1) / PageSize));
        return new RazorComponentResult<AgedBalancePage>(new
        {
            Report = report,
            Rows = report.Tenants.Skip((number - 1) * PageSize).Take(PageSize).ToList(),
            Page = number,
        });
    }

    public static async Task<IResult> CsvAsync(string? asOf, LedgerApi ledger, HttpContext http, CancellationToken ct)
    {
        if (asOf is { Length: > 0 } && !IsDate(asOf)) return TypedResults.BadRequest("asOf: AAAA-MM-JJ");
        var response = await ledger.AgedBalanceCsvAsync(asOf, ct);
        http.Response.RegisterForDispose(response);
        if (!response.IsSuccessStatusCode) return TypedResults.BadRequest("asOf refusée par le grand livre");
        var name = response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName ?? "balance-agee.csv";
        return TypedResults.Stream(await response.Content.ReadAsStreamAsync(ct), "text/csv; charset=utf-8", name.Trim('"'));
    }

    private static bool IsDate(string s) => DateOnly.TryParseExact(s, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);
}
