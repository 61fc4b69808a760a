using System.Globalization;
using NodaTime;

namespace RentGenerator;

/// <summary>The account's lines that are not rent (CAF housing benefit, treasury transfers, fees) and the daily statements.</summary>
internal sealed partial class MonthBuilder
{
    private void OtherLines()
    {
        var r = Seeded.For(_options.Seed, "account " + _period.ToString("yyyy-MM", CultureInfo.InvariantCulture));
        var caf = _landlord.Tenants.Sum(t => t.HousingBenefitCents);
        if (caf > 0)
        {
            var d = BankDays.Day(_period, 5);
            Add(new BankEntry
            {
                BankReference = NextRef(d), Date = d, ValueDate = d, Cents = caf, Kind = EntryKinds.NotRent, What = "caf-housing-benefit",
                CfonbCode = "05", Btc = "PMNT/RCDT/ESCT", SwiftType = "NTRF", Label = "VIR CAF PRESTATIONS LOGEMENT",
                Texts = [string.Create(CultureInfo.InvariantCulture, $"APL ALS TIERS PAYANT {_period.Month:D2}/{_period.Year} {_landlord.Tenants.Count(t => t.HousingBenefitCents > 0)} ALLOCATAIRES")],
                Name = "CAISSE D ALLOCATIONS FAMILIALES", Noise = ["caf-bulk-credit"],
            });
        }
        var inDay = BankDays.Day(_period, 2);
        Add(new BankEntry
        {
            BankReference = NextRef(inDay), Date = inDay, ValueDate = inDay, Cents = r.Next(5_000, 20_000) * 100L, Kind = EntryKinds.NotRent,
            What = "internal-transfer", CfonbCode = "13", Btc = "PMNT/RCDT/BOOK", SwiftType = "NTRF", Label = "VIR TRESORERIE RECU",
            Texts = ["VIREMENT INTERNE DEPUIS COMPTE 00098765432"], Name = Noise.Bankish(GenLandlord.Name), Noise = ["internal-transfer"],
        });
        var outDay = BankDays.Day(_period, 20);
        Add(new BankEntry
        {
            BankReference = NextRef(outDay), Date = outDay, ValueDate = outDay, Cents = -r.Next(50_000, 150_000) * 100L, Kind = EntryKinds.NotRent,
            What = "internal-transfer", CfonbCode = "14", Btc = "PMNT/ICDT/BOOK", SwiftType = "NTRF", Label = "VIR TRESORERIE EMIS",
            Texts = ["VIREMENT INTERNE VERS COMPTE 00098765432"], Name = Noise.Bankish(GenLandlord.Name), Noise = ["internal-transfer"],
        });
        var last = BankDays.LastOf(_period);
        Add(Fee(last, 45_00, "COMMISSION TENUE DE COMPTE", "FRAIS DE TENUE DE COMPTE " + MonthName));
        if (_month.Eficash.Count > 0)
        {
            Add(Fee(last, _month.Eficash.Count * 390L, "FACTURATION EFICASH", string.Create(CultureInfo.InvariantCulture,
                $"EFICASH {_month.Eficash.Count} OPERATIONS {_period.Month:D2}/{_period.Year}")));
        }
    }

    private void Statements()
    {
        var ordered = _entries.OrderBy(x => x.Entry.Date).ThenBy(x => x.Order).Select(x => x.Entry).ToList();
        _month.Entries.AddRange(ordered);
        var balance = _month.OpeningBalance;
        foreach (var day in ordered.GroupBy(e => e.Date))
        {
            var list = day.ToList();
            var closing = checked(balance + list.Sum(e => e.Cents));
            _month.Statements.Add(new DayStatement(day.Key, balance, closing, list));
            balance = closing;
        }
    }
}
