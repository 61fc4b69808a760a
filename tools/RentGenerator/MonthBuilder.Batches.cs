using System.Globalization;
using NodaTime;

namespace RentGenerator;

/// <summary>The batch credits (SDD and TIP collections, cheque deposits, Eficash days, Adyen payouts), the other lines of the account, the daily statements.</summary>
internal sealed partial class MonthBuilder
{
    private void Batches()
    {
        Collections(_sdd, "sdd", "REMISE PRLV SEPA", 1);
        Collections(_tip, "tip", "REMISE TIP SEPA", 2);
        for (var d = 0; d < _depositDays.Length; d++)
        {
            var rows = _cheques.Where(c => c.Deposit == d).Select(c => c.Row).ToList();
            if (rows.Count == 0) continue;
            var number = DepositNumber(d);
            var deposit = new ChequeDeposit(number, _depositDays[d], rows);
            _month.ChequeDeposits.Add(deposit);
            var date = BankDays.Plus(_depositDays[d], 1);
            Add(BatchEntry(date, rows.Select(x => x.Truth).ToList(), "cheque-deposit", Channel.Cheque, "02", "PMNT/RCHQ/OTHR", "NCLR",
                "REMISE CHEQUES " + number, ["REMISE " + number + " " + rows.Count.ToString(CultureInfo.InvariantCulture) + " CHEQUES"], "cheque-slips.csv",
                number));
        }
        foreach (var day in _month.Eficash.GroupBy(e => e.Date).OrderBy(g => g.Key))
        {
            Add(BatchEntry(day.Key, day.Select(x => x.Truth).ToList(), "eficash", Channel.Eficash, "05", "PMNT/RCDT/ESCT", "NTRF",
                "VIR EFICASH LA BANQUE POSTALE", ["EFICASH REMISE DU " + day.Key.ToString("dd/MM/yyyy", CultureInfo.InvariantCulture)], "eficash.csv", null, "LA BANQUE POSTALE"));
        }
        for (var b = 0; b < _batchCloses.Length; b++)
        {
            var rows = _card.Where(c => c.Batch == b).Select(c => c.Row).OrderBy(x => x.Created).ToList();
            if (rows.Count == 0) continue;
            var number = ((_period.Year - 2000) * 12 + _period.Month) * 10 + b + 1;
            var close = _batchCloses[b];
            if (b == _batchCloses.Length - 1)
            {
                var settled = _card.Count(c => c.Row.Type == "Settled");
                rows.Add(new AdyenRow(null, null, close.At(new LocalTime(2, 0)), "Fee", "Transaction Fees " + MonthName + " " + _period.Year.ToString(CultureInfo.InvariantCulture),
                    0, settled * 12L, false, 0, 0, 0, null, null));
            }
            var batch = new AdyenBatch(number, close, rows);
            _month.Adyen.Add(batch);
            var payout = BankDays.Clamp(_period, BankDays.Plus(close, 1));
            Add(new BankEntry
            {
                BankReference = NextRef(payout), Date = payout, ValueDate = payout, Cents = batch.Payout, Kind = EntryKinds.Batch, What = "card-payout",
                Channel = Channel.Card, CfonbCode = "05", Btc = "PMNT/RCDT/ESCT", SwiftType = "NTRF", Label = "VIR ADYEN N.V.",
                Texts = [string.Create(CultureInfo.InvariantCulture, $"ADYEN PAYOUT BATCH {number} LANDLORDRENT")], Name = "ADYEN N.V.",
                DetailFile = "adyen-settlement.csv", DetailReference = "batch " + number.ToString(CultureInfo.InvariantCulture),
                Allocations = rows.Where(x => x.Truth != null).SelectMany(x => x.Truth!.Allocations).ToList(),
                Transactions = rows.Where(x => x.Truth != null).Select(x => x.Truth!).ToList(), Noise = [],
            });
        }
    }

    private void Collections(List<(LocalDate Date, BankTx Tx)> pool, string what, string label, int series)
    {
        foreach (var group in pool.GroupBy(x => x.Date).OrderBy(g => g.Key))
        {
            var txs = group.Select(x => x.Tx).ToList();
            var number = string.Create(CultureInfo.InvariantCulture, $"{_period.Year % 100:D2}{_period.Month:D2}{series}{group.Key.Day:D2}");
            if (_options.SingleDirectDebits)
            {
                foreach (var tx in txs)
                {
                    Add(new BankEntry
                    {
                        BankReference = NextRef(group.Key), Date = group.Key, ValueDate = group.Key, Cents = tx.Cents, Kind = EntryKinds.RentPayment,
                        What = what, Channel = tx.Channel, CfonbCode = "A1", Btc = "PMNT/IDDT/ESDD", SwiftType = "NDDT", Label = Fit("PRLV SEPA " + tx.Name, 31),
                        Texts = tx.Texts, Name = tx.Name, Iban = tx.Iban, IbanInCfonb = true, EndToEndId = tx.EndToEndId, CreditorReference = tx.CreditorReference,
                        MandateReference = tx.MandateReference, Noise = tx.Noise, Allocations = tx.Allocations, Evidence = tx.Evidence, TrueTenant = tx.TrueTenant,
                    });
                }
                continue;
            }
            Add(BatchEntry(group.Key, txs, what + "-batch", txs[0].Channel!.Value, "A1", "PMNT/IDDT/ESDD", "NDDT", label + " " + number,
                ["REMISE " + number + " " + txs.Count.ToString(CultureInfo.InvariantCulture) + " PRELEVEMENTS"], "sdd-batches.camt054.xml", number));
        }
    }

    private BankEntry BatchEntry(LocalDate date, List<BankTx> txs, string what, Channel channel, string cfonb, string btc, string swift, string label,
        List<string> texts, string detail, string? number, string? name = null)
    {
        var reference = NextRef(date);
        return new BankEntry
        {
            BankReference = reference, Date = date, ValueDate = date, Cents = txs.Sum(x => x.Cents), Kind = EntryKinds.Batch, What = what,
            Channel = channel, CfonbCode = cfonb, Btc = btc, SwiftType = swift, Label = label, Texts = texts, Number = number, Name = name,
            Transactions = txs, DetailFile = detail, DetailReference = number ?? reference, Allocations = txs.SelectMany(x => x.Allocations).ToList(),
        };
    }
}
