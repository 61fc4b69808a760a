using Ledger.Domain.Bank;
using Ledger.Domain.Journal;
using NodaTime;

namespace Ledger.Api.Projections;

/// <summary>Money parked on 471 for one reconciliation entry (id = entry id), open until cleared.</summary>
public sealed record SuspenseView
{
    public required string Id { get; init; }
    public long AmountCents { get; init; }
    public required string Currency { get; init; }
    public LocalDate ValueDate { get; init; }
    public required string Channel { get; init; }
    public string BankAccount { get; init; } = "";
    public required string Reason { get; init; }
    public required string By { get; init; }
    public required string Status { get; init; }                 // Open, Cleared
    public string? ClearedTo { get; init; }
    public LocalDate? ClearedOn { get; init; }
}

/// <summary>The inline projection of bank operations: journal entries like the tenant events', and the suspense view.</summary>
public static class BankProjection
{
    public static (List<JournalEntryView> Journal, List<SuspenseView> Parked) Project(
        string streamKey, IReadOnlyList<object> events, long versionBefore, ChartOfAccounts chart)
    {
        var journal = new List<JournalEntryView>();
        var parked = new List<SuspenseView>();
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is SuspenseParked p)
            {
                parked.Add(new SuspenseView
                {
                    Id = p.EntryId, AmountCents = p.Amount.Cents, Currency = p.Amount.Currency.Code, ValueDate = p.ValueDate,
                    Channel = p.Channel.ToString(), BankAccount = p.BankAccount, Reason = p.Reason, By = p.By, Status = "Open",
                });
            }
            if (BankPosting.For(events[i], chart) is { } entry)
            {
                // TenantReference holds the stream key: the exports join it to no tenant, and 411 is never on these lines.
                journal.Add(new JournalEntryView
                {
                    Id = $"{streamKey}|{versionBefore + i + 1}", TenantReference = streamKey, Journal = entry.Journal, Date = entry.Date,
                    DateKey = LedgerProjection.DateKey(entry.Date), PieceRef = entry.PieceRef, Label = entry.Label,
                    TotalDebitCents = entry.TotalDebit, TotalCreditCents = entry.TotalCredit, Lines = [.. entry.Lines],
                });
            }
        }
        return (journal, parked);
    }

    public static SuspenseView Cleared(SuspenseView open, SuspenseCleared c) =>
        open with { Status = "Cleared", ClearedTo = c.Kind is { } kind ? $"{c.To}:{kind}" : c.To.ToString(), ClearedOn = c.On };
}
