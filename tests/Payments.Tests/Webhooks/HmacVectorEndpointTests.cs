using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Payments.Tests.Support;

namespace Payments.Tests.Webhooks;

/// <summary>
/// Adyen's published HMAC vectors (../shared/adyen-data/hmac-notification-vectors.json) through the real endpoint on Kestrel
/// and PostgreSQL: each positive vector is accepted and stored, each negative one gets 401 and stores nothing.
/// </summary>
public sealed class HmacVectorEndpointTests(WebhookHost host) : IClassFixture<WebhookHost>
{
    private static JsonObject Vectors() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(TestPaths.SharedDir(), "adyen-data", "hmac-notification-vectors.json")))!.AsObject();

    private static byte[] EnvelopeOf(JsonNode item, string? signature, string live = "false")
    {
        var copy = item.DeepClone().AsObject();
        if (signature is not null) copy["additionalData"] = new JsonObject { ["hmacSignature"] = signature };
        var envelope = new JsonObject { ["live"] = live, ["notificationItems"] = new JsonArray(new JsonObject { ["NotificationRequestItem"] = copy }) };
        return Encoding.UTF8.GetBytes(envelope.ToJsonString());
    }

    [Fact]
    public async Task Endpoint_EveryPositiveVector_IsAcceptedAndStored()
    {
        var positives = Vectors()["vectors"]!.AsArray().Where(v => v!["expectValid"]!.GetValue<bool>()).ToList();
        positives.Count.ShouldBe(15);
        var failures = new List<string>();
        foreach (var v in positives)
        {
            var item = v!["item"]!;
            var status = await host.PostAsync(v["hmacKeyHex"]!.GetValue<string>(), item["merchantAccountCode"]!.GetValue<string>(), false,
                EnvelopeOf(item, v["expectedSignature"]!.GetValue<string>()));
            var stored = await host.CountAsync(item["pspReference"]!.GetValue<string>());
            if (status != 200 || stored == 0) failures.Add($"{v["id"]}: status {status}, stored {stored}");
        }
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Endpoint_PositiveSampleFilesPostedVerbatim_AreAccepted()
    {
        var withFiles = Vectors()["vectors"]!.AsArray().Where(v => v!["fullSampleFile"] is not null).ToList();
        withFiles.Count.ShouldBe(6);
        var failures = new List<string>();
        foreach (var v in withFiles)
        {
            var path = Path.Combine(TestPaths.SharedDir(), v!["fullSampleFile"]!.GetValue<string>()["shared/".Length..]);
            var raw = File.ReadAllText(path);
            // Item files are wrapped as raw text, so the bytes Adyen signed reach the endpoint untouched.
            var body = path.EndsWith(".item.json", StringComparison.Ordinal)
                ? "{\"live\":\"false\",\"notificationItems\":[{\"NotificationRequestItem\":" + raw + "}]}"
                : raw;
            var live = JsonNode.Parse(body)!["live"]!.ToString() == "true";
            var item = v["item"]!;
            var status = await host.PostAsync(v["hmacKeyHex"]!.GetValue<string>(), item["merchantAccountCode"]!.GetValue<string>(), live, Encoding.UTF8.GetBytes(body));
            if (status != 200) failures.Add($"{v["id"]} ({Path.GetFileName(path)}): status {status}");
        }
        failures.ShouldBeEmpty();
    }

    [Fact]
    public async Task Endpoint_NegativeAndTamperedVectors_AreRejectedWith401AndNothingStored()
    {
        var root = Vectors();
        var byId = root["vectors"]!.AsArray().ToDictionary(v => v!["id"]!.GetValue<string>(), v => v!);
        var negatives = root["negativeAndWarnings"]!.AsArray().ToDictionary(v => v!["id"]!.GetValue<string>(), v => v!);
        var cases = new List<(string Name, string Key, string Merchant, byte[] Body)>();
        var n08 = byId["N08"];
        cases.Add(("X01 escaped-colon signature", n08["hmacKeyHex"]!.GetValue<string>(), "PHPApiLibrary", EnvelopeOf(n08["item"]!, negatives["X01"]!["computedSignature"]!.GetValue<string>())));
        var x02 = negatives["X02"]!;
        cases.Add(("X02 notValidSign", x02["hmacKeyHex"]!.GetValue<string>(), "merchantAccount", EnvelopeOf(x02["item"]!, x02["receivedSignature"]!.GetValue<string>())));
        var n01 = byId["N01"];
        var key01 = n01["hmacKeyHex"]!.GetValue<string>();
        cases.Add(("X03 no additionalData", key01, "merchantAccount", EnvelopeOf(n01["item"]!, null)));
        cases.Add(("X03 empty hmacSignature", key01, "merchantAccount", EnvelopeOf(n01["item"]!, "")));
        var nullSig = n01["item"]!.DeepClone().AsObject();
        nullSig["additionalData"] = new JsonObject { ["hmacSignature"] = null };
        cases.Add(("X03 null hmacSignature", key01, "merchantAccount", Encoding.UTF8.GetBytes(
            new JsonObject { ["live"] = "false", ["notificationItems"] = new JsonArray(new JsonObject { ["NotificationRequestItem"] = nullSig }) }.ToJsonString())));
        foreach (var (id, v) in byId)
        {
            var item = v["item"]!;
            var merchant = item["merchantAccountCode"]!.GetValue<string>();
            var signature = v["expectedSignature"]!.GetValue<string>();
            var tampered = item.DeepClone().AsObject();
            tampered["amount"]!["value"] = tampered["amount"]!["value"]!.GetValue<long>() + 1;
            cases.Add(($"{id} amount tampered", v["hmacKeyHex"]!.GetValue<string>(), merchant, EnvelopeOf(tampered, signature)));
            var other = item.DeepClone().AsObject();
            other["success"] = item["success"]!.GetValue<string>() == "true" ? "false" : "true";
            cases.Add(($"{id} success flipped", v["hmacKeyHex"]!.GetValue<string>(), merchant, EnvelopeOf(other, signature)));
            cases.Add(($"{id} wrong key", "00112233445566778899AABBCCDDEEFF00112233445566778899AABBCCDDEEFF", merchant, EnvelopeOf(item, signature)));
            cases.Add(($"{id} live flag wrong", v["hmacKeyHex"]!.GetValue<string>(), merchant, EnvelopeOf(item, signature, live: "true")));
        }
        var before = await host.CountAsync();
        var accepted = new List<string>();
        foreach (var c in cases)
        {
            if (await host.PostAsync(c.Key, c.Merchant, false, c.Body) != 401) accepted.Add(c.Name);
        }
        accepted.ShouldBeEmpty();
        cases.Count.ShouldBe(65);
        (await host.CountAsync()).ShouldBe(before);
    }
}
