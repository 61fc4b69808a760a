using System.Net;
using System.Text.Json;
using Payments.Tests.Support;

namespace Payments.Tests.Races;

/// <summary>
/// Fifty tenants' browsers (each its own cookies and antiforgery token) press "Payer par carte" on the same notice at the same
/// moment. The per-IP and per-tenant limits of the test host are raised to 10,000 a minute (<see cref="PaymentsStack"/>),
/// so all fifty reach the handler: the subject is the unique partial index on open attempts and the Idempotency-Key, not the
/// limiter. Exactly one attempt and one PSP session must exist, every click goes to that session, and paying it books one
/// payment.
/// </summary>
[Trait("Category", "Fault")]
public sealed class CheckoutRaceTests(PaymentsStack stack) : IClassFixture<PaymentsStack>
{
    private const int Clicks = 50;
    private const string Tenant = "100010/01";
    private const string Notice = "2026-11/000010";

    [Fact(Timeout = 60_000)]
    public async Task StartCheckout_FiftyConcurrentClicksOnOneNotice_OneAttemptOneSessionOnePayment()
    {
        var clients = Enumerable.Range(0, Clicks).Select(_ => new TenantClient(stack)).ToList();
        try
        {
            // Tokens first, so that the fifty posts leave together and meet in the handler.
            var tokens = await Task.WhenAll(clients.Select(c => c.TokenAsync()));
            using var gate = new SemaphoreSlim(0, Clicks);
            var posts = clients.Select(async (c, i) =>
            {
                await gate.WaitAsync();
                return await c.Http.PostAsync("/paiement/carte", new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["tenantReference"] = Tenant, ["noticeReference"] = Notice, ["__RequestVerificationToken"] = tokens[i],
                }));
            }).ToList();
            gate.Release(Clicks);
            var responses = await Task.WhenAll(posts);

            foreach (var r in responses)
            {
                r.StatusCode.ShouldBe(HttpStatusCode.SeeOther, await r.Content.ReadAsStringAsync());
            }
            var locations = responses.Select(r => r.Headers.Location!.ToString()).Distinct().ToList();
            locations.Count.ShouldBe(1, "every click must go to the one session: " + string.Join(", ", locations));
            new Uri(locations[0]).Authority.ShouldBe(stack.SimulatorUrl.Authority);
            foreach (var r in responses) r.Dispose();

            (await stack.CountAsync($"select count(*) from payment_attempts where notice_reference = '{Notice}'")).ShouldBe(1);
            (await stack.CountAsync($"select count(*) from payment_attempts where notice_reference = '{Notice}' and status = 'Redirected'")).ShouldBe(1);
            await using var select = stack.PaymentsDb.CreateCommand($"select attempt_id from payment_attempts where notice_reference = '{Notice}'");
            var attempt = (string)(await select.ExecuteScalarAsync())!;
            var sessions = (await TenantClient.SimulatorSessionsAsync(stack)).GetProperty("sessions").EnumerateArray()
                .Where(s => s.GetProperty("reference").GetString() == attempt).ToList();
            sessions.Count.ShouldBe(1);

            // Pay the one session: the ledger books the notice once, with no credit left over as a second payment would.
            using var sim = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = stack.SimulatorUrl };
            using var paid = await sim.PostAsync(new Uri(locations[0]).AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["cardNumber"] = "4111111111111111", ["expiry"] = "03/30", ["cvc"] = "737", ["holder"] = "Test",
            }));
            paid.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
            (await stack.OneOutboxRowAsync($"kind = 'RecordPayment' and status = 'Sent' and body like '%{Notice}%'")).ShouldBeTrue();
            (await stack.CountAsync($"select count(*) from ledger_outbox where kind = 'RecordPayment' and body like '%{Notice}%'")).ShouldBe(1);
            var account = await stack.AccountAsync(Tenant);
            account.GetProperty("openNotices").EnumerateArray().Select(n => n.GetProperty("noticeReference").GetString()).ShouldNotContain(Notice);
            account.GetProperty("credit").GetString().ShouldBe("0.00");

            // A click after the payment leads to its confirmation, never to a second session.
            using var late = await clients[0].StartCheckoutAsync(Tenant, Notice);
            late.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
            late.Headers.Location!.ToString().ShouldStartWith("/paiement/retour?ref=" + attempt);
            (await TenantClient.SimulatorSessionsAsync(stack)).GetProperty("sessions").EnumerateArray()
                .Count(s => s.GetProperty("reference").GetString() == attempt).ShouldBe(1);
        }
        finally
        {
            foreach (var c in clients) c.Dispose();
        }
    }
}
