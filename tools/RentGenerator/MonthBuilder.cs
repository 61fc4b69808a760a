using System.Globalization;
using NodaTime;

namespace RentGenerator;

/// <summary>
/// Builds one month: each tenant pays (or not) through their channel with the noise people make, in date order, so that
/// <see cref="Book"/> allocates exactly as the ledger would; batches, fees and the other lines of the account follow.
/// </summary>
internal sealed partial class MonthBuilder
{
    private readonly GenLandlord _landlord;
    private readonly GeneratorOptions _options;
    private readonly Book _book;
    private readonly YearMonth _period;
    private readonly HashSet<string> _tenantKeys;
    private readonly HashSet<string> _homonyms;
    private readonly GeneratedMonth _month;
    private readonly List<(LocalDate Date, BankTx Tx)> _sdd = [];
    private readonly List<(LocalDate Date, BankTx Tx)> _tip = [];
    private readonly List<(int Deposit, ChequeRow Row)> _cheques = [];
    private readonly List<(int Batch, AdyenRow Row)> _card = [];
    private readonly List<(BankEntry Entry, int Order)> _entries = [];
    private readonly LocalDate[] _depositDays;
    private readonly LocalDate[] _batchCloses;
    private int _seq;
    private int _psp;
    private int _cheque;

    public MonthBuilder(GenLandlord landlord, GeneratorOptions options, Book book, YearMonth period, long openingBalance)
    {
        _landlord = landlord;
        _options = options;
        _book = book;
        _period = period;
        _tenantKeys = landlord.Tenants.Select(t => Noise.Key(t.Reference.Value)).ToHashSet(StringComparer.Ordinal);
        // A name two tenants share identifies neither: it confirms nothing (the truth's matchability says so).
        _homonyms = landlord.Tenants.GroupBy(NameKey, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        _month = new GeneratedMonth { Period = period, OpeningBalance = openingBalance };
        var days = period.Calendar.GetDaysInMonth(period.Year, period.Month);
        _depositDays = new[] { 3, 10, 17, 24, days }.Select(d => BankDays.Day(period, d)).Distinct().ToArray();
        _batchCloses = new[] { 7, 14, 21, days - 3 }.Select(d => BankDays.Day(period, d)).Distinct().ToArray();
    }

    public GeneratedMonth Build()
    {
        foreach (var t in _landlord.Tenants)
        {
            var notice = GenLandlord.NoticeOf(_options.Seed, t, _period);
            _landlord.Notices.Add(notice);
            _book.Issue(notice);
        }
        foreach (var t in _landlord.Tenants) _month.OpenAtStart.AddRange(_book.Open(t.Reference.Value));
        foreach (var t in _landlord.Tenants)
        {
            var r = Seeded.For(_options.Seed, "pay " + _period.ToString("yyyy-MM", CultureInfo.InvariantCulture), t.Index);
            Pay(t, r);
        }
        Batches();
        OtherLines();
        Statements();
        return _month;
    }

    private void Pay(GenTenant t, Seeded r)
    {
        var tenant = t.Reference.Value;
        if (_book.Open(tenant).Count == 0) return; // credit from an overpayment already paid this month's notice
        var mandate = t.Channel is Channel.DirectDebit;
        if (!mandate && r.PerMille(20)) return; // does not pay this month: the notice becomes arrears
        switch (t.Channel)
        {
            case Channel.DirectDebit:
                var returned = DirectDebit(t, r);
                if (_book.Open(tenant).Count > 0 && r.PerMille(500)) Transfer(t, r, regularisation: returned);
                break;
            case Channel.TipSepa: Tip(t, r); break;
            case Channel.Transfer: Transfer(t, r, regularisation: null); break;
            case Channel.Card: Card(t, r); break;
            case Channel.Cheque: Cheque(t, r); break;
            case Channel.Eficash: Eficash(t, r); break;
        }
    }

    private GenNotice Current(GenTenant t) => _book.Open(t.Reference.Value).Select(x => x.Notice).LastOrDefault(n => n.Period == _period)
        ?? _book.Open(t.Reference.Value)[^1].Notice;

    private string NextRef(LocalDate d) =>
        "G" + d.ToString("yyMMdd", CultureInfo.InvariantCulture) + (++_seq).ToString("D9", CultureInfo.InvariantCulture);

    private void Add(BankEntry e) => _entries.Add((e, _entries.Count));

    /// <summary>How much a transfer or cheque pays, which notices the payer meant, and the noise that makes it so.</summary>
    private (long Cents, List<GenNotice> Meant, string? Noise) Amount(GenTenant t, Seeded r)
    {
        var open = _book.Open(t.Reference.Value);
        var current = Current(t);
        var due = _book.Remaining(current);
        var mode = r.Weighted<string>([("exact", 850), ("partial", 60), ("overpayment", 40), ("two-months", 50)]);
        switch (mode)
        {
            case "two-months" when open.Count > 1:
                return (open.Sum(x => x.Remaining), open.Select(x => x.Notice).ToList(), "two-months");
            case "partial" when due > 10_00:
                return (Math.Max(1_00, due * r.Next(30, 80) / 100 / 100 * 100), [current], "partial");
            case "overpayment":
                return ((due / 1000 + 1 + r.Next(5)) * 1000, [current], "overpayment");
            default:
                return (due, [current], null);
        }
    }

    /// <summary>The payer of a transfer or the drawer of a cheque, and whether it is the tenant's own name and account.</summary>
    private (string? Name, string Iban, bool Own, string? Noise) Payer(GenTenant t, Seeded r, int relative, int employer, int empty)
    {
        var x = r.Next(1000);
        if (x < relative) return (Noise.Relative(t, r), OtherIban(r), false, "relative-name");
        if (x < relative + employer) return (Noise.Employer(r), OtherIban(r), false, "employer-name");
        if (x < relative + employer + empty) return (null, t.Iban, false, "no-name");
        return (Noise.OwnName(t, r), t.Iban, true, null);
    }

    private static string OtherIban(Seeded r) => Ibans.French("30002", r.Next(10000, 99999).ToString("D5", CultureInfo.InvariantCulture),
        r.NextLong(1, 99_999_999_999).ToString("D11", CultureInfo.InvariantCulture));

    private LocalDate PayDay(Seeded r, out bool late)
    {
        late = r.PerMille(200);
        return BankDays.Day(_period, late ? r.Next(11, 27) : r.Next(1, 10));
    }

    private static string NameKey(GenTenant t) => Noise.Bankish(t.IsCompany ? t.Name : t.FirstName + " " + t.Surname);

    /// <summary>Whether the payer's name, when it is the tenant's own, confirms the tenant: only when no other tenant bears it.</summary>
    private bool NameConfirms(GenTenant t, bool own) => own && !_homonyms.Contains(NameKey(t));

    private static string Fit(string s, int n) => s.Length <= n ? s : s[..n];

    private string MonthName => Noise.Months[_period.Month - 1];
}
