using Tests.Shared;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Ledger.Api.Documents.Pdf;
using Ledger.Tests.Api;
using Microsoft.Extensions.DependencyInjection;

namespace Ledger.Tests.Documents;

public sealed class NoticePdfFixture : LedgerHostFixture;

/// <summary>The avis d'échéance over HTTP on the demo landlord: content read back with PdfPig, bytes stable, batches reproducible.</summary>
[Trait("Category", "Integration")]
public sealed class NoticePdfApiTests(NoticePdfFixture host) : IClassFixture<NoticePdfFixture>
{
    private static string Text(byte[] pdf) => PdfText.Of(pdf);

    [Fact]
    public async Task GetNoticePdf_DemoNotice_ShowsTheLedgerAmountsAndReferencesAndIsByteStable()
    {
        var notice = await host.Ops.GetFromJsonAsync<JsonElement>("notices?noticeReference=2026-11/000001");
        var account = await host.Ops.GetFromJsonAsync<JsonElement>("accounts?tenantReference=" + notice.GetProperty("tenantReference").GetString());

        var first = await host.Ops.GetAsync("notices/pdf?noticeReference=2026-11/000001");
        var bytes = await first.Content.ReadAsByteArrayAsync();
        var again = await host.Ops.GetByteArrayAsync("notices/pdf?noticeReference=2026-11/000001");

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        first.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        again.ShouldBe(bytes);
        var text = Text(bytes);
        text.ShouldContain("Référence : " + FrenchText.GroupsOfFour(notice.GetProperty("rfReference").GetString()!));
        text.ShouldContain("Avis n° 2026-11/000001");
        text.ShouldContain("Référence locataire : " + notice.GetProperty("tenantReference").GetString());
        // The net to pay is what the account owes: the October notice still open plus this one.
        Primitives.Money.TryParseCents(account.GetProperty("balance").GetString(), out var balance).ShouldBeTrue();
        text.ShouldContain("Net à payer : " + FrenchText.Euros(balance).Replace('\u00a0', ' '));
        text.ShouldContain("RUM) : à compléter");
    }

    [Fact]
    public async Task GetNoticePdf_TenantWithActiveMandate_PrintsTheDirectDebitMentionWithTheDebitDateInFrench()
    {
        // Tenant 100002/01 (demo notice 2026-11/000002) signs a mandate before the due date; 100003/01 has none.
        var signed = await host.Ops.PostAsJsonAsync("mandates", new
        {
            rum = "RUM-DEMO-100002", tenantReference = "100002/01", debtorName = "Lea Bernard", iban = "FR7630006000011234567890189",
            address = new { street = "Rue des Lilas", buildingNumber = "12", postCode = "69003", townName = "Lyon", country = "FR" },
            signedOn = "2026-10-01", sequence = "Recurrent",
        });
        signed.StatusCode.ShouldBe(HttpStatusCode.Created, await signed.Content.ReadAsStringAsync());
        var notice = await host.Ops.GetFromJsonAsync<JsonElement>("notices?noticeReference=2026-11/000002");
        Primitives.Money.TryParseCents(notice.GetProperty("amountDue").GetString(), out var due).ShouldBeTrue();

        var mandated = Text(await host.Ops.GetByteArrayAsync("notices/pdf?noticeReference=2026-11/000002"));
        var other = Text(await host.Ops.GetByteArrayAsync("notices/pdf?noticeReference=2026-11/000003"));

        notice.GetProperty("dueDate").GetString().ShouldBe("2026-11-05");
        mandated.ShouldContain($"Prélèvement automatique : vous serez prélevé de {FrenchText.Euros(due).Replace('\u00a0', ' ')} le 5 novembre 2026");
        mandated.ShouldContain("mandat RUM-DEMO-100002");
        mandated.ShouldContain("RUM) : RUM-DEMO-100002");
        other.ShouldNotContain("Prélèvement automatique");
        other.ShouldContain("RUM) : à compléter");
    }

    [Fact]
    public async Task GetNoticePdf_UnknownNotice_404NamingNoticeReference()
    {
        var response = await host.Ops.GetAsync("notices/pdf?noticeReference=2026-11/999999");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString().ShouldBe("noticeReference");
    }

    private async Task<JsonElement> RunBatchAsync()
    {
        var start = await host.Ops.PostAsJsonAsync("notices/pdf-batches", new { period = "2026-11" });
        start.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var id = (await start.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("batchId").GetString();
        for (var i = 0; i < 600; i++)
        {
            var b = await host.Ops.GetFromJsonAsync<JsonElement>($"notices/pdf-batches/{id}");
            if (b.GetProperty("status").GetString() != "Running") return b;
            await Task.Delay(100);
        }
        throw new TimeoutException("batch still running");
    }

    [Fact]
    public async Task PdfBatch_SamePeriodTwice_DoneWithTheSameDigestAndZipBytes()
    {
        var a = await RunBatchAsync();
        var b = await RunBatchAsync();

        a.GetProperty("status").GetString().ShouldBe("Done");
        a.GetProperty("done").GetInt32().ShouldBe(a.GetProperty("total").GetInt32());
        a.GetProperty("total").GetInt32().ShouldBeGreaterThan(0);
        b.GetProperty("digest").GetString().ShouldBe(a.GetProperty("digest").GetString());
        b.GetProperty("batchId").GetString().ShouldNotBe(a.GetProperty("batchId").GetString());
        var zipA = await host.Ops.GetByteArrayAsync($"notices/pdf-batches/{a.GetProperty("batchId").GetString()}/zip");
        var zipB = await host.Ops.GetByteArrayAsync($"notices/pdf-batches/{b.GetProperty("batchId").GetString()}/zip");
        zipB.ShouldBe(zipA);
    }

    [Fact]
    public async Task PdfBatch_InterruptedByARestart_ProducedAgainAtStartWithTheSameBytes()
    {
        // Regression: a batch the ledger was producing when it stopped stayed Running for ever (its queue lived in memory).
        var reference = await RunBatchAsync();
        var store = host.Services.GetRequiredService<Marten.IDocumentStore>();
        await using (var session = store.LightweightSession(LedgerHostFixture.Landlord))
        {
            session.Store(new Ledger.Api.Documents.Notices.NoticePdfBatch
            {
                Id = "2026-11.90", Period = "2026-11", Status = "Running", Total = reference.GetProperty("total").GetInt32(), Done = 3,
            });
            await session.SaveChangesAsync();
        }
        // A ledger starting again: a new worker over the same store and database.
        var worker = new Ledger.Api.Documents.Notices.NoticePdfBatchWorker(store,
            host.Services.GetRequiredService<Ledger.Api.Documents.Notices.IDirectDebitMandates>(), NodaTime.SystemClock.Instance,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<Ledger.Api.Documents.Notices.NoticePdfBatchWorker>.Instance);
        await worker.StartAsync(CancellationToken.None);
        try
        {
            JsonElement resumed = default;
            for (var i = 0; i < 600; i++)
            {
                resumed = await host.Ops.GetFromJsonAsync<JsonElement>("notices/pdf-batches/2026-11.90");
                if (resumed.GetProperty("status").GetString() != "Running") break;
                await Task.Delay(100);
            }

            resumed.GetProperty("status").GetString().ShouldBe("Done");
            resumed.GetProperty("done").GetInt32().ShouldBe(reference.GetProperty("total").GetInt32());
            resumed.GetProperty("digest").GetString().ShouldBe(reference.GetProperty("digest").GetString());
            (await host.Ops.GetByteArrayAsync("notices/pdf-batches/2026-11.90/zip"))
                .ShouldBe(await host.Ops.GetByteArrayAsync($"notices/pdf-batches/{reference.GetProperty("batchId").GetString()}/zip"));
        }
        finally
        {
            await worker.StopAsync(CancellationToken.None);
        }
    }
}
