using NodaTime;

namespace RentGenerator;

/// <summary>Everything generated for one landlord: the tenants, every notice, and each month's bank and detail files' content.</summary>
public sealed record Generated(GeneratorOptions Options, GenLandlord Landlord, IReadOnlyList<GeneratedMonth> Months);

/// <summary>The entry point of the library: deterministic from <see cref="GeneratorOptions.Seed"/>, no clock, no shared randomness.</summary>
public static class Generator
{
    public const long OpeningBalanceCents = 250_000_00;

    public static Generated Generate(GeneratorOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var landlord = new GenLandlord(options);
        var book = new Book();
        // About 4 % of tenants start with last month's notice unpaid: arrears make "two months in one transfer" possible.
        var before = options.FirstMonth.PlusMonths(-1);
        foreach (var t in landlord.Tenants)
        {
            if (!Seeded.For(options.Seed, "arrears", t.Index).PerMille(40)) continue;
            var n = GenLandlord.NoticeOf(options.Seed, t, before);
            landlord.Notices.Add(n);
            book.Issue(n);
        }
        var months = new List<GeneratedMonth>();
        var balance = OpeningBalanceCents;
        for (var i = 0; i < options.Months; i++)
        {
            var month = new MonthBuilder(landlord, options, book, options.FirstMonth.PlusMonths(i), balance).Build();
            months.Add(month);
            if (month.Statements.Count > 0) balance = month.Statements[^1].Closing;
        }
        return new Generated(options, landlord, months);
    }

    /// <summary>The folder of one month's files inside the output folder.</summary>
    public static string MonthFolder(YearMonth m) => m.ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture);
}
