using System.Text.RegularExpressions;
using Ledger.Api.Projections;
using Marten;
using NodaTime.Text;

namespace Ledger.Api.Documents.Notices;

/// <summary>
/// Reads what an avis prints from the ledger's read models (landlord profile, notice, account) and the mandate lookup.
/// The amounts are the ledger's: the month's total is the notice's net due, the previous balance what earlier notices
/// still owe less the account's unallocated credit, the net to pay that balance plus what this notice still owes.
/// </summary>
public static partial class NoticeDocumentSource
{
    public static async Task<NoticeDocument?> LoadAsync(
        IQuerySession session, LandlordProfile landlord, string noticeReference, IDirectDebitMandates mandates, CancellationToken ct)
    {
        var notice = await session.LoadAsync<NoticeView>(noticeReference, ct);
        if (notice is null) return null;
        var account = await session.LoadAsync<AccountView>(notice.TenantReference, ct);
        if (account is null) return null;
        var mandate = (await mandates.ForNoticesAsync(session, [notice], ct)).GetValueOrDefault(notice.Id);
        return From(landlord, notice, account, mandate);
    }

    public static NoticeDocument From(LandlordProfile landlord, NoticeView notice, AccountView account, DirectDebitMandate? mandate)
    {
        var lines = notice.Lines.Select(Line).ToList();
        var credited = checked(notice.TotalCents - notice.NetDueCents);
        if (credited != 0) lines.Add(new NoticeDocumentLine("Avoir", 0, credited));
        // Periods are ISO "yyyy-MM": ordinal order is time order.
        var earlier = account.OpenNotices
            .Where(o => o.NoticeReference != notice.Id && string.CompareOrdinal(o.Period, notice.Period) < 0)
            .Aggregate(0L, (s, o) => checked(s + o.OutstandingCents));
        var previous = checked(earlier - account.CreditCents);
        return new NoticeDocument(
            landlord.Id, landlord.Name, landlord.Iban, landlord.Bic, landlord.Ics,
            account.Id, account.TenantName, account.DwellingReference,
            notice.Id, YearMonthPattern.Iso.Parse(notice.Period).Value, notice.IssuedOn, notice.DueDate, notice.RfReference, notice.Currency,
            lines, notice.NetDueCents, previous, notice.PaidCents, checked(previous + notice.OutstandingCents), mandate);
    }

    private static NoticeDocumentLine Line(NoticeLineView l) => l.Kind switch
    {
        "Rent" => new(Label(l.Label, "Loyer"), l.AmountCents, 0),
        "Charges" => new("Charges (provisions)", l.AmountCents, 0),
        "Sls" => new("Supplément de loyer de solidarité (SLS)", l.AmountCents, 0),
        "Rls" => new("Réduction de loyer de solidarité (RLS)", l.AmountCents, 0),
        // APL/AL paid to the landlord (tiers payant) reduce what the tenant pays without reducing the rent: credit column.
        _ when l.AmountCents < 0 && HousingBenefit().IsMatch(l.Label) => new(l.Label, 0, checked(-l.AmountCents)),
        _ => new(Label(l.Label, "Autres"), l.AmountCents, 0),
    };

    private static string Label(string label, string fallback) => string.IsNullOrWhiteSpace(label) ? fallback : label;

    [GeneratedRegex(@"^\s*(APL|ALS|ALF|AL)\b", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex HousingBenefit();
}
