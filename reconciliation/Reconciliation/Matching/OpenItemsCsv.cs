using Primitives;
using NodaTime;
using NodaTime.Text;
using Reconciliation.Statements;
using Reconciliation.Statements.Csv;

namespace Reconciliation.Matching;

/// <summary>
/// The open-items CSV of <c>recon match</c>: one row per open notice, UTF-8, header row, comma separator; columns
/// tenant_reference, tenant_name, notice_reference, rf_reference, period (YYYY-MM), due_date (YYYY-MM-DD),
/// amount_due (512.30), currency, known_ibans (separated by ';'). A bad row rejects the file, naming line and column.
/// </summary>
public static class OpenItemsCsv
{
    public static readonly string[] Columns =
        ["tenant_reference", "tenant_name", "notice_reference", "rf_reference", "period", "due_date", "amount_due", "currency", "known_ibans"];

    public static MatchingBook Parse(Stream stream)
    {
        using var reader = TextInput.Open(stream);
        using var table = new CsvTable(reader, Columns);
        var tenants = new Dictionary<string, (string Name, SortedSet<string> Ibans)>(StringComparer.Ordinal);
        var notices = new List<OpenNotice>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        while (table.Next() is { } row)
        {
            var loc = $"line {table.Line}";
            var tenant = Value(loc, "tenant_reference", () => new TenantReference(table.Get(row, "tenant_reference")));
            var name = table.Get(row, "tenant_name");
            if (!tenants.TryGetValue(tenant.Value, out var t)) tenants[tenant.Value] = t = (name, new SortedSet<string>(StringComparer.Ordinal));
            foreach (var iban in table.Get(row, "known_ibans").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                t.Ibans.Add(Value(loc, "known_ibans", () => new Iban(iban)).Value);
            }
            if (table.Opt(row, "notice_reference") is null) continue; // a tenant with nothing due (known IBANs only)
            var notice = Value(loc, "notice_reference", () => new NoticeReference(table.Get(row, "notice_reference")));
            if (!seen.Add(notice.Value)) throw new StatementFormatException(loc, "notice_reference appears twice");
            var rf = table.Opt(row, "rf_reference") is { } rfText ? Value(loc, "rf_reference", () => new RfReference(rfText)) : null;
            var period = table.Get(row, "period");
            if (!YearMonthPattern.Iso.Parse(period).Success) throw new StatementFormatException(loc, "period is not YYYY-MM");
            var due = LocalDatePattern.Iso.Parse(table.Get(row, "due_date"));
            if (!due.Success) throw new StatementFormatException(loc, "due_date is not YYYY-MM-DD");
            var currency = Value(loc, "currency", () => new Currency(table.Opt(row, "currency") ?? "EUR"));
            if (!Money.TryParseCents(table.Get(row, "amount_due"), out var cents) || cents <= 0)
            {
                throw new StatementFormatException(loc, "amount_due is not a positive amount like 512.30");
            }
            notices.Add(new OpenNotice(tenant, notice, rf, period, due.Value, new Money(cents, currency)));
        }
        var list = tenants.Select(kv => new Tenant(new TenantReference(kv.Key), kv.Value.Name, kv.Value.Ibans.ToList())).ToList();
        return MatchingBook.Of(list, notices);
    }

    private static T Value<T>(string loc, string column, Func<T> make)
    {
        try { return make(); }
        catch (DomainValidationException ex) { throw new StatementFormatException(loc, $"{column}: {ex.Message}"); }
    }

    /// <summary>Writes the CSV (used by the benchmark and tests to produce inputs).</summary>
    public static void Write(TextWriter w, IEnumerable<Tenant> tenants, IEnumerable<OpenNotice> notices)
    {
        ArgumentNullException.ThrowIfNull(w);
        var byRef = tenants.ToDictionary(t => t.Reference.Value, StringComparer.Ordinal);
        w.WriteLine(string.Join(',', Columns));
        foreach (var n in notices)
        {
            var t = byRef[n.Tenant.Value];
            w.WriteLine(string.Join(',', n.Tenant.Value, Quote(t.Name), n.Notice.Value, n.Rf?.Value ?? "", n.Period,
                LocalDatePattern.Iso.Format(n.DueDate), n.AmountDue.ToDecimalString(), n.AmountDue.Currency.Code, string.Join(';', t.KnownIbans)));
        }
    }

    private static string Quote(string s) =>
        s.Contains(',', StringComparison.Ordinal) || s.Contains('"', StringComparison.Ordinal)
            ? "\"" + s.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : s;

}
