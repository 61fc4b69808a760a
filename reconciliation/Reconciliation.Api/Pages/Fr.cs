using System.Globalization;

namespace Reconciliation.Api.Pages;

/// <summary>Amounts and dates as a French accountant reads them: "512,30 €", "5 novembre 2026".</summary>
public static class Fr
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("fr-FR");

    public static string Amount(long cents) => (cents / 100m).ToString("#,##0.00", Culture) + "\u00a0€";

    public static string Date(DateOnly? d) => d is { } x ? x.ToString("d MMMM yyyy", Culture) : "";

    public static string Date(string isoDate) => DateOnly.TryParseExact(isoDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Date(d) : isoDate;

    public static string When(DateTimeOffset? t) => t is { } x ? x.ToUniversalTime().ToString("d MMMM yyyy 'à' HH:mm 'UTC'", Culture) : "";

    public static string Decision(string d) => d switch
    {
        "auto" => "automatique",
        "suggested" => "suggestion",
        "unmatched" => "non rapprochée",
        _ => d,
    };

    public static string State(string s) => s switch
    {
        "posted" => "comptabilisée",
        "review" => "à revoir",
        "suspense" => "en attente (471)",
        "not_rent" => "hors loyer",
        "awaiting" => "en attente d'approbation",
        _ => s,
    };
}
