using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using NodaTime;
using Payments.Api.Features.Webhooks;
using Primitives;
using Reconciliation.Statements;
using Reconciliation.Statements.Writers;
using Reconciliation.Service.Tests.Support;
using Xunit.Abstractions;

namespace Reconciliation.Service.Tests.Races;

/// <summary>
/// The same card money through both paths at once: a settlement report and the bank's payout line imported into
/// reconciliation (whose engine matches the card line automatically, the merchant reference naming the notice), while the
/// Adyen webhook for the same pspReference reaches the ledger as the payments host's outbox sends it: the command made by
/// the host's real <see cref="WebhookToLedger.Decide"/>, and on a 409 the host's real rule <see cref="WebhookToLedger.BookedAlready"/>
/// (OutboxDispatcher marks the row sent when it holds). The payments host's own inbox and database are not in this test.
/// The webhook leaves 0 to 420 ms after the import starts, so that each path wins some rounds. Whichever wins, the
/// ledger records the payment once, the tenant owes nothing and holds no credit, and neither side is left with a failed
/// posting or a dead letter.
/// </summary>
[Trait("Category", "Fault")]
[Collection("recon-races")]
public sealed class CardWebhookAndStatementRaceTests(RaceStack stack, ITestOutputHelper output)
{
    private const int Rounds = 8;
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Fact(Timeout = 120_000)]
    public async Task CardPayment_StatementMatchAndWebhookAtOnce_LedgerRecordsItOnce()
    {
        using var ledger = new HttpClient { BaseAddress = stack.LedgerUrl, Timeout = TimeSpan.FromSeconds(30) };
        ledger.DefaultRequestHeaders.Add("X-Api-Key", stack.OpsKey);
        using var import = stack.ImportClient();
        int webhookFirst = 0, statementFirst = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var cents = 250_00 + round * 101;
            var (tenant, notice) = await stack.OpenTenantAsync($"9992{round:D2}/01", Money.FormatCents(cents));
            var psp = $"99{round:D2}000000000777";
            var batch = (9100 + round).ToString(CultureInfo.InvariantCulture);

            var command = WebhookToLedger.Decide(
                new InboxItem(1, psp, null, notice, "AUTHORISATION", true, cents, "EUR", "2026-11-18T10:00:00+01:00", null),
                new AttemptRef(tenant, notice, "EUR", cents), ReconStack.Landlord, DateTimeOffset.UnixEpoch).Commands.Single();
            var delay = TimeSpan.FromMilliseconds(round * 60);
            var statement = Task.Run(() => ImportAsync(import, psp, notice, cents, batch));
            var webhook = Task.Run(async () =>
            {
                await Task.Delay(delay);
                using var request = new HttpRequestMessage(HttpMethod.Post, command.Path) { Content = new StringContent(command.Body, Encoding.UTF8, "application/json") };
                request.Headers.Add("Idempotency-Key", command.IdempotencyKey);
                using var response = await ledger.SendAsync(request);
                return response.StatusCode;
            });
            var (imported, sent) = (await statement, await webhook);

            imported.Status.ShouldBe(HttpStatusCode.OK, imported.Body);
            if (sent == HttpStatusCode.Conflict)
            {
                // The report's line was booked first: the outbox settles the row when the ledger holds this very money.
                var booked = await ledger.GetFromJsonAsync<Payments.Api.Ledger.LedgerPayment>($"landlords/{ReconStack.Landlord}/payments/{command.PaymentId}", Web);
                WebhookToLedger.BookedAlready(command.PaymentId, command.Body, booked).ShouldBeTrue();
                statementFirst++;
            }
            else
            {
                sent.ShouldBe(HttpStatusCode.Created);
                webhookFirst++;
            }
            var entry = await EntryOfAsync("PO" + batch);
            var postings = await stack.PostingsAsync(entry);
            postings.ShouldAllBe(p => p.Status == "Done" || p.Status == "Present", string.Join(", ", postings));
            postings.Where(p => p.Kind == "payment").ShouldHaveSingleItem().PaymentId.ShouldBe("card:" + psp);
            var payment = await stack.LedgerGetAsync($"payments/card:{psp}");
            payment.GetProperty("amount").GetString().ShouldBe(Money.FormatCents(cents));
            payment.GetProperty("tenantReference").GetString().ShouldBe(tenant);
            var account = await stack.LedgerGetAsync($"accounts?tenantReference={Uri.EscapeDataString(tenant)}");
            account.GetProperty("balance").GetString().ShouldBe("0.00");
            account.GetProperty("credit").GetString().ShouldBe("0.00", "a second booking of the same money would be credit");
        }
        output.WriteLine($"{Rounds} rounds: webhook first {webhookFirst}, statement first {statementFirst}");
    }

    private static async Task<(HttpStatusCode Status, string Body)> ImportAsync(HttpClient import, string psp, string notice, long cents, string batch)
    {
        var amount = Money.FormatCents(cents);
        // The columns of Adyen's settlement details report (the format detection reads the whole header).
        var report = "Company Account,Merchant Account,Psp Reference,Merchant Reference,Payment Method,Creation Date,TimeZone,Type,Modification Reference,"
                     + "Gross Currency,Gross Debit (GC),Gross Credit (GC),Exchange Rate,Net Currency,Net Debit (NC),Net Credit (NC),Commission (NC),Markup (NC),"
                     + "Scheme Fees (NC),Interchange (NC),Payment Method Variant,Modification Merchant Reference,Batch Number\n"
                     + $"Landlord,GenHabitat,{psp},{notice},visa,2026-11-19 02:00:00,CET,Settled,,EUR,,{amount},1,EUR,,{amount},,,,,visa,,{batch}\n"
                     + $"Landlord,GenHabitat,,,,2026-11-19 02:00:00,CET,MerchantPayout,payout {batch},EUR,,,,EUR,{amount},,,,,,,,{batch}\n";
        var on = new LocalDate(2026, 11, 20);
        var payout = new StatementEntry("", on, on, Money.Eur(cents), "PO" + batch, "PMNT-RCDT-ESCT", "ADYEN", null, null, null,
            [$"VIR ADYEN PAYOUT BATCH {batch}"], null, false, null, []);
        var bank = new StringWriter();
        Camt053Writer.Write(bank, [new Statement("FR7630006000011234567890189", "EUR", Money.Eur(0), Money.Eur(cents), on, on, [payout])]);
        using var form = new MultipartFormDataContent
        {
            { new StringContent(report, Encoding.UTF8), "files", $"settlement-{batch}.csv" },
            { new StringContent(bank.ToString(), Encoding.UTF8), "files", $"releve-{batch}.xml" },
        };
        using var response = await import.PostAsync("api/imports", form);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private async Task<string> EntryOfAsync(string bankReference)
    {
        await using var cmd = stack.Db.CreateCommand("select entry_id from entries where bank_reference = $1");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = bankReference });
        return (string)(await cmd.ExecuteScalarAsync()).ShouldNotBeNull($"no entry {bankReference}");
    }
}
