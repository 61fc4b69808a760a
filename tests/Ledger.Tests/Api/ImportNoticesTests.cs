using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace Ledger.Tests.Api;

public sealed class ImportNoticesFixture : LedgerHostFixture;

[Trait("Category", "Integration")]
public sealed class ImportNoticesTests(ImportNoticesFixture host) : IClassFixture<ImportNoticesFixture>
{
    private static object Notice(string tenant, string notice, string rent = "400.00", string? rf = null, string? name = "Nouveau Locataire") => new
    {
        tenantReference = tenant, tenantName = name, dwellingReference = "BAT-Z-1", noticeReference = notice, period = "2026-12",
        dueDate = "2026-12-05", rfReference = rf,
        lines = new object[]
        {
            new { kind = "Rent", label = "Loyer", amount = rent },
            new { kind = "Rls", label = "RLS", amount = "-30.00" },
        },
    };

    [Fact]
    public async Task ImportNotices_SameBatchTwice_SecondIssuesNothing()
    {
        var batch = new { notices = new[] { Notice("200001/01", "2026-12/200001"), Notice("200002/01", "2026-12/200002") } };

        var first = await (await host.Ops.PostAsJsonAsync("notices/import", batch)).Content.ReadFromJsonAsync<JsonElement>();
        var second = await (await host.Ops.PostAsJsonAsync("notices/import", batch)).Content.ReadFromJsonAsync<JsonElement>();

        first.GetProperty("issued").GetInt32().ShouldBe(2);
        first.GetProperty("accountsOpened").GetInt32().ShouldBe(2);
        second.GetProperty("issued").GetInt32().ShouldBe(0);
        second.GetProperty("unchanged").GetInt32().ShouldBe(2);
        var account = await host.Ops.GetFromJsonAsync<JsonElement>("accounts?tenantReference=200001/01");
        account.GetProperty("balance").GetString().ShouldBe("370.00");
    }

    [Fact]
    public async Task ImportNotices_SameReferenceOtherContent_Answers409()
    {
        (await host.Ops.PostAsJsonAsync("notices/import", new { notices = new[] { Notice("200003/01", "2026-12/200003") } }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var changed = await host.Ops.PostAsJsonAsync("notices/import", new { notices = new[] { Notice("200003/01", "2026-12/200003", rent: "401.00") } });

        changed.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Field(changed)).ShouldBe("notices[0].noticeReference");
    }

    public static TheoryData<string, object, string> BadBatches => new()
    {
        { "invalid RF check digits", new { notices = new[] { Notice("200010/01", "2026-12/200010"), Notice("200011/01", "2026-12/200011", rf: "RF17539007547034") } }, "notices[1].rfReference" },
        { "malformed tenant reference", new { notices = new[] { Notice("200010/01", "2026-12/200010"), Notice("20/01", "2026-12/200012") } }, "notices[1].tenantReference" },
        { "negative rent", new { notices = new[] { Notice("200010/01", "2026-12/200010"), Notice("200013/01", "2026-12/200013", rent: "-5.00") } }, "notices[1].lines[0].amount" },
        { "unknown tenant without a name", new { notices = new[] { Notice("200010/01", "2026-12/200010"), Notice("200014/01", "2026-12/200014", name: null) } }, "notices[1].tenantReference" },
        { "duplicate notice in the batch", new { notices = new[] { Notice("200010/01", "2026-12/200010"), Notice("200010/01", "2026-12/200010") } }, "notices[1].noticeReference" },
        { "oversized batch", new { notices = Enumerable.Range(0, 51).Select(i => Notice($"2100{i:00}/01", $"2026-12/2100{i:00}")).ToArray() }, "notices" },
    };

    [Theory]
    [MemberData(nameof(BadBatches))]
    public async Task ImportNotices_OneBadNotice_ProblemNamesItAndNothingIsWritten(string why, object batch, string field)
    {
        var response = await host.Ops.PostAsJsonAsync("notices/import", batch);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, why);
        (await Field(response)).ShouldBe(field, why);
        (await host.Ops.GetAsync("accounts?tenantReference=200010/01")).StatusCode.ShouldBe(HttpStatusCode.NotFound, why);
    }

    [Fact]
    public async Task ImportNotices_RentRollCsv_IssuesEachRow()
    {
        const string csv = """
            tenant_reference,tenant_name,dwelling_reference,notice_reference,period,issued_on,due_date,rent,charges,sls,rls,other,currency
            300001/01,"Durand, Paul",BAT-C-1,2026-12/300001,2026-12,2026-12-01,2026-12-05,420.00,80.50,,-35.00,,EUR
            300002/01,Marie Curie,BAT-C-2,2026-12/300002,2026-12,,2026-12-05,500.00,90.00,42.00,,,

            """;
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");

        var result = await (await host.Ops.PostAsync("notices/import", content)).Content.ReadFromJsonAsync<JsonElement>();

        result.GetProperty("issued").GetInt32().ShouldBe(2);
        var notice = await host.Ops.GetFromJsonAsync<JsonElement>("notices?noticeReference=2026-12/300001");
        notice.GetProperty("total").GetString().ShouldBe("465.50");
        (await host.Ops.GetFromJsonAsync<JsonElement>("accounts?tenantReference=300001/01")).GetProperty("tenantName").GetString().ShouldBe("Durand, Paul");
        (await host.Ops.GetFromJsonAsync<JsonElement>("notices?noticeReference=2026-12/300002")).GetProperty("total").GetString().ShouldBe("632.00");
    }

    [Fact]
    public async Task ImportNotices_MalformedCsvLine_ProblemNamesTheLineAndNothingIsWritten()
    {
        const string csv = """
            tenant_reference,tenant_name,dwelling_reference,notice_reference,period,issued_on,due_date,rent,charges,sls,rls,other,currency
            300010/01,Ok Tenant,BAT-C-9,2026-12/300010,2026-12,,2026-12-05,420.00,,,,,EUR
            300011/01,Bad Tenant,BAT-C-9,2026-12/300011,2026-12,,2026-12-05,4x0.00,,,,,EUR
            """;
        using var content = new StringContent(csv, Encoding.UTF8, "text/csv");

        var response = await host.Ops.PostAsync("notices/import", content);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Field(response)).ShouldBe("line 3: rent");
        (await host.Ops.GetAsync("accounts?tenantReference=300010/01")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    // The bulk path reads every account of the batch in one query: that query must stay inside the landlord.
    [Fact]
    public async Task ImportNotices_TenantReferenceThatAnotherLandlordUses_OpensItsOwnAccount()
    {
        (await host.Ops.PutAsJsonAsync("/landlords/bailleur-bulk", new { name = "Bailleur Bulk", tenantReferencePattern = "^\\d{6}/\\d{2}$" }))
            .EnsureSuccessStatusCode();

        var response = await host.Ops.PostAsJsonAsync("/landlords/bailleur-bulk/notices/import",
            new { notices = new[] { Notice("100001/01", "2026-12/B00001", rent: "300.00"), Notice("200060/01", "2026-12/B00002") } });

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        var result = await response.Content.ReadFromJsonAsync<JsonElement>();
        result.GetProperty("accountsOpened").GetInt32().ShouldBe(2);
        result.GetProperty("issued").GetInt32().ShouldBe(2);
        var account = await host.Ops.GetFromJsonAsync<JsonElement>("/landlords/bailleur-bulk/accounts?tenantReference=100001/01");
        account.GetProperty("balance").GetString().ShouldBe("270.00");
    }

    [Fact]
    public async Task ImportNotices_NoticeReferenceHeldByAnotherAccount_409NamingItsItemAndNothingWritten()
    {
        (await host.Ops.PostAsJsonAsync("notices/import", new { notices = new[] { Notice("200070/01", "2026-12/200070") } }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var response = await host.Ops.PostAsJsonAsync("notices/import",
            new { notices = new[] { Notice("200071/01", "2026-12/200071"), Notice("200072/01", "2026-12/200070") } });

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await Field(response)).ShouldBe("notices[1].noticeReference");
        (await host.Ops.GetAsync("accounts?tenantReference=200071/01")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    private static async Task<string?> Field(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("field").GetString();
}
