using NodaTime;

namespace RentGenerator;

/// <summary>One month of the landlord's money: the bank account's entries and the detail files that explain its batch credits.</summary>
public sealed class GeneratedMonth
{
    public required YearMonth Period { get; init; }
    /// <summary>Bank entries in booking order (within a day, in the order they were generated).</summary>
    public List<BankEntry> Entries { get; } = [];
    public List<ChequeDeposit> ChequeDeposits { get; } = [];
    public List<EficashRow> Eficash { get; } = [];
    public List<AdyenBatch> Adyen { get; } = [];
    public List<WebhookPayment> Webhooks { get; } = [];
    /// <summary>The open notices at the start of the month (after the notices were issued): what the ledger's open items show.</summary>
    public List<(GenNotice Notice, long Remaining)> OpenAtStart { get; } = [];
    public long OpeningBalance { get; set; }
    /// <summary>Daily statements: each business day with entries is one statement (01…07, Stmt, :20:…:62F:).</summary>
    public List<DayStatement> Statements { get; } = [];
}

public sealed record DayStatement(LocalDate Date, long Opening, long Closing, IReadOnlyList<BankEntry> Entries);

/// <summary>Business days (Monday to Friday) of a month: banks book on those.</summary>
public static class BankDays
{
    public static LocalDate OnOrAfter(LocalDate d)
    {
        while (d.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) d = d.PlusDays(1);
        return d;
    }

    public static LocalDate Plus(LocalDate d, int businessDays)
    {
        for (var i = 0; i < businessDays; i++) d = OnOrAfter(d.PlusDays(1));
        return d;
    }

    public static LocalDate LastOf(YearMonth m)
    {
        var d = m.OnDayOfMonth(m.Calendar.GetDaysInMonth(m.Year, m.Month));
        while (d.DayOfWeek is IsoDayOfWeek.Saturday or IsoDayOfWeek.Sunday) d = d.PlusDays(-1);
        return d;
    }

    /// <summary>The business day on or after the given day of the month, but never past the month's last business day.</summary>
    public static LocalDate Day(YearMonth m, int day)
    {
        var days = m.Calendar.GetDaysInMonth(m.Year, m.Month);
        var d = OnOrAfter(m.OnDayOfMonth(Math.Min(day, days)));
        var last = LastOf(m);
        return d > last ? last : d;
    }

    public static LocalDate Clamp(YearMonth m, LocalDate d) => d > LastOf(m) ? LastOf(m) : d;
}
