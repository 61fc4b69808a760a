using System.Globalization;
using NodaTime;

namespace RentGenerator;

/// <summary>Channels whose bank credit is a batch explained by a detail file: card (settlement report), cheque (slip), Eficash.</summary>
internal sealed partial class MonthBuilder
{
    private void Card(GenTenant t, Seeded r)
    {
        var tenant = t.Reference.Value;
        var lastClose = _batchCloses[^1];
        var day = r.Next(1, lastClose.Day + 1);
        // The hosted checkout charges one notice at a time: arrears first, then this month's.
        foreach (var (notice, due) in _book.Open(tenant))
        {
            var created = BankDays.Clamp(_period, _period.OnDayOfMonth(Math.Min(day, lastClose.Day)));
            if (created > lastClose) created = lastClose;
            var batch = Array.FindIndex(_batchCloses, c => c >= created);
            var psp = string.Create(CultureInfo.InvariantCulture, $"88{_period.Year % 100:D2}{_period.Month:D2}{++_psp:D10}");
            var allocations = _book.Pay(tenant, [notice], due);
            var lost = r.PerMille(20);
            var tx = new BankTx
            {
                Reference = psp, Cents = due, Texts = ["Settled", notice.Reference.Value], Kind = EntryKinds.RentPayment, Channel = RentGenerator.Channel.Card,
                Allocations = allocations, TrueTenant = tenant, Noise = lost ? ["webhook-lost"] : [],
                Evidence = new Evidence(false, ReferenceQuality.Clean, true, false, false, false, false, !lost),
            };
            var markup = Math.Max(10, due / 1000);
            var interchange = due * 2 / 1000;
            var time = created.At(new LocalTime(r.Next(7, 23), r.Next(60), r.Next(60)));
            _card.Add((batch, new AdyenRow(psp, notice.Reference.Value, time, "Settled", "89" + psp[2..], due, due - markup - 2 - interchange,
                true, markup, 2, interchange, r.Pick<string>(["visa", "mc", "cartebancaire"]), tx)));
            if (!lost) _month.Webhooks.Add(new WebhookPayment("card:" + psp, tenant, due, created, notice.Reference.Value, psp, notice.Reference.Value));
            if (batch + 1 < _batchCloses.Length && r.PerMille(20))
            {
                var back = new BankTx
                {
                    Reference = psp, Cents = -due, Texts = ["Chargeback", notice.Reference.Value], Kind = EntryKinds.Return, Channel = RentGenerator.Channel.Card,
                    Allocations = _book.Reverse(allocations), TrueTenant = tenant, Noise = ["chargeback"],
                    Evidence = Evidence.None with { TracedById = true },
                };
                var when = _batchCloses[batch + 1].At(new LocalTime(3, 0));
                _card.Add((batch + 1, new AdyenRow(psp, notice.Reference.Value, when, "Chargeback", "87" + psp[2..], due, due, false, 0, 0, 0,
                    "visa", back)));
            }
            day = Math.Min(day + r.Next(0, 3), lastClose.Day);
        }
    }

    private void Cheque(GenTenant t, Seeded r)
    {
        var tenant = t.Reference.Value;
        var received = PayDay(r, out var late);
        var deposit = Array.FindIndex(_depositDays, d => d > received);
        if (deposit < 0) deposit = _depositDays.Length - 1;
        var (cents, meant, amountNoise) = Amount(t, r);
        var (drawer, _, own, nameNoise) = Payer(t, r, relative: 150, employer: 50, empty: 0);
        var mode = r.Weighted<string>([("tenant-ref", 550), ("tenant-ref-spaced", 100), ("tenant-ref-typo", 50), ("no-reference", 300)]);
        var quality = mode switch
        {
            "tenant-ref" => ReferenceQuality.Clean,
            "tenant-ref-spaced" => ReferenceQuality.Spaced,
            "tenant-ref-typo" => ReferenceQuality.Typo,
            _ => ReferenceQuality.None,
        };
        var written = quality switch
        {
            ReferenceQuality.Clean => tenant,
            ReferenceQuality.Spaced => Noise.Spaced(t.Reference, r),
            ReferenceQuality.Typo => Noise.Typo(t.Reference, r),
            _ => null,
        };
        var noise = new List<string> { mode };
        if (amountNoise != null) noise.Add(amountNoise);
        if (nameNoise != null) noise.Add(nameNoise);
        if (late) noise.Add("late");
        var evidence = new Evidence(false, quality, _book.AmountConfirms(tenant, [], cents), NameConfirms(t, own), false, false,
            quality == ReferenceQuality.Typo && _tenantKeys.Contains(Noise.Key(written!)), false);
        var allocations = _book.Pay(tenant, [], cents);
        var number = (++_cheque * 7919 % 9_000_000 + 1_000_000).ToString(CultureInfo.InvariantCulture);
        var tx = new BankTx
        {
            Reference = number, Cents = cents, Name = drawer, Texts = written is null ? [] : [written], Kind = EntryKinds.RentPayment,
            Channel = RentGenerator.Channel.Cheque, Allocations = allocations, TrueTenant = tenant, Noise = noise, Evidence = evidence,
        };
        _cheques.Add((deposit, new ChequeRow(number, drawer ?? "", cents, written, tx)));
        if (!r.PerMille(15)) return;
        // Returned unpaid a few days after the deposit was credited.
        var credited = BankDays.Plus(_depositDays[deposit], 1);
        var back = BankDays.Clamp(_period, BankDays.Plus(credited, r.Next(3, 7)));
        if (back <= credited) return;
        Add(new BankEntry
        {
            BankReference = NextRef(back), Date = back, ValueDate = back, Cents = -cents, Kind = EntryKinds.Return, What = "cheque-unpaid",
            Channel = RentGenerator.Channel.Cheque, CfonbCode = "03", Btc = "PMNT/RCHQ/UPCQ", SwiftType = "NCHK", Reversal = true,
            Label = "CHQ IMPAYE " + number, Texts = ["CHEQUE IMPAYE SANS PROVISION", "CHQ " + number + " REMISE " + DepositNumber(deposit)],
            Number = number, Noise = ["cheque-unpaid"], Allocations = _book.Reverse(allocations), TrueTenant = tenant,
            Evidence = Evidence.None with { TracedById = true },
        });
    }

    private string DepositNumber(int deposit) =>
        string.Create(CultureInfo.InvariantCulture, $"{_period.Year % 100:D2}{_period.Month:D2}{deposit + 1:D3}");

    private void Eficash(GenTenant t, Seeded r)
    {
        var tenant = t.Reference.Value;
        var current = Current(t);
        var total = _book.OpenTotal(tenant);
        // La Poste caps one cash payment (600 € here): a larger notice is paid in several visits, all normal.
        var parts = (int)((total + 59_999) / 60_000);
        if (parts == 1 && total > 100_00 && r.PerMille(100)) parts = 2;
        var day = r.Next(1, 18);
        var left = total;
        for (var i = 0; i < parts; i++)
        {
            var cents = i == parts - 1 ? left : Math.Min(60_000, left / (parts - i) / 100 * 100);
            left -= cents;
            var paid = BankDays.Day(_period, day);
            var credited = BankDays.Clamp(_period, BankDays.Plus(paid, 1));
            var scanned = r.PerMille(900);
            var typed = scanned ? null : r.PerMille(700) ? tenant : Noise.Spaced(t.Reference, r);
            var noise = new List<string> { scanned ? "barcode" : "typed-reference" };
            if (parts > 1) noise.Add("several-eficash-for-one-notice");
            var evidence = new Evidence(scanned, scanned ? ReferenceQuality.None : typed == tenant ? ReferenceQuality.Clean : ReferenceQuality.Spaced,
                _book.AmountConfirms(tenant, [current], cents), false, false, false, false, false);
            var allocations = _book.Pay(tenant, [current], cents);
            var tx = new BankTx
            {
                Reference = (scanned ? current.Rf.Value : typed!) + "#" + (i + 1).ToString(CultureInfo.InvariantCulture), Cents = cents,
                Kind = EntryKinds.RentPayment, Channel = RentGenerator.Channel.Eficash, Allocations = allocations, TrueTenant = tenant,
                Noise = noise, Evidence = evidence,
            };
            _month.Eficash.Add(new EficashRow(credited, scanned ? current.Rf.Value : null, typed, cents, r.Pick(Noise.PostOffices), tx));
            day += r.Next(0, 4);
        }
    }
}
