using System.Xml.Linq;
using Primitives;

namespace Reconciliation.Statements.Camt;

/// <summary>One <c>Ntry</c> with its <c>TxDtls</c>. v08 moved the debtor name under <c>Pty</c>: both are read.</summary>
internal static class CamtEntry
{
    public static StatementEntry Read(XElement ntry, string account, EntryIds ids)
    {
        var amount = CamtValues.Signed(ntry, "Ntry");
        var booking = CamtValues.Date(ntry.El("BookgDt"), "Ntry/BookgDt");
        var value = CamtValues.Date(ntry.El("ValDt"), "Ntry/ValDt");
        var reversal = string.Equals(ntry.Text("RvslInd"), "true", StringComparison.OrdinalIgnoreCase);
        var bankRef = ntry.Text("AcctSvcrRef") ?? ntry.Text("NtryRef");
        var domain = ntry.El("BkTxCd", "Domn");
        var btc = domain != null
            ? string.Join('/', new[] { domain.Text("Cd"), domain.Text("Fmly", "Cd"), domain.Text("Fmly", "SubFmlyCd") }.Where(x => x != null))
            : ntry.Text("BkTxCd", "Prtry", "Cd");
        var credit = amount.Cents >= 0;
        var txs = ntry.All("NtryDtls").SelectMany(d => d.All("TxDtls")).Select(t => Tx(t, credit)).ToList();
        var remittance = new List<string>();
        if (ntry.Text("AddtlNtryInf") is { } info) remittance.Add(info);
        var single = txs.Count == 1 ? txs[0] : null;
        if (single != null) remittance.AddRange(single.Remittance);
        var returnReason = single?.ReturnReason ?? txs.Select(t => t.ReturnReason).FirstOrDefault(r => r != null);
        var id = ids.Next(account, bankRef, booking, value, amount,
            remittance.Concat(txs.Select(t => t.EndToEndId)).Concat(txs.Select(t => t.Reference)).Append(btc));
        return new StatementEntry(id, booking, value, amount, bankRef, btc, single?.CounterpartyName, single?.CounterpartyIban,
            single?.EndToEndId, single?.CreditorReference, remittance, single?.ChequeNumber, reversal || returnReason != null,
            returnReason, txs.Count > 1 ? txs : []);
    }

    private static EntryTransaction Tx(XElement tx, bool credit)
    {
        Money? amount = null;
        var amt = tx.El("Amt") ?? tx.El("AmtDtls", "TxAmt", "Amt");
        if (amt != null)
        {
            var m = CamtValues.Unsigned(amt, "TxDtls/Amt");
            var ind = tx.Text("CdtDbtInd");
            var negative = ind == null ? !credit : ind == "DBIT";
            amount = negative ? -m : m;
        }
        // For a credit the counterparty is the debtor (the tenant paying); for a debit, the creditor.
        var party = credit ? "Dbtr" : "Cdtr";
        var parties = tx.El("RltdPties");
        var name = parties.Text(party, "Nm") ?? parties.Text(party, "Pty", "Nm") ?? parties.Text("Ultmt" + party, "Nm")
            ?? parties.Text("Ultmt" + party, "Pty", "Nm");
        var iban = parties.Text(party + "Acct", "Id", "IBAN");
        var e2e = tx.Text("Refs", "EndToEndId");
        if (e2e == "NOTPROVIDED") e2e = null;
        var rmt = tx.El("RmtInf");
        var lines = rmt.All("Ustrd").Select(u => u.Value.Trim()).Where(u => u.Length > 0).ToList();
        if (tx.Text("AddtlTxInf") is { } add) lines.Add(add);
        var creditorRef = rmt.All("Strd").Select(s => s.Text("CdtrRefInf", "Ref")).FirstOrDefault(r => r != null);
        var reference = tx.Text("Refs", "AcctSvcrRef") ?? tx.Text("Refs", "TxId") ?? tx.Text("Refs", "InstrId");
        return new EntryTransaction(amount, name, iban, e2e, creditorRef, lines, tx.Text("Refs", "ChqNb"),
            tx.Text("RtrInf", "Rsn", "Cd"), reference);
    }
}
