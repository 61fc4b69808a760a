using System.Text;
using System.Text.Json;
using Primitives;
using RentGenerator.Writers;

namespace RentGenerator;

/// <summary>
/// Writes the generated landlord to a folder: <c>rent-roll.csv</c> and <c>truth.jsonl</c> at the top, and one folder per
/// month (<c>2026-11/</c>) with the bank statements in three formats, the detail files, the card webhooks and the open items.
/// </summary>
public static class Output
{
    public const string RentRoll = "rent-roll.csv";
    public const string TruthFile = "truth.jsonl";
    public const string Cfonb = "statement.cfonb120.txt";
    public const string Camt053 = "statement.camt053.xml";
    public const string Mt940 = "statement.mt940.txt";
    public const string SddDetails = "sdd-batches.camt054.xml";
    public const string ChequeSlips = "cheque-slips.csv";
    public const string Eficash = "eficash.csv";
    public const string Adyen = "adyen-settlement.csv";
    public const string Webhooks = "card-webhooks.jsonl";
    public const string OpenItems = "open-items.csv";

    /// <summary>The files of one month, in the order a consumer imports them (statements first, then their detail files).</summary>
    public static readonly string[] MonthFiles = [Cfonb, Camt053, Mt940, SddDetails, ChequeSlips, Eficash, Adyen, Webhooks, OpenItems];

    private static readonly UTF8Encoding Utf8 = new(false);

    public static IReadOnlyList<string> WriteAll(Generated g, string folder)
    {
        ArgumentNullException.ThrowIfNull(g);
        Directory.CreateDirectory(folder);
        var files = new List<string> { RentRoll };
        Text(Path.Combine(folder, RentRoll), w => CsvFiles.RentRoll(w, g.Landlord));
        for (var i = 0; i < g.Months.Count; i++)
        {
            var m = g.Months[i];
            var broken = g.Options.BreakBalance && i == g.Months.Count - 1;
            var dir = Path.Combine(folder, Generator.MonthFolder(m.Period));
            Directory.CreateDirectory(dir);
            Text(Path.Combine(dir, Cfonb), w => CfonbFile.Write(w, m.Statements, broken));
            Text(Path.Combine(dir, Camt053), w => CamtFile.WriteStatements(w, g.Landlord.Iban, m.Statements, broken));
            Text(Path.Combine(dir, Mt940), w => Mt940File.Write(w, g.Landlord.Iban, m.Statements, broken));
            Text(Path.Combine(dir, SddDetails), w => CamtFile.WriteBatchDetails(w, g.Landlord.Iban,
                m.Entries.Where(e => e.DetailFile == SddDetails).ToList()));
            Text(Path.Combine(dir, ChequeSlips), w => CsvFiles.ChequeSlips(w, m.ChequeDeposits));
            Text(Path.Combine(dir, Eficash), w => CsvFiles.Eficash(w, m.Eficash));
            Text(Path.Combine(dir, Adyen), w => CsvFiles.Adyen(w, m.Adyen));
            Text(Path.Combine(dir, Webhooks), w => WebhookLines(w, g, m));
            Text(Path.Combine(dir, OpenItems), w => CsvFiles.OpenItems(w, g.Landlord, m));
            files.AddRange(MonthFiles.Select(f => Generator.MonthFolder(m.Period) + "/" + f));
        }
        files.Add(TruthFile);
        using (var s = File.Create(Path.Combine(folder, TruthFile))) Truth.Write(s, g, files);
        return files;
    }

    /// <summary>The ledger's <c>POST /landlords/{id}/payments</c> bodies the webhook path sent, one per line (lost ones absent).</summary>
    public static void WebhookLines(TextWriter w, Generated g, GeneratedMonth m)
    {
        foreach (var p in m.Webhooks)
        {
            var body = new
            {
                paymentId = p.PaymentId,
                tenantReference = p.TenantReference,
                channel = "Card",
                amount = Money.FormatCents(p.Cents),
                currency = "EUR",
                receivedOn = CsvFiles.Date(p.ReceivedOn),
                noticeReference = p.NoticeReference,
                externalReferences = new SortedDictionary<string, string>(StringComparer.Ordinal)
                {
                    ["merchantReference"] = p.MerchantReference,
                    ["pspReference"] = p.PspReference,
                },
            };
            w.Write(JsonSerializer.Serialize(body));
            w.Write('\n');
        }
    }

    private static void Text(string path, Action<TextWriter> write)
    {
        using var w = new StreamWriter(path, false, Utf8, 1 << 16);
        write(w);
    }
}
