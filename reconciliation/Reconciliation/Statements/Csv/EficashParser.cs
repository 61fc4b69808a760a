using Primitives;
using NodaTime;

namespace Reconciliation.Statements.Csv;

/// <summary>
/// Eficash remittance (cash paid at La Poste with the notice barcode), our own CSV format (see reconciliation/README.md):
/// one row per payment. Payments of one remittance date form one entry, the credit La Banque Postale books for that day.
/// </summary>
public sealed class EficashParser
{
    public static readonly string[] Columns = ["remittance_date", "amount"];

    public StatementFile Parse(Stream stream)
    {
        using var reader = TextInput.Open(stream);
        using var table = new CsvTable(reader, Columns);
        if (!table.Has("barcode") && !table.Has("tenant_reference"))
        {
            throw new StatementFormatException("line 1", "missing column(s): barcode or tenant_reference");
        }
        var days = new SortedDictionary<LocalDate, List<EntryTransaction>>();
        Currency? currency = null;
        while (table.Next() is { } row)
        {
            var loc = $"line {table.Line}";
            var date = CsvValues.Date(table.Get(row, "remittance_date"), loc, "remittance_date");
            var c = CsvValues.Cur(table.Opt(row, "currency"), loc, "currency");
            if (currency is { } known && known != c) throw new StatementFormatException(loc, "all payments must be in the same currency");
            currency = c;
            var cents = CsvValues.Cents(table.Get(row, "amount"), loc, "amount");
            if (cents <= 0) throw new StatementFormatException(loc, "amount of a cash payment must be positive");
            var barcode = table.Opt(row, "barcode");
            var tenant = table.Opt(row, "tenant_reference");
            if (barcode is null && tenant is null) throw new StatementFormatException(loc, "barcode and tenant_reference are both empty");
            var texts = new List<string>();
            if (barcode != null) texts.Add(barcode);
            if (tenant != null) texts.Add(tenant);
            if (table.Opt(row, "post_office") is { } office) texts.Add("BUREAU " + office);
            if (!days.TryGetValue(date, out var list)) days[date] = list = [];
            list.Add(new EntryTransaction(new Money(cents, c), null, null, null, null, texts, null, null, barcode ?? tenant));
        }
        if (currency is not { } cur) throw new StatementFormatException("line 2", "no payment in the remittance");
        var ids = new EntryIds();
        var entries = days.Select(d =>
        {
            var amount = new Money(d.Value.Aggregate(0L, (a, t) => checked(a + t.Amount!.Value.Cents)), cur);
            return new StatementEntry(ids.Next("eficash", null, d.Key, d.Key, amount, ["EFICASH"]), d.Key, d.Key, amount, null,
                "EFICASH", "LA BANQUE POSTALE EFICASH", null, null, null, ["EFICASH"], null, false, null, d.Value);
        }).ToList();
        return new StatementFile("eficash", [new Statement("eficash", cur.Code, null, null, null, null, entries)], []);
    }
}
