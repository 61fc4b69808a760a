using System.Globalization;
using Primitives;
using NodaTime;
using Reconciliation.Statements;

namespace Reconciliation.Bench;

/// <summary>
/// One bank credit per entry with realistic noise, and the truth (which tenants it really pays) to score the engine:
/// RF references (with/without spaces), tenant references with typos and OCR confusions, missing references, name-only
/// payers (homonyms), known IBANs, partial payments and grouped payments (one transfer for two tenants).
/// </summary>
internal static class Payments
{
    public static (List<StatementEntry> Entries, Dictionary<string, HashSet<string>> Truth, Dictionary<string, int> Kinds) Generate(Landlord l, int count, Random r)
    {
        var entries = new List<StatementEntry>(count);
        var truth = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var kinds = new Dictionary<string, int>(StringComparer.Ordinal);
        var n = l.Notices.Count;
        for (var k = 0; k < count; k++)
        {
            var i = k % n;
            var notice = l.Notices[i];
            var tenant = l.Tenants[i];
            var amount = notice.AmountDue.Cents;
            var payers = new HashSet<string>(StringComparer.Ordinal) { tenant.Reference.Value };
            string? name = tenant.Name, iban = l.IbanOf[tenant.Reference.Value], creditorRef = null;
            var text = "VIR SEPA";
            var roll = r.Next(1000);
            string kind;
            if (roll < 300) { kind = "rf-structured"; creditorRef = notice.Rf!.Value; }
            else if (roll < 380) { kind = "rf-in-text"; text = "LOYER " + notice.Rf!.ToPrintedForm(); }
            else if (roll < 530) { kind = "tenant-ref"; text = "LOYER " + tenant.Reference.Value; }
            else if (roll < 580) { kind = "tenant-ref-ocr"; text = "LOYER " + Ocr(tenant.Reference.Value, r); }
            else if (roll < 610)
            {
                // A typed digit wrong: the reference may belong to another tenant. The real payer's IBAN may be known.
                kind = "tenant-ref-typo";
                text = "LOYER " + Typo(tenant.Reference.Value, r);
            }
            else if (roll < 640) { kind = "notice-ref"; text = "AVIS " + notice.Notice.Value; }
            else if (roll < 780) { kind = "no-ref-iban"; }
            else if (roll < 880) { kind = "name-only"; iban = OtherIban(r); }
            else if (roll < 930)
            {
                kind = "partial";
                amount = amount / 2;
                creditorRef = r.Next(2) == 0 ? notice.Rf!.Value : null;
                if (creditorRef == null) text = "ACOMPTE " + tenant.Reference.Value;
            }
            else if (roll < 960)
            {
                // Grouped: a household or a social service pays two tenants in one transfer.
                kind = "grouped";
                var j = (i + 1 + r.Next(n - 1)) % n;
                var other = l.Tenants[j];
                payers.Add(other.Reference.Value);
                amount = checked(amount + l.Notices[j].AmountDue.Cents);
                text = "LOYERS " + tenant.Reference.Value + " " + other.Reference.Value;
                name = "CCAS DE LA VILLE";
                iban = OtherIban(r);
            }
            else { kind = "nothing"; text = "VIREMENT"; name = "M OU MME"; iban = OtherIban(r); }
            kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
            var id = "B" + k.ToString("D7", CultureInfo.InvariantCulture);
            var date = new LocalDate(2026, 11, 1).PlusDays(r.Next(20));
            entries.Add(new StatementEntry(id, date, date, Money.Eur(amount), id, "05", name, iban, null, creditorRef, [text], null, false, null, []));
            truth[id] = payers;
        }
        return (entries, truth, kinds);
    }

    private static string Ocr(string reference, Random r) => r.Next(3) switch
    {
        0 => reference.Replace("/", "", StringComparison.Ordinal),
        1 => reference.Replace('1', 'I').Replace('0', 'O'),
        _ => reference.Replace("/", " / ", StringComparison.Ordinal),
    };

    private static string Typo(string reference, Random r)
    {
        var chars = reference.ToCharArray();
        var p = r.Next(6);
        chars[p] = (char)('0' + ((chars[p] - '0' + 1 + r.Next(9)) % 10));
        return new string(chars);
    }

    private static string OtherIban(Random r) => "DE" + r.Next(10, 99).ToString(CultureInfo.InvariantCulture) + r.NextInt64(100_000_000_000_000_000, 999_999_999_999_999_999).ToString(CultureInfo.InvariantCulture);
}
