using System.Net;
using System.Net.Http.Json;
using Ledger.Domain.DirectDebit;
using Ledger.Tests.Api;
using NodaTime;
using RentGenerator;

namespace Ledger.Tests.Documents;

/// <summary>
/// A generated landlord (RentGenerator, seed 12, 2,000 tenants, November 2026) through the ledger's HTTP API: its creditor
/// identity (ics, iban, bic), October arrears of about 4 % of tenants and every November notice (rent, charges, SLS, RLS,
/// and APL paid to the landlord as a credit line where the tenant has it), then 1,000 SEPA mandates with structured
/// addresses (the tenants who pay by direct debit or TIP first), recurrent and one-off. Shared by the rent-run and
/// collection-file acceptance tests (one host, one database).
/// </summary>
public sealed class GeneratedLandlordFixture : LedgerHostFixture, IAsyncLifetime
{
    public const int TenantCount = 2_000, MandateCount = 1_000;
    public static readonly YearMonth Month = new(2026, 11);

    private static readonly (string Street, string PostCode, string Town)[] Streets =
    [
        ("Rue Victor Hugo", "69003", "Lyon"), ("Avenue Jean Jaures", "75019", "Paris"), ("Boulevard Gambetta", "13005", "Marseille"),
        ("Place de la Republique", "31000", "Toulouse"), ("Rue du Faubourg Saint-Antoine", "75011", "Paris"), ("Allee des Tilleuls", "59000", "Lille"),
    ];

    protected override bool SeedDemo => false;

    protected override IEnumerable<string> ExtraArgs => ["--Ledger:MaxImportBatch=3000"];

    public Generated Generated { get; private set; } = null!;

    /// <summary>The November notice references, in reference order.</summary>
    public IReadOnlyList<string> MonthNotices { get; private set; } = [];

    /// <summary>Tenants with a mandate, and its sequence ("Recurrent" or "OneOff").</summary>
    public Dictionary<string, string> Mandates { get; } = new(StringComparer.Ordinal);

    /// <summary>The status code of each mandate POST.</summary>
    public List<HttpStatusCode> MandateAnswers { get; } = [];

    /// <summary>Tenants whose October notice is still open (arrears).</summary>
    public HashSet<string> InArrears { get; } = new(StringComparer.Ordinal);

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Generated = Generator.Generate(new GeneratorOptions(12, TenantCount, Month));
        var landlord = Generated.Landlord;
        var put = await Ops.PutAsJsonAsync($"/landlords/{Landlord}", new
        {
            name = GenLandlord.Name, tenantReferencePattern = @"^\d{6}/\d{2}$", ics = landlord.CreditorId, iban = landlord.Iban, bic = GenLandlord.Bic,
        });
        put.StatusCode.ShouldBe(HttpStatusCode.OK, await put.Content.ReadAsStringAsync());

        var tenants = landlord.Tenants.ToDictionary(t => t.Reference.Value, StringComparer.Ordinal);
        var notices = landlord.Notices.OrderBy(n => n.Period).ThenBy(n => n.Reference.Value, StringComparer.Ordinal).Select(n => Notice(tenants[n.Tenant.Value], n)).ToArray();
        var import = await Ops.PostAsJsonAsync("notices/import", new { notices });
        import.IsSuccessStatusCode.ShouldBeTrue(await import.Content.ReadAsStringAsync());
        MonthNotices = landlord.Notices.Where(n => n.Period == Month).Select(n => n.Reference.Value).Order(StringComparer.Ordinal).ToList();
        foreach (var n in landlord.Notices.Where(n => n.Period != Month)) InArrears.Add(n.Tenant.Value);

        await SignMandatesAsync(landlord.Tenants);
    }

    private static object Notice(GenTenant t, GenNotice n)
    {
        var lines = new List<object> { Line("Rent", "Loyer", n.RentCents), Line("Charges", "Charges", n.ChargesCents) };
        if (n.SlsCents != 0) lines.Add(Line("Sls", "SLS", n.SlsCents));
        if (n.RlsCents != 0) lines.Add(Line("Rls", "RLS", -n.RlsCents));
        // APL paid to the landlord (tiers payant): a credit line, kept below the notice total so that something is left to pay.
        var apl = Math.Min(t.HousingBenefitCents, n.TotalCents / 2);
        if (n.Period == Month && apl > 0) lines.Add(Line("Other", "APL versée au bailleur", -apl));
        return new
        {
            tenantReference = t.Reference.Value, tenantName = t.Name, dwellingReference = t.DwellingReference, noticeReference = n.Reference.Value,
            period = n.Period.ToString("yyyy-MM", null), issuedOn = n.IssuedOn.ToString("yyyy-MM-dd", null), dueDate = n.DueDate.ToString("yyyy-MM-dd", null),
            currency = "EUR", lines,
        };
    }

    private static object Line(string kind, string label, long cents) => new { kind, label, amount = Primitives.Money.FormatCents(cents) };

    private async Task SignMandatesAsync(IReadOnlyList<GenTenant> all)
    {
        // Those who pay by direct debit or TIP first, then others until 1,000. One-off for TIP payers and one in seven
        // direct-debit payers, never for a tenant in arrears (a one-off mandate serves one debit: October's would use it).
        var chosen = all.OrderBy(t => t.Channel is Channel.DirectDebit or Channel.TipSepa ? 0 : 1).ThenBy(t => t.Index).Take(MandateCount).ToList();
        var requests = chosen.Select((t, i) =>
        {
            var oneOff = !InArrears.Contains(t.Reference.Value) && (t.Channel == Channel.TipSepa || i % 7 == 3);
            var (street, postCode, town) = Streets[i % Streets.Length];
            return (Tenant: t.Reference.Value, Sequence: oneOff ? "OneOff" : "Recurrent", Body: (object)new
            {
                rum = "RUM-" + t.Reference.Value.Replace('/', '-'), tenantReference = t.Reference.Value,
                debtorName = SepaText.Transliterate(t.Name, 70), iban = t.Iban,
                address = new { street, buildingNumber = (1 + i % 140).ToString(System.Globalization.CultureInfo.InvariantCulture), postCode, townName = town, country = "FR" },
                signedOn = "2026-09-" + (1 + i % 28).ToString("00", System.Globalization.CultureInfo.InvariantCulture), sequence = oneOff ? "OneOff" : "Recurrent",
            });
        }).ToList();
        var answers = new HttpStatusCode[requests.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, requests.Count), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (i, ct) =>
        {
            using var response = await Ops.PostAsJsonAsync("mandates", requests[i].Body, ct);
            answers[i] = response.StatusCode;
        });
        MandateAnswers.AddRange(answers);
        foreach (var r in requests) Mandates[r.Tenant] = r.Sequence;
    }
}

[CollectionDefinition(Name)]
public sealed class GeneratedLandlordCollection : ICollectionFixture<GeneratedLandlordFixture>
{
    public const string Name = "generated landlord";
}
