using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Ledger.Tests.Api;

public sealed class LandlordCreditorFixture : LedgerHostFixture;

/// <summary>Issue 12 §4: PUT /landlords/{id} takes the SEPA creditor's ics, iban and optional bic; bad check digits get a 400 naming the field.</summary>
[Trait("Category", "Integration")]
public sealed class LandlordCreditorTests(LandlordCreditorFixture host) : IClassFixture<LandlordCreditorFixture>
{
    private static async Task<string?> FieldOf(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("field").GetString();

    [Fact]
    public async Task UpsertLandlord_WithCreditor_StoresItNormalised()
    {
        using var ops = host.Client(LedgerHostFixture.OpsKey);
        var response = await ops.PutAsJsonAsync("/landlords/sepa-habitat",
            new { name = "Sepa Habitat", ics = "fr72 zzz 123456", iban = "FR76 3000 6000 0112 3456 7890 189", bic = "bnpafrpp" });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var profile = await response.Content.ReadFromJsonAsync<JsonElement>();
        profile.GetProperty("ics").GetString().ShouldBe("FR72ZZZ123456");
        profile.GetProperty("iban").GetString().ShouldBe("FR7630006000011234567890189");
        profile.GetProperty("bic").GetString().ShouldBe("BNPAFRPP");
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM ledger.mt_doc_landlordprofile WHERE id = 'sepa-habitat'", connection);
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(1);
    }

    [Theory]
    [InlineData("FR73ZZZ123456", "FR7630006000011234567890189", null, "ics")]
    [InlineData("FR72ZZZ123456", "FR7630006000011234567890188", null, "iban")]
    [InlineData("FR72ZZZ123456", "FR7630006000011234567890189", "BNP", "bic")]
    public async Task UpsertLandlord_BadCreditorField_400NamingItAndNothingStored(string ics, string iban, string? bic, string field)
    {
        using var ops = host.Client(LedgerHostFixture.OpsKey);
        var landlord = "bad-" + field + "-habitat";
        var response = await ops.PutAsJsonAsync($"/landlords/{landlord}", new { name = "Mauvais", ics, iban, bic });

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await FieldOf(response)).ShouldBe(field);
        // Nothing half-written: no profile row for this landlord.
        await using var connection = new Npgsql.NpgsqlConnection(host.ConnectionString);
        await connection.OpenAsync();
        await using var count = new Npgsql.NpgsqlCommand("SELECT count(*) FROM ledger.mt_doc_landlordprofile WHERE id = $1", connection);
        count.Parameters.AddWithValue(landlord);
        ((long)(await count.ExecuteScalarAsync())!).ShouldBe(0);
    }
}
