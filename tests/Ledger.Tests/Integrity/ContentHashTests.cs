using System.Text;
using Ledger.Api.Infrastructure.Integrity;

namespace Ledger.Tests.Integrity;

/// <summary>The content hash's canonical encoding: what the writer serialises and what jsonb gives back must hash alike.</summary>
public sealed class ContentHashTests
{
    private static readonly Guid Id = Guid.Parse("0f8fad5b-d9cb-469f-a165-70867728950e");

    private static EventContent Event(string json, string type = "payment_received", string? causation = null) =>
        new("demo-habitat", "100001/01", 3, type, Id, json, "corr-1", causation, "payments");

    [Fact]
    public void CanonicalJson_KeyOrderWhitespaceAndEscapes_GiveTheSameBytes()
    {
        var written = ContentHash.CanonicalJson("{\"b\":1,\"a\":{\"d\":\"\\u00e9t\\u00e9\",\"c\":[1.50,2]}}");
        var readBack = ContentHash.CanonicalJson("{\"a\": {\"c\": [1.50, 2], \"d\": \"été\"}, \"b\": 1}");

        Encoding.UTF8.GetString(written).ShouldBe("{\"a\":{\"c\":[1.50,2],\"d\":\"été\"},\"b\":1}");
        readBack.ShouldBe(written);
    }

    [Fact]
    public void Compute_AnyCoveredFieldChanged_ChangesTheHash()
    {
        var (original, _) = ContentHash.Compute(Event("{\"amount\":{\"cents\":100}}"));

        ContentHash.Compute(Event("{\"amount\":{\"cents\":101}}")).Hash.ShouldNotBe(original);
        ContentHash.Compute(Event("{\"amount\":{\"cents\":100}}", type: "payment_reversed")).Hash.ShouldNotBe(original);
        ContentHash.Compute(Event("{\"amount\":{\"cents\":100}}", causation: "")).Hash.ShouldNotBe(original); // "" is not null
        ContentHash.Compute(Event("{\"amount\":{\"cents\":100}}") with { Version = 4 }).Hash.ShouldNotBe(original);
        ContentHash.Compute(Event("{\"amount\":{\"cents\":100}}") with { Landlord = "other" }).Hash.ShouldNotBe(original);
        ContentHash.Compute(Event("{\"amount\": {\"cents\": 100}}")).Hash.ShouldBe(original);
    }

    [Fact]
    public void Compute_PersonalFieldMaskedWithItsKnownHash_KeepsTheContentHash()
    {
        var (original, fields) = ContentHash.Compute(Event("{\"tenantName\":\"Camille Martin\",\"openedOn\":\"2020-01-01\"}", "account_opened"));
        var masked = Event("{\"tenantName\":\"***\",\"openedOn\":\"2020-01-01\"}", "account_opened");

        fields.Keys.ShouldBe(["tenantName"]);
        ContentHash.Compute(masked, fields).Hash.ShouldBe(original);
        ContentHash.Compute(masked).Hash.ShouldNotBe(original);
        ContentHash.Compute(Event("{\"tenantName\":\"Léa Bernard\",\"openedOn\":\"2020-01-01\"}", "account_opened"), fields).Hash.ShouldNotBe(original);
    }
}
