using NodaTime;
using Primitives;

namespace Ledger.Domain.DirectDebit;

/// <summary>What a tenant reads about a direct debit on their account, in French ("3 décembre 2026").</summary>
public static class DirectDebitWording
{
    private static readonly string[] Months =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    public static string Date(LocalDate d) => $"{(d.Day == 1 ? "1er" : d.Day.ToString(System.Globalization.CultureInfo.InvariantCulture))} {Months[d.Month - 1]} {d.Year}";

    /// <summary>"Prélèvement rejeté le 3 décembre 2026 : provision insuffisante (AM04)" (pain.002, before settlement).</summary>
    public static string Rejected(LocalDate on, string code) => $"Prélèvement rejeté le {Date(on)} : {Reason(code)}";

    /// <summary>"Prélèvement retourné le …" (camt.054/053, after settlement: the payment was reversed).</summary>
    public static string Returned(LocalDate on, string code) => $"Prélèvement retourné le {Date(on)} : {Reason(code)}";

    public static string Requested(LocalDate on) => $"Prélèvement demandé pour le {Date(on)}";

    private static string Reason(string code) => SepaReasonCodes.Find(code)?.Label ?? $"motif {code}";
}
