using Primitives;
using NodaTime;

namespace Reconciliation.Statements.Csv;

/// <summary>
/// Cheque deposit slip (bordereau de remise), our own CSV format (see reconciliation/README.md): one row per cheque,
/// grouped by deposit number. Each deposit becomes one entry (the credit the bank will book) whose transactions are
/// the cheques, so the engine can split a remittance credit over tenants.
/// </summary>
public sealed class ChequeSlipParser
{
    public static readonly string[] Columns = ["deposit_number", "deposit_date", "cheque_number", "drawer_name", "amount"];

    public StatementFile Parse(Stream stream)
    {
        using var reader = TextInput.Open(stream);
        using var table = new CsvTable(reader, Columns);
        var deposits = new List<(string Number, LocalDate Date, Currency Currency, List<EntryTransaction> Cheques)>();
        var index = new Dictionary<string, int>(StringComparer.Ordinal);
        while (table.Next() is { } row)
        {
            var loc = $"line {table.Line}";
            var number = table.Get(row, "deposit_number");
            if (number.Length == 0) throw new StatementFormatException(loc, "deposit_number is empty");
            var date = CsvValues.Date(table.Get(row, "deposit_date"), loc, "deposit_date");
            var currency = CsvValues.Cur(table.Opt(row, "currency"), loc, "currency");
            var cents = CsvValues.Cents(table.Get(row, "amount"), loc, "amount");
            if (cents <= 0) throw new StatementFormatException(loc, "amount of a cheque must be positive");
            var cheque = table.Get(row, "cheque_number");
            if (cheque.Length == 0) throw new StatementFormatException(loc, "cheque_number is empty");
            var tenant = table.Opt(row, "tenant_reference");
            var tx = new EntryTransaction(new Money(cents, currency), table.Opt(row, "drawer_name"), null, null, null,
                tenant is null ? [] : [tenant], cheque, null, tenant);
            if (!index.TryGetValue(number, out var i))
            {
                index[number] = i = deposits.Count;
                deposits.Add((number, date, currency, []));
            }
            if (deposits[i].Date != date || deposits[i].Currency != currency)
            {
                throw new StatementFormatException(loc, "all cheques of one deposit must have the same deposit_date and currency");
            }
            deposits[i].Cheques.Add(tx);
        }
        if (deposits.Count == 0) throw new StatementFormatException("line 2", "no cheque in the slip");
        var ids = new EntryIds();
        var entries = deposits.Select(d =>
        {
            var total = d.Cheques.Aggregate(0L, (a, t) => checked(a + t.Amount!.Value.Cents));
            var amount = new Money(total, d.Currency);
            return new StatementEntry(ids.Next("cheque-slip", "remise " + d.Number, d.Date, d.Date, amount, []), d.Date, d.Date, amount,
                d.Number, "CHEQUE-DEPOSIT", null, null, null, null, ["REMISE " + d.Number], null, false, null, d.Cheques);
        }).ToList();
        var currencyCode = entries[0].Amount.Currency.Code;
        return new StatementFile("cheque-slip", [new Statement("cheque-slip", currencyCode, null, null, null, null, entries)], []);
    }
}
