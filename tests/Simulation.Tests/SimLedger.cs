using Ledger.Domain.Accounts;
using Ledger.Domain.Journal;

namespace Simulation.Tests;

/// <summary>
/// The ledger as <c>LedgerWriter</c> runs it, without PostgreSQL: one stream per tenant account, each command decided by the
/// real decider on the folded state and its events applied with the real <see cref="TenantAccount.Evolve"/>; every money
/// event posted by the real <see cref="JournalPosting"/>; and the unique payment key (a payment id belongs to one account,
/// and a reversal finds its account through it). What the ledger writes is counted, so a duplicate can be shown to write
/// nothing.
/// </summary>
public sealed class SimLedger
{
    private readonly Dictionary<string, TenantAccount> _accounts = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<object>> _streams = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _paymentOwner = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyDictionary<string, string>> _references = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _receivable = new(StringComparer.Ordinal);
    private HashSet<string>? _cashAccounts;

    public ChartOfAccounts Chart { get; } = new();
    public List<(string Tenant, JournalEntry Entry)> Journal { get; } = [];
    public long Writes { get; private set; }
    public long TotalDebit { get; private set; }
    public long TotalCredit { get; private set; }
    /// <summary>Debits less credits on the accounts where money arrives (512, 467, 5112…).</summary>
    public long Cash { get; private set; }

    /// <summary>The tenant's 411 sub-account, debits less credits.</summary>
    public long Receivable(string tenant) => _receivable.GetValueOrDefault(tenant);

    /// <summary>The external references the payment was recorded with (from its PaymentReceived event).</summary>
    public IReadOnlyDictionary<string, string> References(string paymentId) =>
        _references.GetValueOrDefault(paymentId) ?? new Dictionary<string, string>();
    public IReadOnlyDictionary<string, TenantAccount> Accounts => _accounts;

    public TenantAccount Account(string tenant) => _accounts.GetValueOrDefault(tenant) ?? TenantAccount.Initial;

    public string? OwnerOf(string paymentId) => _paymentOwner.GetValueOrDefault(paymentId);

    public PaymentState? Payment(string paymentId) =>
        OwnerOf(paymentId) is { } owner ? Account(owner).Payments.GetValueOrDefault(paymentId) : null;

    public IReadOnlyList<object> Stream(string tenant) => _streams.GetValueOrDefault(tenant) ?? [];

    /// <summary>A command on a named account (account, notice, payment commands).</summary>
    public Decision Apply(string tenant, object command)
    {
        if (command is RecordPayment r && OwnerOf(r.PaymentId.Value) is { } owner && owner != tenant)
        {
            return Decision.Conflict("paymentId", "this payment id is recorded on another account");
        }
        var state = Account(tenant);
        var decision = TenantAccountDecider.Decide(state, command);
        if (decision is not Decision.Accepted accepted) return decision;
        if (!_streams.TryGetValue(tenant, out var stream)) _streams[tenant] = stream = [];
        foreach (var e in accepted.Events)
        {
            if (JournalPosting.For(e, state, Chart) is { } entry)
            {
                if (entry.TotalDebit != entry.TotalCredit) throw new InvalidOperationException($"unbalanced journal entry for {e.GetType().Name}");
                Journal.Add((tenant, entry));
                Post(tenant, entry);
            }
            if (e is PaymentReceived received) _references[received.PaymentId.Value] = received.ExternalReferences;
            state = TenantAccount.Evolve(state, e);
            stream.Add(e);
            Writes++;
        }
        _accounts[tenant] = state;
        if (command is RecordPayment recorded) _paymentOwner[recorded.PaymentId.Value] = tenant;
        return decision;
    }

    private void Post(string tenant, JournalEntry entry)
    {
        _cashAccounts ??= Enum.GetValues<Primitives.PaymentChannel>().Select(Chart.CashAccountFor).ToHashSet(StringComparer.Ordinal);
        foreach (var line in entry.Lines)
        {
            TotalDebit = checked(TotalDebit + line.Debit);
            TotalCredit = checked(TotalCredit + line.Credit);
            if (line.Account == Chart.TenantReceivable) _receivable[tenant] = checked(Receivable(tenant) + line.Debit - line.Credit);
            if (_cashAccounts.Contains(line.Account)) Cash = checked(Cash + line.Debit - line.Credit);
        }
    }

    /// <summary>A command that names a payment only (a reversal): routed to the account that holds the payment.</summary>
    public Decision ApplyToPayment(string paymentId, object command) =>
        OwnerOf(paymentId) is { } owner ? Apply(owner, command) : Decision.NotFound("paymentId", "no such payment");
}
