using Ledger.Domain.Accounts;
using NodaTime;
using Payments.Api.Features.Webhooks;

namespace Simulation.Tests;

/// <summary>A card payment as it really happened at the PSP (the ground truth the invariants hold the ledger to).</summary>
public sealed record CardTruth(string Psp, string AttemptId, string Tenant, string Notice, long Cents, LocalDate On)
{
    public bool ChargedBack { get; set; }
}

/// <summary>
/// The PSP's webhook deliveries and the payments host's inbox and outbox. The inbox's idempotency is SQL in the real host
/// (insert-if-absent on pspReference, eventCode and success; the outbox unique on its idempotency key), modelled here by
/// sets with the same keys; what an item means for the ledger is the host's real pure function
/// <see cref="WebhookToLedger.Decide"/>, and the commands it makes are decided by the real ledger. Deliveries come in any
/// order, late, and several times; the outbox sends, retries what the ledger cannot take yet (a reversal before its
/// payment) and sometimes sends again what was already sent (an answer lost on the way back).
/// </summary>
public sealed class PaymentsModel(SimLedger ledger, SimCounts counts)
{
    public const string Landlord = "sim-habitat";

    private readonly Dictionary<string, AttemptRef> _attempts = new(StringComparer.Ordinal);
    private readonly List<(int Due, InboxItem Item)> _deliveries = [];
    private readonly HashSet<string> _inbox = new(StringComparer.Ordinal);
    private SimQueue<OutboxCommand>? _queue;
    private long _inboxIds;

    // The settlement report's line booked this money first: the host's OutboxDispatcher marks the command sent.
    private SimQueue<OutboxCommand> Outbox => _queue ??= new SimQueue<OutboxCommand>(ledger, counts, Execute,
        c => c.Kind == "RecordPayment" && WebhookToLedger.BookedAlready(c.PaymentId, c.Body, Booked(c.PaymentId)));

    public List<string> DeadLetters => Outbox.Failed;
    public bool Idle => _deliveries.Count == 0 && Outbox.Idle;

    public void Authorise(CardTruth card, int step, Random rng)
    {
        _attempts[card.AttemptId] = new AttemptRef(card.Tenant, card.Notice, "EUR", card.Cents);
        Send(step, rng, new InboxItem(0, card.Psp, null, card.AttemptId, "AUTHORISATION", true, card.Cents, "EUR", EventDate(card.On), null));
    }

    public void Chargeback(CardTruth card, LocalDate on, int step, Random rng) =>
        Send(step, rng, new InboxItem(0, "CB" + card.Psp, card.Psp, card.AttemptId, "CHARGEBACK", true, card.Cents, "EUR", EventDate(on), "4837"));

    /// <summary>One to three copies of the notification, each due after its own delay: duplicates and reordering.</summary>
    private void Send(int step, Random rng, InboxItem item)
    {
        var copies = 1 + rng.Next(3);
        for (var i = 0; i < copies; i++) _deliveries.Add((step + rng.Next(0, 40), item));
    }

    /// <summary>Delivers one due notification, picked at random among the due ones; false when none is due.</summary>
    public bool DeliverOne(int step, Random rng, LocalDate today)
    {
        var due = Enumerable.Range(0, _deliveries.Count).Where(i => _deliveries[i].Due <= step).ToList();
        if (due.Count == 0) return false;
        var index = due[rng.Next(due.Count)];
        var item = _deliveries[index].Item;
        _deliveries.RemoveAt(index);
        counts.Deliveries++;
        if (!_inbox.Add($"{item.PspReference}|{item.EventCode}|{item.Success}"))
        {
            // The host answers 2xx and stores nothing: nothing reaches the ledger either.
            counts.DuplicateDeliveries++;
            return true;
        }
        var outcome = WebhookToLedger.Decide(item with { Id = ++_inboxIds }, _attempts.GetValueOrDefault(item.MerchantReference ?? ""), Landlord,
            new DateTimeOffset(today.ToDateTimeUnspecified(), TimeSpan.Zero));
        foreach (var command in outcome.Commands)
        {
            Outbox.Add(command.IdempotencyKey, command);
        }
        return true;
    }

    /// <summary>Sends one pending outbox command (at random); false when none is pending.</summary>
    public bool DispatchOne(Random rng, Action<string> fail) => Outbox.SendOne(rng, fail);

    /// <summary>What the ledger's GET …/payments/{id} answers the host.</summary>
    private Payments.Api.Ledger.LedgerPayment? Booked(string paymentId) =>
        ledger.Payment(paymentId) is { } p ? new(paymentId, ledger.OwnerOf(paymentId)!, Primitives.Money.FormatCents(p.Amount.Cents), p.Amount.Currency.Code) : null;

    private Decision Execute(OutboxCommand c)
    {
        counts.LedgerCommands++;
        var body = LedgerCommands.Parse(c.Body);
        if (c.Kind == "RecordPayment")
        {
            var (tenant, command) = LedgerCommands.Payment(body);
            return ledger.Apply(tenant, command);
        }
        if (c.Kind == "Reverse") return ledger.ApplyToPayment(c.PaymentId, LedgerCommands.Reversal(c.PaymentId, body));
        throw new InvalidOperationException($"the simulation sends no {c.Kind}");
    }

    private static string EventDate(LocalDate on) => on.ToString("yyyy-MM-dd", null) + "T10:00:00+01:00";
}
