using System.Net;
using Primitives;
using Reconciliation.Service.Tests.Support;

namespace Reconciliation.Service.Tests.Races;

/// <summary>
/// Two accountants, each logged in with their own session, give the same bank entry at the same moment: in some rounds
/// to the same tenant, in others each to another tenant. One decision wins and is posted once; the other accountant gets
/// 409 and a French message saying a colleague decided first, and nothing of theirs is queued, posted or audited.
/// </summary>
[Trait("Category", "Fault")]
[Collection("recon-races")]
public sealed class ConcurrentAllocationTests(RaceStack stack)
{
    private const int Rounds = 6;

    [Fact(Timeout = 120_000)]
    public async Task Review_TwoAccountantsAllocateTheSameEntryAtOnce_OneWinsTheOtherGetsAConflict()
    {
        using var claire = await stack.LoginAsync("compta", ReconStack.AccountantPassword);
        using var paul = await stack.LoginAsync("approb", ReconStack.ApproverPassword);
        for (var round = 0; round < Rounds; round++)
        {
            const long cents = 180_00;
            var (first, firstNotice) = await stack.OpenTenantAsync($"9994{round:D2}/01", "180.00");
            var (second, secondNotice) = await stack.OpenTenantAsync($"9995{round:D2}/01", "180.00");
            var sameTenant = round % 2 == 0;
            var entry = await stack.AddEntryAsync($"test:race:alloc-{round}", cents);
            var tokens = new[] { await ReconStack.TokenAsync(claire, "review/entry?id=" + entry), await ReconStack.TokenAsync(paul, "review/entry?id=" + entry) };
            using var gate = new SemaphoreSlim(0, 2);
            var decide = new[] { (claire, first, firstNotice), (paul, sameTenant ? first : second, sameTenant ? firstNotice : secondNotice) }
                .Select(async (d, i) =>
                {
                    await gate.WaitAsync();
                    using var response = await d.Item1.PostAsync("review/assign", ReconStack.Form(tokens[i],
                        ("id", entry), ("tenant", d.Item2), ("notice", d.Item3), ("amount", "180.00")));
                    return (response.StatusCode, Message: RaceStack.StatusMessage(await response.Content.ReadAsStringAsync()), Tenant: d.Item2);
                }).ToList();
            gate.Release(2);
            var answers = await Task.WhenAll(decide);

            var won = answers.Where(a => a.StatusCode == HttpStatusCode.OK).ShouldHaveSingleItem(string.Join(" / ", answers));
            won.Message.ShouldBe("Répartition comptabilisée.");
            var lost = answers.Single(a => a.StatusCode != HttpStatusCode.OK);
            lost.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            lost.Message.ShouldNotBeNull().ShouldContain("Un autre comptable");

            var postings = await stack.PostingsAsync(entry);
            postings.ShouldHaveSingleItem().Status.ShouldBe("Done");
            var payment = await stack.LedgerGetAsync($"payments/{postings[0].PaymentId}");
            payment.GetProperty("tenantReference").GetString().ShouldBe(won.Tenant);
            payment.GetProperty("amount").GetString().ShouldBe(Money.FormatCents(cents));
            (await BalanceAsync(won.Tenant)).ShouldBe("0.00");
            if (!sameTenant) (await BalanceAsync(lost.Tenant)).ShouldBe("180.00");
            (await AuditCountAsync(entry)).ShouldBe(1);
        }
    }

    private async Task<string?> BalanceAsync(string tenant) =>
        (await stack.LedgerGetAsync($"accounts?tenantReference={Uri.EscapeDataString(tenant)}")).GetProperty("balance").GetString();

    private async Task<long> AuditCountAsync(string entry)
    {
        await using var cmd = stack.Db.CreateCommand("select count(*) from audit_log where action = 'affectation' and detail like '%' || $1 || '%'");
        cmd.Parameters.Add(new Npgsql.NpgsqlParameter { Value = entry });
        return (long)(await cmd.ExecuteScalarAsync())!;
    }
}
