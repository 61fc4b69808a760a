using System.Globalization;
using Primitives;

namespace Reconciliation.Api.Posting;

/// <summary>
/// An accountant's decision that is not a tenant payment, as ledger commands on the landlord's bank operations: suspense
/// (471) and its clearing, bank fees (627), receipts that are not rent. Pure, like <see cref="PostingPlan"/>: the ledger's
/// key derives from the entry id and the entry's version (an entry parked, cleared, undone and parked again is a new
/// operation), and the same decision planned twice gives the same commands.
/// </summary>
public static class BankPlan
{
    /// <summary>The queue's "tenant" for these commands: one landlord's bank operations are sent one after the other, in order.</summary>
    public const string Stream = "bank";

    public static readonly IReadOnlySet<string> Kinds = new HashSet<string>(StringComparer.Ordinal) { "suspense", "suspense-clear", "fees", "not-rent", "remittance" };

    /// <summary>Not the entry id itself: it may hold '/' or spaces (a bank reference), and the ledger's clearing route has it in its path.</summary>
    public static string Key(string entryId, int version) =>
        PostingPlan.BaseId(entryId) + "-b" + version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The ledger route of each kind.</summary>
    public static string Path(string kind, string key) => kind switch
    {
        "suspense" => "bank/suspense",
        "suspense-clear" => $"bank/suspense/{Uri.EscapeDataString(key)}/clear",
        "fees" => "bank/fees",
        "remittance" => "bank/remittances",
        _ => "bank/other-receipts",
    };

    /// <summary>The kinds an accountant picks for "not rent", with their French labels.</summary>
    public static readonly IReadOnlyList<(string Kind, string Label)> NotRentKinds =
        [("BankFees", "frais bancaires"), ("InternalTransfer", "virement interne"), ("Caf", "versement groupé de la CAF"), ("Other", "autre")];

    /// <summary>A bank statement line is on the bank account (512): parked as such, whatever channel the payer used.</summary>
    public static PostingCommand Park(string entryId, string key, long cents, string currency, DateOnly valueDate, string reason, string who) =>
        new("bank:suspense:" + key, entryId, "suspense", key, Stream, cents, new
        {
            entryId = key, amount = Money.FormatCents(cents), currency, valueDate = Date(valueDate), channel = "Transfer",
            reason = Cap(reason, 200), by = Cap(who, 60),
        });

    /// <summary>
    /// The whole parked amount off 471: to tenants (their payments follow as ordinary payments of <paramref name="channel"/>,
    /// so the ledger books 471 against that channel's cash account), or to not rent (<paramref name="kind"/>).
    /// </summary>
    public static PostingCommand Clear(string entryId, string key, string to, long cents, string currency, DateOnly on, string channel,
        string? kind, IReadOnlyList<string> tenants, string reason, string who) =>
        new("bank:clear:" + key, entryId, "suspense-clear", key, Stream, cents, new
        {
            to, amount = Money.FormatCents(cents), currency, on = Date(on), channel, kind, tenants = tenants.Distinct(StringComparer.Ordinal).Take(20).ToList(),
            reason = Cap(reason, 200), by = Cap(who, 60),
        });

    /// <summary>Fees are positive when charged: a bank debit of −12,00 € is a fee of 12,00 €; a PSP payout's fees are on Card (467).</summary>
    public static PostingCommand Fees(string entryId, string key, long feeCents, string currency, DateOnly on, string channel, string reason, string who) =>
        new("bank:fees:" + key, entryId, "fees", key, Stream, feeCents, new
        {
            entryId = key, amount = Money.FormatCents(feeCents), currency, on = Date(on), channel, reason = Cap(reason, 200), by = Cap(who, 60),
        });

    /// <summary>
    /// The bank's credit of a PSP payout (<paramref name="from"/> = Card) or a cheque slip (Cheque): its payments are on 467 or
    /// 5112 in the ledger, and this moves the credited amount to 512.
    /// </summary>
    public static PostingCommand Remittance(string entryId, string key, long cents, string currency, DateOnly on, string from, string reason, string who) =>
        new("bank:remit:" + key, entryId, "remittance", key, Stream, cents, new
        {
            entryId = key, amount = Money.FormatCents(cents), currency, on = Date(on), from, reason = Cap(reason, 200), by = Cap(who, 60),
        });

    public static PostingCommand NotRent(string entryId, string key, string kind, long cents, string currency, DateOnly on, string reason, string who) =>
        new("bank:notrent:" + key, entryId, "not-rent", key, Stream, cents, new
        {
            entryId = key, kind, amount = Money.FormatCents(cents), currency, on = Date(on), channel = "Transfer", reason = Cap(reason, 200), by = Cap(who, 60),
        });

    private static string Date(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Cap(string s, int max) => s.Length > max ? s[..max] : s;
}
