using System.Globalization;
using NodaTime;
using Primitives;

namespace RentGenerator.Writers;

/// <summary>
/// The CSV inputs: the ledger's rent roll (README "Rent-roll CSV"), the open items of <c>recon match</c>, the cheque deposit
/// slip and the Eficash remittance (reconciliation/README.md), and the Adyen settlement details report (columns of
/// ../shared/adyen-data/settlement-details-report.json). UTF-8, header row, RFC 4180 quotes.
/// </summary>
public static class CsvFiles
{
    public static void RentRoll(TextWriter w, GenLandlord landlord)
    {
        w.Write("tenant_reference,tenant_name,dwelling_reference,notice_reference,period,issued_on,due_date,rent,charges,sls,rls,other,currency\n");
        var tenants = landlord.Tenants.ToDictionary(t => t.Reference.Value, StringComparer.Ordinal);
        foreach (var n in landlord.Notices.OrderBy(n => n.Period).ThenBy(n => n.Reference.Value, StringComparer.Ordinal))
        {
            var t = tenants[n.Tenant.Value];
            Row(w, t.Reference.Value, t.Name, t.DwellingReference, n.Reference.Value, Period(n.Period), Date(n.IssuedOn), Date(n.DueDate),
                Money.FormatCents(n.RentCents), Money.FormatCents(n.ChargesCents), n.SlsCents == 0 ? "" : Money.FormatCents(n.SlsCents),
                n.RlsCents == 0 ? "" : Money.FormatCents(-n.RlsCents), "", "EUR");
        }
    }

    /// <summary>Every tenant (known IBANs included), with one row per open notice; a tenant with nothing open has one row without a notice.</summary>
    public static void OpenItems(TextWriter w, GenLandlord landlord, GeneratedMonth month)
    {
        w.Write("tenant_reference,tenant_name,notice_reference,rf_reference,period,due_date,amount_due,currency,known_ibans\n");
        var open = month.OpenAtStart.ToLookup(x => x.Notice.Tenant.Value, StringComparer.Ordinal);
        foreach (var t in landlord.Tenants)
        {
            var ibans = t.IbanKnown ? t.Iban : "";
            var rows = open[t.Reference.Value].ToList();
            if (rows.Count == 0) Row(w, t.Reference.Value, t.Name, "", "", "", "", "", "EUR", ibans);
            foreach (var (n, due) in rows)
            {
                Row(w, t.Reference.Value, t.Name, n.Reference.Value, n.Rf.Value, Period(n.Period), Date(n.DueDate), Money.FormatCents(due), "EUR", ibans);
            }
        }
    }

    public static void ChequeSlips(TextWriter w, IEnumerable<ChequeDeposit> deposits)
    {
        w.Write("deposit_number,deposit_date,cheque_number,drawer_name,amount,currency,tenant_reference\n");
        foreach (var d in deposits)
        {
            foreach (var c in d.Cheques) Row(w, d.Number, Date(d.Date), c.ChequeNumber, c.Drawer, Money.FormatCents(c.Cents), "EUR", c.WrittenReference ?? "");
        }
    }

    public static void Eficash(TextWriter w, IEnumerable<EficashRow> rows)
    {
        w.Write("remittance_date,barcode,tenant_reference,amount,currency,post_office\n");
        foreach (var e in rows.OrderBy(e => e.Date)) Row(w, Date(e.Date), e.Barcode ?? "", e.TypedReference ?? "", Money.FormatCents(e.Cents), "EUR", e.PostOffice);
    }

    public static readonly string[] AdyenColumns =
    [
        "Company Account", "Merchant Account", "Psp Reference", "Merchant Reference", "Payment Method", "Creation Date", "TimeZone", "Type",
        "Modification Reference", "Gross Currency", "Gross Debit (GC)", "Gross Credit (GC)", "Exchange Rate", "Net Currency", "Net Debit (NC)",
        "Net Credit (NC)", "Commission (NC)", "Markup (NC)", "Scheme Fees (NC)", "Interchange (NC)", "Payment Method Variant",
        "Modification Merchant Reference", "Batch Number",
    ];

    public static void Adyen(TextWriter w, IEnumerable<AdyenBatch> batches)
    {
        Row(w, AdyenColumns);
        foreach (var b in batches)
        {
            var batch = b.Number.ToString(CultureInfo.InvariantCulture);
            foreach (var r in b.Rows)
            {
                var created = r.Created.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
                var gross = r.Type is "Fee" ? "" : Money.FormatCents(r.Gross);
                Row(w, "GenHabitat", "GenHabitatRent", r.PspReference ?? "", r.MerchantReference ?? "", r.PaymentMethod ?? "", created, "CET", r.Type,
                    r.ModificationReference, "EUR", r.Credit ? "" : gross, r.Credit ? gross : "", r.Type is "Fee" ? "" : "1", "EUR",
                    r.Credit ? "" : Money.FormatCents(r.Net), r.Credit ? Money.FormatCents(r.Net) : "", "", Fee(r.Markup), Fee(r.Scheme), Fee(r.Interchange),
                    r.PaymentMethod ?? "", "", batch);
            }
            var closed = b.Closed.At(new LocalTime(2, 30)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
            Row(w, "GenHabitat", "GenHabitatRent", "", "", "", closed, "CET", "MerchantPayout", $"TX{batch}XT batch {batch}, GenHabitatRent", "EUR", "", "", "",
                "EUR", Money.FormatCents(b.Payout), "", "", "", "", "", "", "", batch);
        }
    }

    private static string Fee(long cents) => cents == 0 ? "" : Money.FormatCents(cents);

    public static string Date(LocalDate d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string Period(YearMonth p) => p.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    public static void Row(TextWriter w, params string[] cells)
    {
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0) w.Write(',');
            var c = cells[i];
            if (c.AsSpan().IndexOfAny(",\"\n\r") >= 0) w.Write("\"" + c.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"");
            else w.Write(c);
        }
        w.Write('\n');
    }
}
