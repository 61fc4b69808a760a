using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using Ledger.Tests.Api;
using NodaTime;
using RentGenerator;

namespace Ledger.Tests.Accounting;

/// <summary>
/// A generated landlord's year (RentGenerator, seed 11, 2025-01 to 2025-12, with December 2024 arrears so that an earlier
/// fiscal year exists) posted through the ledger's HTTP API: the rent roll, every rent payment of the truth (single
/// entries and batch transactions) and every return as a reversal of the payment that paid the notice.
/// </summary>
public sealed class GeneratedYearFixture : LedgerHostFixture, IAsyncLifetime
{
    public const string Siren = "443061841";
    public static readonly DateOnly YearStart = new(2025, 1, 1), YearEnd = new(2025, 12, 31);

    protected override bool SeedDemo => false;

    public List<string> PaymentIds { get; } = [];
    public HashSet<string> Tenants { get; } = new(StringComparer.Ordinal);
    public int Reversals { get; private set; }

    public new async Task InitializeAsync()
    {
        await base.InitializeAsync();
        (await Ops.PutAsJsonAsync($"/landlords/{Landlord}", new { name = "Gen Habitat", tenantReferencePattern = @"^\d{6}/\d{2}$", siren = Siren }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var generated = Generator.Generate(new GeneratorOptions(11, 60, new YearMonth(2025, 1), 12));
        var folder = Directory.CreateTempSubdirectory("fec-year-").FullName;
        try
        {
            Output.WriteAll(generated, folder);
            await ImportRentRollAsync(Path.Combine(folder, "rent-roll.csv"));
            await PostTruthAsync(TruthReader.Read(Path.Combine(folder, "truth.jsonl")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task ImportRentRollAsync(string path)
    {
        var rows = File.ReadAllLines(path);
        foreach (var chunk in rows.Skip(1).Chunk(50))
        {
            using var content = new StringContent(rows[0] + "\n" + string.Join("\n", chunk) + "\n", Encoding.UTF8, "text/csv");
            var response = await Ops.PostAsync("notices/import", content);
            response.IsSuccessStatusCode.ShouldBeTrue(await response.Content.ReadAsStringAsync());
            foreach (var row in chunk) Tenants.Add(row.Split(',')[0]);
        }
    }

    private async Task PostTruthAsync(TruthData truth)
    {
        // Which payment paid which notice, to reverse the right one when the truth returns it.
        var paidBy = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var items = truth.Entries.SelectMany(e => e.Transactions.Count > 0
            ? e.Transactions.Select(t => (Id: t.Reference, e.Date, t.Cents, t.Kind, t.Channel, t.Tenant, t.Allocations))
            : [(Id: e.BankReference, e.Date, e.Cents, e.Kind, e.Channel, e.Tenant, e.Allocations)]);
        foreach (var (id, date, cents, kind, channel, tenant, allocations) in items)
        {
            if (tenant is null || channel is null) continue;
            var amount = Amount(Math.Abs(cents));
            if (kind == "rent-payment")
            {
                var paymentId = "gen:" + new string(id.Select(c => char.IsAsciiLetterOrDigit(c) || c is ':' or '_' or '.' or '-' ? c : '-').ToArray());
                var body = new
                {
                    paymentId, tenantReference = tenant, channel, amount, currency = "EUR", receivedOn = date,
                    externalReferences = new Dictionary<string, string> { ["bankReference"] = id },
                };
                var response = await Ops.PostPaymentAsync(body, paymentId);
                if (response.StatusCode == HttpStatusCode.Conflict) continue; // the same reference twice in the truth: posted once
                response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
                PaymentIds.Add(paymentId);
                foreach (var a in allocations.Where(a => a.Notice is not null))
                    (paidBy.TryGetValue(a.Notice!, out var list) ? list : paidBy[a.Notice!] = []).Add(paymentId);
            }
            else if (kind == "return" && allocations.FirstOrDefault(a => a.Notice is not null) is { } returned
                     && paidBy.GetValueOrDefault(returned.Notice!)?.LastOrDefault() is { } original)
            {
                var reversalId = $"gen:{id}:return";
                var request = new HttpRequestMessage(HttpMethod.Post, $"payments/{original}/reversals")
                {
                    Content = JsonContent.Create(new
                    {
                        reversalId, amount, currency = "EUR", on = date, reasonCode = "AM04",
                        kind = channel switch { "Card" => "Chargeback", "Cheque" => "ChequeReturned", "Transfer" => "Refund", _ => "DirectDebitReturned" },
                    }),
                };
                request.Headers.Add("Idempotency-Key", reversalId);
                var response = await Ops.SendAsync(request);
                response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
                Reversals++;
            }
        }
    }

    public static string Amount(long cents) => Primitives.Money.FormatCents(cents);

    public async Task<(byte[] Bytes, string FileName, HttpResponseMessage Response)> ExportFecAsync(string fiscalYearEnd = "2025-12-31")
    {
        var response = await Ops.GetAsync($"exports/fec?fiscalYearEnd={fiscalYearEnd}");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        return (bytes, response.Content.Headers.ContentDisposition?.FileName?.Trim('"') ?? "", response);
    }
}
