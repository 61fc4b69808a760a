using System.Text.Json;
using Primitives;
using Reconciliation.Service.Tests.Support;

namespace Reconciliation.Service.Tests.Fault;

public sealed class LedgerOutageStack : ReconStack
{
    protected override int Tenants => 300;
    protected override bool ImportMonthAtStart => false;
}

/// <summary>
/// Issue 11 §1, "ledger outages while statement imports run": the ledger stops once the first postings of a month's import
/// are through. Nothing is lost: the import completes, says what waits, the accountant's page shows it, and once the ledger
/// is back the queue drains by itself, each payment recorded once with the amount queued.
/// </summary>
[Trait("Category", "Fault")]
public sealed class LedgerOutageDuringPostingTests(LedgerOutageStack stack) : IClassFixture<LedgerOutageStack>
{
    [Fact]
    public async Task Import_LedgerStoppedWhilePosting_PendingShownThenEveryPaymentPostedOnceWhenItIsBack()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromMinutes(4));
        using var http = stack.ImportClient();
        var files = stack.ImportFiles.Select(f => Path.Combine(stack.MonthDir, f)).ToArray();
        var import = Task.Run(() => ReconStack.RunRecon(["import", .. files, "--service", stack.ReconUrl.ToString(), "--api-key", stack.ImportKey, "--json"]));
        long postedWhenStopped;
        while ((postedWhenStopped = (await ReconStack.StatusAsync(http)).GetProperty("posted").GetInt64()) < 10)
        {
            import.IsCompleted.ShouldBeFalse("the import finished before the ledger could be stopped during its posting");
            await Task.Delay(10, bound.Token);
        }
        await stack.StopLedgerAsync();

        var (code, stdout, stderr) = await import.WaitAsync(bound.Token);
        var down = await ReconStack.StatusAsync(http);
        code.ShouldBe(0, stderr);
        var summary = JsonDocument.Parse(stdout).RootElement;
        summary.GetProperty("pending").GetInt32().ShouldBeGreaterThan(0, stdout);
        down.GetProperty("pending").GetInt64().ShouldBeGreaterThan(0);
        var browser = await stack.LoginAsync("compta", ReconStack.AccountantPassword);
        var page = await browser.GetStringAsync($"imports/{summary.GetProperty("id").GetInt64()}");
        page.ShouldContain("en attente d'envoi");

        await stack.StartLedgerAgainAsync();
        JsonElement after;
        while ((after = await ReconStack.StatusAsync(http)).GetProperty("pending").GetInt64() > 0) await Task.Delay(200, bound.Token);

        after.GetProperty("failed").GetInt64().ShouldBe(0);
        var entries = await stack.ImportEntriesAsync(summary.GetProperty("id").GetInt64());
        var payments = entries.SelectMany(e => e.GetProperty("postings").EnumerateArray()).Where(p => p.GetProperty("kind").GetString() == "payment").ToList();
        payments.Count.ShouldBeGreaterThan((int)postedWhenStopped);
        payments.Select(p => p.GetProperty("paymentId").GetString()).Distinct().Count().ShouldBe(payments.Count);
        payments.ShouldAllBe(p => p.GetProperty("status").GetString() == "Done" || p.GetProperty("status").GetString() == "Present");
        foreach (var p in payments)
        {
            var id = p.GetProperty("paymentId").GetString()!;
            var recorded = await stack.LedgerGetAsync($"payments/{Uri.EscapeDataString(id)}");
            Money.TryParseCents(recorded.GetProperty("amount").GetString(), out var cents).ShouldBeTrue(id);
            cents.ShouldBe(p.GetProperty("amount").GetInt64(), id);
        }
    }
}
