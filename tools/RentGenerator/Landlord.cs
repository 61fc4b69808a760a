using System.Globalization;
using NodaTime;
using Primitives;

namespace RentGenerator;

/// <summary>What to generate. <see cref="FirstMonth"/> is the first month of notices; <see cref="Months"/> consecutive months follow.</summary>
public sealed record GeneratorOptions(long Seed, int Tenants, YearMonth FirstMonth, int Months = 1, bool SingleDirectDebits = false, bool BreakBalance = false)
{
    public void Validate()
    {
        if (Tenants is < 10 or > 1_000_000) throw new ArgumentException("--tenants must be between 10 and 1,000,000");
        if (Months is < 1 or > 36) throw new ArgumentException("--months must be between 1 and 36");
    }
}

/// <summary>The generated landlord: its bank account, its tenants and every notice of the period (opening arrears included).</summary>
public sealed class GenLandlord
{
    public const string Id = "gen-habitat";
    public const string Name = "Office Public de l'Habitat Généré";
    public const string Bank = "30004";
    public const string Branch = "01234";
    public const string Account = "00012345678";
    public const string Bic = "BNPAFRPPXXX";

    public string Iban { get; } = Ibans.French(Bank, Branch, Account);
    /// <summary>SEPA creditor identifier (ICS), for the direct-debit files issue 12 will add.</summary>
    public string CreditorId { get; } = Ibans.CreditorId("FR", "ZZZ", "654321");
    public IReadOnlyList<GenTenant> Tenants { get; }
    public List<GenNotice> Notices { get; } = [];

    public GenLandlord(GeneratorOptions options)
    {
        var tenants = new List<GenTenant>(options.Tenants);
        for (var i = 0; i < options.Tenants; i++) tenants.Add(Tenant(options.Seed, i));
        Tenants = tenants;
    }

    private static GenTenant Tenant(long seed, int i)
    {
        var r = Seeded.For(seed, "tenant", i);
        // A stride coprime with 10^6 spreads the numbers (about one in ten starts with a zero) and keeps them unique.
        var number = checked((104_729L + i * 7_919L) % 1_000_000L);
        var suffix = r.PerMille(50) ? "02" : "01";
        var reference = new TenantReference(number.ToString("D6", CultureInfo.InvariantCulture) + "/" + suffix);
        var company = r.PerMille(20);
        string name, surname;
        string? first = null;
        if (company)
        {
            name = surname = r.Pick(Names.CompanyTenants);
        }
        else
        {
            surname = r.Pick(Names.Surnames);
            var woman = r.PerMille(550);
            first = r.Pick(woman ? Names.WomenFirst : Names.MenFirst);
            name = r.Weighted<string>([
                ((woman ? "Mme " : "M. ") + first + " " + surname, 600),
                ("M. et Mme " + surname + " " + first, 150),
                (surname + " " + first, 150),
                ((woman ? "Mme " : "M. ") + surname + " " + first, 100)]);
        }
        var channel = r.Weighted<Channel>([
            (Channel.DirectDebit, 450), (Channel.Transfer, 250), (Channel.Card, 150), (Channel.Cheque, 80), (Channel.Eficash, 50), (Channel.TipSepa, 20)]);
        // A mandate (direct debit, signed TIP) gives the landlord the tenant's IBAN; transfers teach it over time.
        var known = channel switch
        {
            Channel.DirectDebit or Channel.TipSepa => true,
            Channel.Transfer => r.PerMille(600),
            _ => r.PerMille(100),
        };
        var iban = Ibans.French(r.Pick<string>(["30002", "30003", "30004", "10278", "20041", "11315", "17515"]),
            r.Next(10000, 99999).ToString("D5", CultureInfo.InvariantCulture), r.NextLong(1, 99_999_999_999).ToString("D11", CultureInfo.InvariantCulture));
        var mandate = channel is Channel.DirectDebit or Channel.TipSepa ? "RUM-" + reference.Value.Replace("/", "-", StringComparison.Ordinal) : null;
        var apl = r.PerMille(400) ? r.Next(100, 350) * 100L + r.Next(100) : 0;
        var dwelling = string.Create(CultureInfo.InvariantCulture, $"R{r.Next(1, 400):D3}-{(char)('A' + r.Next(6))}-{r.Next(0, 12):D2}{r.Next(1, 9):D2}");
        return new GenTenant(i, reference, name, surname, first, company, dwelling, iban, channel, known, mandate, apl);
    }

    /// <summary>The tenant's notice of one month. Amounts are the tenant's own (same every month, with a yearly revision).</summary>
    public static GenNotice NoticeOf(long seed, GenTenant t, YearMonth period)
    {
        var r = Seeded.For(seed, "lease", t.Index);
        var rent = r.Next(250_00, 650_00);
        var charges = r.Next(40_00, 160_00);
        var sls = r.PerMille(80) ? r.Next(20_00, 180_00) : 0;
        var rls = r.PerMille(350) ? r.Next(30_00, 70_00) : 0;
        // IRL revision each January: +1.5 % on the rent.
        if (period.Month == 1) rent = checked(rent + rent * 15 / 1000);
        var sequence = checked(t.Index + 1);
        var noticeRef = new NoticeReference(string.Create(CultureInfo.InvariantCulture, $"{period.Year:D4}-{period.Month:D2}/{sequence:D6}"));
        var rf = RfReference.Generate(string.Create(CultureInfo.InvariantCulture, $"{period.Year:D4}{period.Month:D2}{sequence:D6}"));
        var issued = period.OnDayOfMonth(1);
        return new GenNotice(t.Reference, noticeRef, rf, period, issued, period.OnDayOfMonth(5), rent, charges, sls, rls);
    }
}

/// <summary>French bank account numbers with their RIB key and IBAN check digits, and the SEPA creditor identifier.</summary>
public static class Ibans
{
    public static string French(string bank, string branch, string account)
    {
        var key = 97 - (int)((89L * long.Parse(bank, CultureInfo.InvariantCulture) + 15L * long.Parse(branch, CultureInfo.InvariantCulture)
            + 3L * long.Parse(account, CultureInfo.InvariantCulture)) % 97);
        var bban = bank + branch + account + key.ToString("D2", CultureInfo.InvariantCulture);
        var iban = "FR" + Check(bban + "FR00").ToString("D2", CultureInfo.InvariantCulture) + bban;
        return new Iban(iban).Value; // validates
    }

    /// <summary>ICS: country, check digits over the national identifier (the business code is excluded), business code, identifier.</summary>
    public static string CreditorId(string country, string business, string national) =>
        country + Check(national + country + "00").ToString("D2", CultureInfo.InvariantCulture) + business + national;

    private static int Check(string text)
    {
        // Rotate "XX00" to the end was done by the caller; letters become two digits (A=10 … Z=35).
        var r = 0;
        foreach (var c in text)
        {
            var v = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            r = v < 10 ? (r * 10 + v) % 97 : (r * 100 + v) % 97;
        }
        return 98 - r;
    }
}
