using System.Globalization;
using System.Numerics;
using Primitives;
using NodaTime;
using Reconciliation.Matching;

namespace Reconciliation.Bench;

/// <summary>A generated landlord: tenants with French names (many homonyms on purpose), one open notice each, known IBANs.</summary>
internal sealed class Landlord
{
    private static readonly string[] First =
    [
        "MARIE", "JEAN", "PIERRE", "SOPHIE", "NADIA", "KARIM", "FATIMA", "PAUL", "LUC", "ANNE", "ISABELLE", "MOHAMED", "SAMIRA", "JULIEN",
        "CAMILLE", "THOMAS", "LEA", "HUGO", "CHLOE", "NICOLAS", "AMINATA", "MOUSSA", "ELODIE", "KEVIN", "SARAH", "YACINE", "INES", "LUCAS",
        "EMMA", "LOUIS", "MANON", "NATHALIE", "SYLVIE", "PHILIPPE", "CATHERINE", "ALAIN", "MICHEL", "CHRISTINE", "PATRICK", "SANDRINE",
    ];

    private static readonly string[] Last = BuildLastNames();

    public List<Tenant> Tenants { get; } = [];
    public List<OpenNotice> Notices { get; } = [];
    public Dictionary<string, string> IbanOf { get; } = new(StringComparer.Ordinal);

    public Landlord(int count, Random random)
    {
        for (var i = 0; i < count; i++)
        {
            var reference = new TenantReference((100000 + i).ToString("D6", CultureInfo.InvariantCulture) + "/01");
            var name = First[random.Next(First.Length)] + " " + Last[random.Next(Last.Length)];
            var iban = FrenchIban(random);
            IbanOf[reference.Value] = iban;
            // 60 % of tenants have paid by transfer before: their IBAN is known.
            var known = random.Next(100) < 60 ? new[] { iban } : [];
            Tenants.Add(new Tenant(reference, name, known));
            var notice = new NoticeReference("2026-11/" + i.ToString("D6", CultureInfo.InvariantCulture));
            var body = "2611" + i.ToString("D6", CultureInfo.InvariantCulture);
            Notices.Add(new OpenNotice(reference, notice, RfReference.Generate(body), "2026-11", new LocalDate(2026, 11, 5),
                Money.Eur(random.Next(25_000, 95_000))));
        }
    }

    private static string[] BuildLastNames()
    {
        string[] roots = ["MART", "BERN", "DUB", "THOM", "ROB", "RICH", "PET", "DUR", "LER", "MOR", "SIM", "LAUR", "LEF", "MICH", "GARC", "DAV",
            "BERTR", "ROUX", "VINC", "FOURN", "MOREL", "GIR", "ANDR", "MERC", "BLANC", "GUER", "BOY", "GARN", "CHEV", "FRAN", "LEGR", "GAUT",
            "PERR", "ROBIN", "CLEM", "MORIN", "NICOL", "HENR", "ROUSS", "MATH", "DIALL", "TRAOR", "BENAL", "HADD", "NGUY", "KONAT", "BOUAZ", "CISS", "SAID", "AMR"];
        string[] ends = ["IN", "ARD", "OIS", "AS", "ERT", "EAU", "AND", "OY", "ET", "ON"];
        return roots.SelectMany(r => ends.Select(e => r + e)).ToArray(); // 500 surnames × 40 first names: many homonyms
    }

    private static string FrenchIban(Random random)
    {
        var bban = random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture) + random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture)
            + random.NextInt64(10_000_000_000, 99_999_999_999).ToString(CultureInfo.InvariantCulture) + random.Next(10, 99).ToString(CultureInfo.InvariantCulture);
        var n = BigInteger.Parse(bban + "1527" + "00", CultureInfo.InvariantCulture); // F=15 R=27
        var check = 98 - (int)(n % 97);
        return "FR" + check.ToString("00", CultureInfo.InvariantCulture) + bban;
    }
}
