using System.Globalization;
using NodaTime;

namespace RentGenerator;

/// <summary>Transfers (virements): one credit each, with what the tenant typed and every kind of noise.</summary>
internal sealed partial class MonthBuilder
{
    private void Transfer(GenTenant t, Seeded r, LocalDate? regularisation)
    {
        var tenant = t.Reference.Value;
        var date = PayDay(r, out var late);
        var (cents, meant, amountNoise) = Amount(t, r);
        if (regularisation is { } returnedOn)
        {
            // After a returned direct debit (or arrears): the tenant pays the oldest open notice by transfer, after the return.
            var open = _book.Open(tenant);
            meant = [open[0].Notice];
            cents = open[0].Remaining;
            amountNoise = "regularisation";
            var earliest = BankDays.Plus(returnedOn, 1);
            date = BankDays.Day(_period, Math.Max(earliest.Month == _period.Month ? earliest.Day : 31, r.Next(12, 27)));
            late = true;
        }
        var (name, iban, own, nameNoise) = Payer(t, r, relative: 100, employer: 50, empty: 50);
        var noise = new List<string>();
        if (amountNoise != null) noise.Add(amountNoise);
        if (nameNoise != null) noise.Add(nameNoise);
        if (late) noise.Add("late");
        var rf = meant[^1].Rf;
        string? structured = null;
        var quality = ReferenceQuality.None;
        var rfValid = false;
        var another = false;
        var words = "LOYER " + MonthName;
        var mode = r.Weighted<string>([
            ("rf-structured", 200), ("rf-printed", 100), ("rf-compact", 50), ("rf-typo", 40), ("tenant-ref", 200), ("tenant-ref-spaced", 60),
            ("missing-slash", 50), ("dropped-zero", 30), ("tenant-ref-typo", 30), ("notice-ref", 60), ("no-reference", 180)]);
        // Only a reference that starts with a zero can lose it, and those who have one often do.
        if (mode == "dropped-zero" && !tenant.StartsWith('0')) mode = "tenant-ref";
        else if (mode == "tenant-ref" && tenant.StartsWith('0') && r.PerMille(400)) mode = "dropped-zero";
        string text;
        switch (mode)
        {
            case "rf-structured": structured = rf.Value; rfValid = true; text = words; break;
            case "rf-printed": rfValid = true; text = words + " " + rf.ToPrintedForm(); break;
            case "rf-compact": rfValid = true; text = "REF " + rf.Value + " " + words; break;
            case "rf-typo": text = words + " " + Noise.RfTypo(rf, r); break;
            case "tenant-ref": quality = ReferenceQuality.Clean; text = words + " " + tenant; break;
            case "tenant-ref-spaced": quality = ReferenceQuality.Spaced; text = "LOYER " + Noise.Spaced(t.Reference, r); break;
            case "missing-slash": quality = ReferenceQuality.Spaced; text = "LOYER " + Noise.MissingSlash(t.Reference) + " " + MonthName; break;
            case "dropped-zero": quality = ReferenceQuality.Spaced; text = "LOYER " + tenant[1..]; break;
            case "tenant-ref-typo":
                quality = ReferenceQuality.Typo;
                var typo = Noise.Typo(t.Reference, r);
                another = _tenantKeys.Contains(Noise.Key(typo));
                text = words + " " + typo;
                break;
            case "notice-ref": quality = ReferenceQuality.Clean; text = "AVIS " + string.Join(" ", meant.Select(n => n.Reference.Value)); break;
            default: text = r.Pick<string>(["LOYER", "VIREMENT", words, "LOYER " + Noise.Bankish(t.Surname)]); break;
        }
        if (regularisation != null) text = "REGUL IMPAYE " + (mode == "no-reference" ? "" : text);
        noise.Add(mode);
        // What the tenant meant is what the ledger is told: the named notices first (RF, notice references), then oldest first.
        var named = rfValid ? [meant[^1]] : mode == "notice-ref" ? meant : new List<GenNotice>();
        var evidence = new Evidence(rfValid, quality, _book.AmountConfirms(tenant, named, cents), NameConfirms(t, own && name != null),
            iban == t.Iban && t.IbanKnown, false, another, false);
        var allocations = _book.Pay(tenant, named, cents);
        Add(new BankEntry
        {
            BankReference = NextRef(date), Date = date, ValueDate = date, Cents = cents, Kind = EntryKinds.RentPayment, What = "transfer",
            Channel = RentGenerator.Channel.Transfer, CfonbCode = "05", Btc = "PMNT/RCDT/ESCT", SwiftType = "NTRF",
            Label = Fit("VIR SEPA " + (name ?? "RECU"), 31), Texts = [text.Trim()], Name = name, Iban = iban, CreditorReference = structured,
            Noise = noise, Allocations = allocations, Evidence = evidence, TrueTenant = tenant,
        });
        if (amountNoise == "overpayment" && r.PerMille(300)) Refund(t, r, date);
    }

    /// <summary>The landlord pays back an overpayment by transfer, a few days later.</summary>
    private void Refund(GenTenant t, Seeded r, LocalDate after)
    {
        var credit = _book.Credit(t.Reference.Value);
        if (credit <= 0) return;
        var date = BankDays.Clamp(_period, BankDays.Plus(after, r.Next(3, 8)));
        if (date <= after) return;
        Add(new BankEntry
        {
            BankReference = NextRef(date), Date = date, ValueDate = date, Cents = -credit, Kind = EntryKinds.Refund, What = "refund",
            CfonbCode = "06", Btc = "PMNT/ICDT/ESCT", SwiftType = "NTRF", Label = "VIR SEPA EMIS",
            Texts = ["REMBOURSEMENT TROP PERCU " + t.Reference.Value], Name = Noise.Bankish(t.Name), Iban = t.Iban,
            Allocations = _book.Refund(t.Reference.Value, credit), TrueTenant = t.Reference.Value, Noise = ["refund-of-credit"],
        });
    }

    private static string E2E(string prefix, GenNotice n) => prefix + n.Reference.Value.Replace("-", "", StringComparison.Ordinal).Replace("/", "", StringComparison.Ordinal);

    /// <summary>Collects this month's notice; returns the day the debit came back unpaid, or the collection day (arrears), or null.</summary>
    private LocalDate? DirectDebit(GenTenant t, Seeded r)
    {
        var current = Current(t);
        var cents = _book.Remaining(current);
        var date = BankDays.Day(_period, 5);
        if (cents <= 0) return date;
        var allocations = _book.Pay(t.Reference.Value, [current], cents);
        var tx = Debit(t, current, cents, "E2E", allocations, Channel.DirectDebit);
        _sdd.Add((date, tx));
        if (!r.PerMille(30)) return date;
        var code = r.Weighted<string>([("AM04", 500), ("AC04", 100), ("MD01", 80), ("MS02", 120), ("AC06", 50), ("MD06", 100), ("MS03", 50)]);
        var back = BankDays.Clamp(_period, BankDays.Plus(date, r.Next(2, 7)));
        Add(new BankEntry
        {
            BankReference = NextRef(back), Date = back, ValueDate = back, Cents = -cents, Kind = EntryKinds.Return, What = "sdd-return",
            Channel = RentGenerator.Channel.DirectDebit, CfonbCode = "B3", Btc = "PMNT/IDDT/UPDD", SwiftType = "NRTI", Reversal = true,
            Label = "PRLV SEPA IMPAYE", Texts = ["RETOUR PRLV MOTIF " + code, "AVIS " + current.Reference.Value], Name = tx.Name, Iban = t.Iban,
            IbanInCfonb = true, EndToEndId = tx.EndToEndId, MandateReference = t.MandateReference, ReturnReason = code,
            Noise = ["return-" + code], Allocations = _book.Reverse(allocations), TrueTenant = t.Reference.Value,
            Evidence = Evidence.None with { TracedById = true },
        });
        Add(Fee(back, 8_50, "FRAIS IMPAYE PRLV", "COMMISSION IMPAYE PRELEVEMENT " + tx.EndToEndId));
        return back;
    }

    private void Tip(GenTenant t, Seeded r)
    {
        var current = Current(t);
        var cents = _book.OpenTotal(t.Reference.Value);
        var date = BankDays.Day(_period, r.Next(10, 15));
        var allocations = _book.Pay(t.Reference.Value, [current], cents);
        _tip.Add((date, Debit(t, current, cents, "TIP", allocations, Channel.TipSepa)));
    }

    /// <summary>A collected debit as the bank reports it back: end-to-end id and RF set by the landlord, the mandate, the debtor.</summary>
    private BankTx Debit(GenTenant t, GenNotice n, long cents, string prefix, List<TruthAllocation> allocations, Channel channel) => new()
    {
        Reference = E2E(prefix, n), Cents = cents, Name = Noise.Bankish(t.Name), Iban = t.Iban, EndToEndId = E2E(prefix, n),
        CreditorReference = n.Rf.Value, MandateReference = t.MandateReference,
        Texts = [string.Create(CultureInfo.InvariantCulture, $"LOYER {n.Period.Month:D2}/{n.Period.Year} AVIS {n.Reference.Value}")],
        Kind = EntryKinds.RentPayment, Channel = channel, Allocations = allocations, TrueTenant = t.Reference.Value,
        Evidence = new Evidence(true, ReferenceQuality.Clean, true, true, true, true, false, true),
    };

    private BankEntry Fee(NodaTime.LocalDate date, long cents, string label, string text) => new()
    {
        BankReference = NextRef(date), Date = date, ValueDate = date, Cents = -cents, Kind = EntryKinds.NotRent, What = "bank-fee",
        CfonbCode = "62", Btc = "ACMT/MDOP/CHRG", SwiftType = "NCHG", Label = label, Texts = [text], Noise = ["bank-fee"],
    };
}
