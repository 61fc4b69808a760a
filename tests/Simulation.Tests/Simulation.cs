using System.Globalization;
using Ledger.Domain.Accounts;
using NodaTime;
using Primitives;

namespace Simulation.Tests;

/// <summary>What may be broken on purpose, to show that the invariants catch it (never set by the real runs).</summary>
public sealed record SimFaults(bool CardPostedUnderAnotherId = false);

/// <summary>
/// One seeded run: a landlord's tenants with October and November notices (December issued half-way), then a random
/// interleaving of card payments and chargebacks at the PSP, webhook deliveries, outbox sends, direct debits and their
/// returns at the bank, settlement reports, overlapping statement imports and postings; then a drain (everything due is
/// delivered, sent, imported and posted). <see cref="Invariants"/> are checked after every step. Everything random comes
/// from one <see cref="Random"/> seeded by the run's seed, and nothing else varies, so a seed replays its run exactly.
/// </summary>
public sealed class Simulation
{
    private static readonly LocalDate Start = new(2026, 11, 1);
    private readonly int _seed;
    private readonly Random _rng;
    private readonly SimLedger _ledger = new();
    private readonly PaymentsModel _payments;
    private readonly ReconModel _recon;
    private readonly Dictionary<string, CardTruth> _cards = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DebitTruth> _debits = new(StringComparer.Ordinal);
    private readonly List<CardTruth> _unsettled = [];
    private readonly List<string> _tenants = [];
    private long _step;

    public SimCounts Counts { get; } = new();
    public SimLedger Ledger => _ledger;

    public Simulation(int seed, SimFaults? faults = null)
    {
        _seed = seed;
        _rng = new Random(seed);
        _payments = new PaymentsModel(_ledger, Counts);
        _recon = new ReconModel(_ledger, Counts) { PostCardsUnderAnotherId = faults?.CardPostedUnderAnotherId ?? false };
    }

    private LocalDate Today => Start.PlusDays((int)(_step / 25));

    private void Fail(string message) => throw new SimulationFailure(_seed, _step, message);

    public void Run(int steps)
    {
        var tenants = 4 + _rng.Next(5);
        for (var t = 1; t <= tenants; t++)
        {
            var tenant = $"{200000 + t:D6}/01";
            _tenants.Add(tenant);
            Must(tenant, new OpenAccount(PaymentsModel.Landlord, new TenantReference(tenant), $"Locataire {t}", $"LOG-{t}", new LocalDate(2026, 1, 1)));
            Issue(tenant, t, new YearMonth(2026, 10));
            Issue(tenant, t, new YearMonth(2026, 11));
        }
        for (_step = 1; _step <= steps; _step++)
        {
            if (_step == steps / 2) foreach (var (tenant, i) in _tenants.Select((x, i) => (x, i + 1))) Issue(tenant, i, new YearMonth(2026, 12));
            Act(_rng.Next(100));
            Check();
        }
        Drain();
        Final();
    }

    private void Act(int roll)
    {
        switch (roll)
        {
            case < 16: PayByCard(); break;
            case < 38: _payments.DeliverOne((int)_step, _rng, Today); break;
            case < 52: _payments.DispatchOne(_rng, Fail); break;
            case < 62: Collect(); break;
            case < 66: ReturnDebit(); break;
            case < 69: ChargeBack(); break;
            case < 76: Settle(); break;
            case < 85: _recon.Import(_rng, toTheEnd: false); break;
            default: _recon.PostOne(_rng, Fail); break;
        }
        Counts.Steps++;
    }

    private void Issue(string tenant, int t, YearMonth period)
    {
        var rent = 30_000 + t * 1_250 + _rng.Next(0, 20_000);
        var due = new LocalDate(period.Year, period.Month, 5);
        Must(tenant, new IssueNotice(new NoticeReference($"{period.Year}-{period.Month:D2}/{t:D6}"), period, due.PlusDays(-4), due,
            [new NoticeLine(NoticeLineKind.Rent, "Loyer", Money.Eur(rent)), new NoticeLine(NoticeLineKind.Charges, "Charges", Money.Eur(9_530))], null));
    }

    private void Must(string tenant, object command)
    {
        if (_ledger.Apply(tenant, command) is not Decision.Accepted) Fail($"setup command {command.GetType().Name} refused");
    }

    /// <summary>A tenant pays an open notice (what the payment page shows as due, or now and then part of it).</summary>
    private (string Tenant, NoticeState Notice, long Cents)? Pick()
    {
        var tenant = _tenants[_rng.Next(_tenants.Count)];
        var open = _ledger.Account(tenant).OpenNotices.ToList();
        if (open.Count == 0) return null;
        var notice = open[_rng.Next(open.Count)];
        var cents = _rng.Next(5) == 0 ? 1 + _rng.NextInt64(notice.Outstanding.Cents) : notice.Outstanding.Cents;
        return (tenant, notice, cents);
    }

    private void PayByCard()
    {
        if (Pick() is not var (tenant, notice, cents)) return;
        var n = _cards.Count + 1;
        var card = new CardTruth($"88{_seed % 10_000:D4}{n:D10}", $"AT{n:x8}", tenant, notice.Reference.Value, cents, Today);
        _cards[card.Psp] = card;
        _unsettled.Add(card);
        _payments.Authorise(card, (int)_step, _rng);
        Counts.CardPayments++;
    }

    private void ChargeBack()
    {
        if (Draw(_cards.Values.Where(c => !c.ChargedBack)) is not { } card) return;
        card.ChargedBack = true;
        _payments.Chargeback(card, Today, (int)_step, _rng);
        Counts.Chargebacks++;
    }

    private void Collect()
    {
        if (Pick() is not var (tenant, notice, cents)) return;
        var debit = new DebitTruth($"E2E-{_seed}-{_debits.Count + 1}", tenant, notice.Reference.Value, cents, Today);
        _debits[debit.EndToEnd] = debit;
        _recon.Collected(debit, notice.RfReference.Value);
        Counts.DirectDebits++;
    }

    private void ReturnDebit()
    {
        if (Draw(_debits.Values.Where(d => !d.Returned)) is not { } debit) return;
        debit.Returned = true;
        _recon.ReturnedBack(debit, Today);
        Counts.Returns++;
    }

    private T? Draw<T>(IEnumerable<T> items) where T : class
    {
        var list = items.ToList();
        return list.Count == 0 ? null : list[_rng.Next(list.Count)];
    }

    private void Settle()
    {
        if (_unsettled.Count == 0) return;
        var take = 1 + _rng.Next(_unsettled.Count);
        // The payments host sends its attempt id as merchantReference; Pay by Link and the generator send the notice's.
        _recon.Settle(_unsettled.Take(take).ToList(), Today, c => c.Psp[^1] % 2 == 0 ? c.AttemptId : c.Notice);
        _unsettled.RemoveRange(0, take);
        Counts.Settlements++;
    }

    private void Check()
    {
        Invariants.Check(_ledger, _cards, _debits, Fail);
        if (_payments.DeadLetters.Count > 0) Fail("payments outbox dead letter: " + _payments.DeadLetters[0]);
        if (_recon.Failed.Count > 0) Fail("reconciliation posting failed: " + _recon.Failed[0]);
        Counts.InvariantChecks++;
    }

    /// <summary>Every delivery made, every command sent, the rest of the bank imported and posted.</summary>
    private void Drain()
    {
        if (_unsettled.Count > 0) Settle();
        for (var i = 0; i < 20_000 && !(_payments.Idle && _recon.Idle); i++)
        {
            _step++;
            var acted = _payments.DeliverOne(int.MaxValue, _rng, Today) || _payments.DispatchOne(_rng, Fail) || _recon.PostOne(_rng, Fail);
            if (!acted) _recon.Import(_rng, toTheEnd: true);
            Check();
        }
        if (!_payments.Idle || !_recon.Idle) Fail("the queues did not drain");
    }

    /// <summary>Once drained: every real payment and return is in the ledger once, or waits for an accountant in review.</summary>
    private void Final()
    {
        foreach (var c in _cards.Values)
        {
            var p = _ledger.Payment(PaymentId.For(PaymentChannel.Card, c.Psp).Value) ?? throw new SimulationFailure(_seed, _step, $"card {c.Psp} never booked");
            if (p.Reversed.Cents != (c.ChargedBack ? c.Cents : 0)) Fail($"card {c.Psp}: reversed {p.Reversed}, chargeback {c.ChargedBack}");
        }
        var byEndToEnd = _ledger.Accounts.Values.SelectMany(a => a.Payments.Values)
            .Select(p => (p, e2e: _ledger.References(p.Id.Value).GetValueOrDefault("endToEndId"))).Where(x => x.e2e is not null)
            .ToDictionary(x => x.e2e!, x => x.p, StringComparer.Ordinal);
        var lines = _recon.Bank.ToLookup(e => e.EndToEndId ?? "", StringComparer.Ordinal);
        foreach (var d in _debits.Values)
        {
            var credit = lines[d.EndToEnd].First(e => e.Amount.Cents > 0);
            var booked = byEndToEnd.GetValueOrDefault(d.EndToEnd);
            if (booked is null && !_recon.InReview.ContainsKey(credit.Id)) Fail($"debit {d.EndToEnd} neither booked nor in review (matched: {_recon.Decisions.GetValueOrDefault(credit.Id) ?? "never"})");
            if (booked is null || !d.Returned) continue;
            var back = lines[d.EndToEnd].First(e => e.Amount.Cents < 0);
            if (booked.Reversed.Cents != d.Cents && !_recon.InReview.ContainsKey(back.Id)) Fail($"return of {d.EndToEnd} neither booked nor in review");
        }
        foreach (var tenant in _tenants)
        {
            var folded = TenantAccount.Fold(_ledger.Stream(tenant));
            if (folded.Balance != _ledger.Account(tenant).Balance || folded.Credit != _ledger.Account(tenant).Credit) Fail($"{tenant}: the fold differs from the live state");
        }
        Counts.InReview += _recon.InReview.Count;
    }

    /// <summary>A digest of the run's outcome, for the replay test.</summary>
    public string Digest() => string.Join(";", _ledger.Accounts.OrderBy(a => a.Key, StringComparer.Ordinal)
        .Select(a => $"{a.Key}={a.Value.Balance.Cents}/{a.Value.Payments.Count}")) + $";writes={_ledger.Writes};{Counts}"
        + $";journal={_ledger.Journal.Count}:{_ledger.TotalDebit.ToString(CultureInfo.InvariantCulture)}";
}
