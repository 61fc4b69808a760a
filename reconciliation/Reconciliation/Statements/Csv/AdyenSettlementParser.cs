using Primitives;
using NodaTime;

namespace Reconciliation.Statements.Csv;

/// <summary>
/// Adyen settlement details report (one batch per file, columns found by header name). Each payout batch and net
/// currency becomes one entry: the amount Adyen pays to the bank (the MerchantPayout row), with the card payments,
/// refunds, chargebacks and fees as its transactions so the engine can go payout → batch → card payments.
/// </summary>
public sealed class AdyenSettlementParser
{
    public static readonly string[] Columns = ["Psp Reference", "Merchant Reference", "Creation Date", "Type", "Net Currency", "Net Debit (NC)", "Net Credit (NC)", "Batch Number"];

    public StatementFile Parse(Stream stream)
    {
        using var reader = TextInput.Open(stream);
        using var table = new CsvTable(reader, Columns);
        var batches = new SortedDictionary<(string Batch, string Currency), Batch>();
        while (table.Next() is { } row)
        {
            var loc = $"line {table.Line}";
            if (row.All(string.IsNullOrWhiteSpace)) continue;
            var type = table.Get(row, "Type");
            if (type.Length == 0) throw new StatementFormatException(loc, "Type is empty");
            var currency = CsvValues.Cur(table.Get(row, "Net Currency"), loc, "Net Currency");
            var net = Signed(table, row, "Net Credit (NC)", "Net Debit (NC)", loc);
            var date = CsvValues.Date(table.Get(row, "Creation Date"), loc, "Creation Date");
            var key = (table.Get(row, "Batch Number"), currency.Code);
            if (!batches.TryGetValue(key, out var b)) batches[key] = b = new Batch(currency);
            if (type == "MerchantPayout")
            {
                // The payout row is a debit of the Adyen account: the same amount arrives as a credit at the bank.
                b.Payout = b.Payout is { } p ? checked(p - net) : checked(-net);
                b.PayoutDate = date;
                b.PayoutLabel = table.Opt(row, "Modification Reference");
                continue;
            }
            b.NetSum = checked(b.NetSum + net);
            var gross = table.Has("Gross Credit (GC)") && table.Get(row, "Gross Currency") == currency.Code
                && (table.Opt(row, "Gross Credit (GC)") ?? table.Opt(row, "Gross Debit (GC)")) != null
                ? Signed(table, row, "Gross Credit (GC)", "Gross Debit (GC)", loc)
                : net;
            var texts = new List<string> { type };
            if (table.Opt(row, "Merchant Reference") is { } mr) texts.Add(mr);
            if (table.Opt(row, "Modification Reference") is { } mod) texts.Add(mod);
            b.Rows.Add(new EntryTransaction(new Money(gross, currency), null, null, null, null, texts, null,
                type is "Chargeback" or "SecondChargeback" or "Refunded" ? type : null, table.Opt(row, "Psp Reference")));
            b.LastDate = date;
        }
        if (batches.Count == 0) throw new StatementFormatException("line 2", "no row in the settlement report");
        var warnings = new List<string>();
        var ids = new EntryIds();
        var entries = new List<StatementEntry>();
        foreach (var ((batch, _), b) in batches)
        {
            var amount = b.Payout ?? b.NetSum;
            if (b.Payout == null) warnings.Add($"batch {batch} {b.Currency}: no MerchantPayout row; the entry amount is the net sum of the rows");
            else if (b.Payout != b.NetSum)
            {
                warnings.Add($"batch {batch} {b.Currency}: payout {Money.FormatCents(b.Payout.Value)} differs from the net sum of the rows {Money.FormatCents(b.NetSum)}");
            }
            var money = new Money(amount, b.Currency);
            var date = b.PayoutDate ?? b.LastDate;
            var label = b.PayoutLabel ?? $"ADYEN batch {batch}";
            entries.Add(new StatementEntry(ids.Next("adyen", $"batch {batch} {b.Currency}", date, date, money, []), date, date, money,
                $"batch {batch}", "PSP-PAYOUT", "ADYEN", null, null, null, [label], null, false, null, b.Rows));
        }
        var currencyCode = entries[0].Amount.Currency.Code;
        return new StatementFile("adyen-settlement", [new Statement("adyen", currencyCode, null, null, null, null, entries)], warnings);
    }

    private static long Signed(CsvTable t, IReadOnlyList<string> row, string credit, string debit, string loc)
    {
        var c = t.Opt(row, credit) is { } cr ? CsvValues.Cents(cr, loc, credit) : 0;
        var d = t.Opt(row, debit) is { } db ? CsvValues.Cents(db, loc, debit) : 0;
        return checked(c - d);
    }

    private sealed class Batch(Currency currency)
    {
        public Currency Currency { get; } = currency;
        public long? Payout { get; set; }
        public long NetSum { get; set; }
        public LocalDate? PayoutDate { get; set; }
        public LocalDate? LastDate { get; set; }
        public string? PayoutLabel { get; set; }
        public List<EntryTransaction> Rows { get; } = [];
    }
}
