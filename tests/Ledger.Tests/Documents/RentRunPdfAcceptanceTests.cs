using Tests.Shared;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit.Abstractions;

namespace Ledger.Tests.Documents;

/// <summary>
/// Acceptance "rent run" (issue 12): the generated landlord's 2,000 November notices as one PDF batch through the routes;
/// every PDF's text read back with PdfPig and checked against the ledger's own answers (GET notice, account, direct-debit
/// mention): each line, the month's total, the previous balance, the net to pay in French ("512,30 €"), the RF reference as
/// printed, the tenant and notice references, the due date in French. The batch produced again gives the same bytes.
/// The French formats are written out here, independently of the ledger's FrenchText, so a change there is caught.
/// </summary>
[Trait("Category", "Integration")]
[Collection(GeneratedLandlordCollection.Name)]
public sealed class RentRunPdfAcceptanceTests(GeneratedLandlordFixture host, ITestOutputHelper output)
{
    private static readonly string[] Months =
        ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"];

    private static readonly NumberFormatInfo French = new() { NumberGroupSeparator = " ", NumberDecimalSeparator = ",", NumberGroupSizes = [3], NegativeSign = "-" };

    private static string Amount(long cents) => (cents / 100m).ToString("#,0.00", French);

    private static string Euros(long cents) => Amount(cents) + " €";

    private static string Date(string iso)
    {
        var d = DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        return (d.Day == 1 ? "1er" : d.Day.ToString(CultureInfo.InvariantCulture)) + " " + Months[d.Month - 1] + " " + d.Year.ToString(CultureInfo.InvariantCulture);
    }

    private static string Printed(string rf) => string.Join(" ", rf.Chunk(4).Select(c => new string(c)));

    private static long Cents(JsonElement e, string property) =>
        Primitives.Money.TryParseCents(e.GetProperty(property).GetString(), out var cents) ? cents : throw new FormatException(property);

    private static string Text(byte[] pdf) => PdfText.Of(pdf);

    private async Task<(JsonElement Batch, double Seconds)> RunBatchAsync()
    {
        var clock = Stopwatch.StartNew();
        var start = await host.Ops.PostAsJsonAsync("notices/pdf-batches", new { period = "2026-11" });
        start.StatusCode.ShouldBe(HttpStatusCode.Accepted, await start.Content.ReadAsStringAsync());
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batchId").GetString();
        for (var i = 0; i < 3_000; i++)
        {
            var b = await host.Ops.GetFromJsonAsync<JsonElement>($"notices/pdf-batches/{id}");
            if (b.GetProperty("status").GetString() != "Running") return (b, clock.Elapsed.TotalSeconds);
            await Task.Delay(50);
        }
        throw new TimeoutException("batch still running after 150 s");
    }

    private static Dictionary<string, byte[]> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip), ZipArchiveMode.Read);
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = e.Open();
            using var m = new MemoryStream();
            s.CopyTo(m);
            return m.ToArray();
        }, StringComparer.Ordinal);
    }

    /// <summary>"00017-avis-2026-11-000017.pdf" → "2026-11/000017".</summary>
    private static string NoticeOf(string entry)
    {
        var name = entry[(entry.IndexOf("avis-", StringComparison.Ordinal) + 5)..^4];
        var cut = name.LastIndexOf('-');
        return name[..cut] + "/" + name[(cut + 1)..];
    }

    [Fact]
    public async Task RentRun_GeneratedLandlordOf2000Tenants_EveryPdfShowsTheLedgerAmountsAndReferencesAndTheBatchIsReproducible()
    {
        var (first, seconds) = await RunBatchAsync();
        first.GetProperty("status").GetString().ShouldBe("Done", first.ToString());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"rent run batch: {first.GetProperty("total").GetInt32()} notice PDFs in {seconds:F1} s (POST pdf-batches to Done, {Environment.ProcessorCount} cores)"));
        var zip = await host.Ops.GetByteArrayAsync($"notices/pdf-batches/{first.GetProperty("batchId").GetString()}/zip");
        var entries = Entries(zip);

        entries.Count.ShouldBe(GeneratedLandlordFixture.TenantCount);
        entries.Keys.Select(NoticeOf).Order(StringComparer.Ordinal).ShouldBe(host.MonthNotices);

        var failures = new ConcurrentBag<string>();
        int mentions = 0, credits = 0, previous = 0, sls = 0, rls = 0;
        await Parallel.ForEachAsync(entries, new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (entry, ct) =>
        {
            var reference = NoticeOf(entry.Key);
            var notice = await host.Ops.GetFromJsonAsync<JsonElement>("notices?noticeReference=" + reference, ct);
            var tenant = notice.GetProperty("tenantReference").GetString()!;
            var account = await host.Ops.GetFromJsonAsync<JsonElement>("accounts?tenantReference=" + tenant, ct);
            using var mention = await host.Ops.GetAsync("direct-debits/mention?noticeReference=" + reference, ct);
            var text = Text(entry.Value);

            var expected = new List<string>
            {
                "Avis n° " + reference, "Référence locataire : " + tenant, account.GetProperty("tenantName").GetString()!,
                "Date d'échéance : " + Date(notice.GetProperty("dueDate").GetString()!),
                "Référence : " + Printed(notice.GetProperty("rfReference").GetString()!),
                "Total du mois" + Euros(Cents(notice, "netDue")),
            };
            foreach (var line in notice.GetProperty("lines").EnumerateArray())
            {
                var cents = Cents(line, "amount");
                expected.Add(line.GetProperty("kind").GetString() switch
                {
                    "Rent" => "Loyer" + Amount(cents),
                    "Charges" => "Charges (provisions)" + Amount(cents),
                    "Sls" => "Supplément de loyer de solidarité (SLS)" + Amount(cents),
                    "Rls" => "Réduction de loyer de solidarité (RLS)" + Amount(cents),
                    _ => line.GetProperty("label").GetString() + Amount(-cents), // APL: the credit column, as a positive amount
                });
                switch (line.GetProperty("kind").GetString())
                {
                    case "Other" when cents < 0: Interlocked.Increment(ref credits); break;
                    case "Sls": Interlocked.Increment(ref sls); break;
                    case "Rls": Interlocked.Increment(ref rls); break;
                }
            }
            // The net to pay is what the account owes (nothing later than this month is issued); the previous balance the rest.
            var balance = Cents(account, "balance");
            var before = checked(balance - Cents(notice, "amountDue"));
            if (before != 0) Interlocked.Increment(ref previous);
            expected.Add("Solde antérieur" + Euros(before));
            expected.Add("Net à payer : " + Euros(balance));
            if (mention.StatusCode == HttpStatusCode.OK)
            {
                var m = await mention.Content.ReadFromJsonAsync<JsonElement>(ct);
                expected.Add($"vous serez prélevé de {Euros(Cents(m, "amount"))} le {Date(m.GetProperty("debitDate").GetString()!)}");
                expected.Add("RUM) : " + m.GetProperty("rum").GetString());
                Interlocked.Increment(ref mentions);
            }
            else
            {
                mention.StatusCode.ShouldBe(HttpStatusCode.NoContent);
                if (text.Contains("Prélèvement automatique", StringComparison.Ordinal)) failures.Add($"{reference}: a direct-debit mention without a mandate");
            }
            foreach (var e in expected.Where(e => !text.Contains(e, StringComparison.Ordinal))) failures.Add($"{reference}: missing \"{e}\"");
        });

        failures.ShouldBeEmpty(string.Join("\n", failures.Take(20)));
        mentions.ShouldBe(host.Mandates.Count);
        // The generated month has every kind of line the notice prints (APL in the credit column, SLS, RLS).
        credits.ShouldBeGreaterThan(0);
        sls.ShouldBeGreaterThan(0);
        rls.ShouldBeGreaterThan(0);
        previous.ShouldBe(host.InArrears.Count);

        var (again, secondsAgain) = await RunBatchAsync();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"rent run batch again: {secondsAgain:F1} s"));
        again.GetProperty("digest").GetString().ShouldBe(first.GetProperty("digest").GetString());
        var zipAgain = await host.Ops.GetByteArrayAsync($"notices/pdf-batches/{again.GetProperty("batchId").GetString()}/zip");
        zipAgain.ShouldBe(zip);
    }
}
