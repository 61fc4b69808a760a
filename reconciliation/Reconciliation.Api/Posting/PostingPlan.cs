using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Primitives;
using Reconciliation.Api.Imports;

namespace Reconciliation.Api.Posting;

/// <summary>A payment this service posted (or is posting), so that a later return can name it.</summary>
public sealed record KnownPayment(string PaymentId, string Tenant, string? Notice, long Cents, string Channel, string? EndToEndId, string? ChequeNumber);

/// <summary>
/// Turns a decided unit (the engine's automatic answer, or an accountant's) into ledger commands. Pure and deterministic:
/// the payment id derives from the entry id, the unit and the decision's version, so posting the same decision again is
/// harmless; a card payment keeps the webhook path's id (<c>card:PSP</c>) so the two paths can never record it twice.
/// </summary>
public static class PostingPlan
{
    public static string BaseId(string entryId) =>
        "rec-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(entryId)))[..24];

    public static List<PostingCommand> ForUnit(
        string entryId, StoredUnit unit, IReadOnlyList<StoredAllocation> allocations, string currency, DateOnly receivedOn,
        string? bankReference, int version, Func<StoredAllocation, KnownPayment?> findOriginal)
    {
        var commands = new List<PostingCommand>();
        var suffix = version == 0 ? "" : "-v" + version.ToString(CultureInfo.InvariantCulture);
        var byTenant = allocations.Where(a => a.Cents > 0).GroupBy(a => a.Tenant, StringComparer.Ordinal).ToList();
        for (var k = 0; k < byTenant.Count; k++)
        {
            var group = byTenant[k];
            var cents = group.Sum(a => a.Cents);
            var isCard = unit.Channel == nameof(PaymentChannel.Card) && unit.Reference is { Length: > 0 } && version == 0;
            var paymentId = isCard
                ? PaymentId.For(PaymentChannel.Card, unit.Reference!).Value
                : $"{BaseId(entryId)}-{unit.Index.ToString(CultureInfo.InvariantCulture)}{(k == 0 ? "" : "-" + k.ToString(CultureInfo.InvariantCulture))}{suffix}";
            var refs = new Dictionary<string, string>(StringComparer.Ordinal) { ["statementEntryId"] = Cap(entryId) };
            if (bankReference is { Length: > 0 }) refs["bankReference"] = Cap(bankReference);
            if (unit.EndToEndId is { Length: > 0 } e2e) refs["endToEndId"] = Cap(e2e);
            if (unit.ChequeNumber is { Length: > 0 } cheque) refs["chequeNumber"] = Cap(cheque);
            if (isCard) refs["pspReference"] = Cap(unit.Reference!);
            var notices = group.Where(a => a.Notice is not null).Select(a => new DesiredAllocation(a.Notice!, a.Cents)).ToList();
            var record = new Dictionary<string, object?>
            {
                ["paymentId"] = paymentId,
                ["tenantReference"] = group.Key,
                ["channel"] = unit.Channel,
                ["amount"] = Money.FormatCents(cents),
                ["currency"] = currency,
                ["receivedOn"] = receivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["noticeReference"] = notices.FirstOrDefault()?.Notice,
                ["externalReferences"] = refs,
            };
            commands.Add(new PostingCommand("pay:" + paymentId, entryId, "payment", paymentId, group.Key, cents, new PaymentBody(record, notices)));
        }
        var returns = allocations.Where(a => a.Cents < 0).ToList();
        for (var k = 0; k < returns.Count; k++)
        {
            var a = returns[k];
            // A chargeback in a settlement report names the card payment's own PSP reference: the payments host's ids
            // (card:PSP, chargeback:PSP) make the webhook and the report converge on one reversal.
            var cardChargeback = unit.Channel == nameof(PaymentChannel.Card) && unit.Reference is { Length: > 0 } && version == 0;
            var original = cardChargeback
                ? new KnownPayment(PaymentId.For(PaymentChannel.Card, unit.Reference!).Value, a.Tenant, a.Notice, -a.Cents, nameof(PaymentChannel.Card), null, null)
                : findOriginal(a);
            if (original is null) continue;
            var reversalId = cardChargeback
                ? "chargeback:" + unit.Reference
                : $"ret-{BaseId(entryId)[4..]}-{unit.Index.ToString(CultureInfo.InvariantCulture)}-{k.ToString(CultureInfo.InvariantCulture)}{suffix}";
            var kind = original.Channel switch
            {
                nameof(PaymentChannel.Cheque) => "ChequeReturned",
                nameof(PaymentChannel.DirectDebit) or nameof(PaymentChannel.TipSepa) => "DirectDebitReturned",
                nameof(PaymentChannel.Card) => "Chargeback",
                _ => "Other",
            };
            var body = new
            {
                reversalId,
                kind,
                amount = Money.FormatCents(Math.Min(-a.Cents, original.Cents)),
                currency,
                on = receivedOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                reasonCode = unit.ReturnReason ?? (kind == "ChequeReturned" ? "impayé" : kind == "Chargeback" ? "CHARGEBACK" : ""),
            };
            commands.Add(new PostingCommand("rev:" + original.PaymentId + ":" + reversalId, entryId, "reversal", original.PaymentId, original.Tenant, -a.Cents, body));
        }
        return commands;
    }

    private static string Cap(string s) => s.Length > 140 ? s[..140] : s;
}
