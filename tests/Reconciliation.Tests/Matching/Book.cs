using Primitives;
using NodaTime;
using Reconciliation.Matching;
using Reconciliation.Statements;

namespace Reconciliation.Tests.Matching;

/// <summary>A small landlord written for these tests, and a builder for statement entries.</summary>
internal static class Book
{
    public const string DupontIban = "FR1420041010050500013M02606";
    public const string OtherIban = "FR7630006000011234567890189";

    public static readonly RfReference Rf123 = new("RF18539007547034");

    public static MatchingBook Landlord(IReadOnlyList<StatementEntryDetail>? details = null, IReadOnlyList<PriorPayment>? prior = null)
    {
        var tenants = new List<Tenant>
        {
            new(new TenantReference("123456/01"), "Mme Marie DUPONT", [DupontIban]),
            new(new TenantReference("234567/01"), "Jean Martin", []),
            new(new TenantReference("345678/01"), "Paul Durand", []),
            new(new TenantReference("456789/01"), "DURAND Paul", []),
            new(new TenantReference("567890/02"), "Sophie Leroy", [OtherIban]),
        };
        var notices = new List<OpenNotice>
        {
            Notice("123456/01", "2026-11/000123", Rf123, 51230),
            Notice("234567/01", "2026-10/000200", null, 40000, 10),
            Notice("234567/01", "2026-11/000201", RfReference.Generate("202611000201"), 40000),
            Notice("345678/01", "2026-11/000301", null, 30000),
            Notice("456789/01", "2026-11/000401", null, 35000),
            Notice("567890/02", "2026-11/000501", null, 61000),
        };
        return new MatchingBook(tenants, notices, details ?? [], prior ?? []);
    }

    private static OpenNotice Notice(string tenant, string notice, RfReference? rf, long cents, int month = 11) =>
        new(new TenantReference(tenant), new NoticeReference(notice), rf, $"2026-{month:00}", new LocalDate(2026, month, 5), Money.Eur(cents));

    private static int _n;

    public static StatementEntry Entry(long cents, string? text = null, string? name = null, string? iban = null, string? e2e = null,
        string? creditorRef = null, bool reversal = false, string? reason = null, IReadOnlyList<EntryTransaction>? transactions = null,
        string? bankRef = null, LocalDate? date = null)
    {
        var id = "E" + Interlocked.Increment(ref _n).ToString("000000", System.Globalization.CultureInfo.InvariantCulture);
        return new StatementEntry(id, date ?? new LocalDate(2026, 11, 6), date ?? new LocalDate(2026, 11, 6), Money.Eur(cents), bankRef, null, name, iban, e2e,
            creditorRef, text is null ? [] : [text], null, reversal, reason, transactions ?? []);
    }

    public static EntryTransaction Tx(long cents, string? text = null, string? name = null, string? e2e = null, string? reason = null, string? reference = null) =>
        new(Money.Eur(cents), name, null, e2e, null, text is null ? [] : [text], null, reason, reference);
}
