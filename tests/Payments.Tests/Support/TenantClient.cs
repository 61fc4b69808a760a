using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Payments.Tests.Support;

/// <summary>What a tenant's browser does, over plain HTTP: read the form's antiforgery token, post the references, pay.</summary>
public sealed partial class TenantClient(PaymentsStack stack) : IDisposable
{
    private readonly HttpClient _http = stack.Browser();

    public HttpClient Http => _http;

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public static string Token(string html) => TokenPattern().Match(html) is { Success: true } m ? WebUtility.HtmlDecode(m.Groups[1].Value)
        : throw new InvalidOperationException("no antiforgery token in the page");

    public async Task<string> TokenAsync() => Token(await _http.GetStringAsync("/"));

    public async Task<HttpResponseMessage> LookupAsync(string tenant, string notice, bool withToken = true)
    {
        var fields = new Dictionary<string, string> { ["tenantReference"] = tenant, ["noticeReference"] = notice };
        if (withToken) fields["__RequestVerificationToken"] = await TokenAsync();
        var posted = await _http.PostAsync("/avis", new FormUrlEncodedContent(fields));
        if (posted.StatusCode != HttpStatusCode.SeeOther) return posted;
        // A found notice is a POST-redirect-GET: follow the 303 as a browser does, and hand back the notice page.
        using (posted)
        {
            return await _http.GetAsync(posted.Headers.Location);
        }
    }

    /// <summary>The lookup's POST alone, without following its redirect.</summary>
    public async Task<HttpResponseMessage> PostLookupAsync(string tenant, string notice) =>
        await _http.PostAsync("/avis", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["tenantReference"] = tenant, ["noticeReference"] = notice, ["__RequestVerificationToken"] = await TokenAsync(),
        }));

    public async Task<HttpResponseMessage> StartCheckoutAsync(string tenant, string notice)
    {
        var fields = new Dictionary<string, string>
        {
            ["tenantReference"] = tenant, ["noticeReference"] = notice, ["__RequestVerificationToken"] = await TokenAsync(),
        };
        return await _http.PostAsync("/paiement/carte", new FormUrlEncodedContent(fields));
    }

    /// <summary>
    /// Starts the card checkout and types <paramref name="card"/> on the simulator's hosted page (<paramref name="sim"/>, not
    /// following redirects); returns where the simulator sends the browser back.
    /// </summary>
    public async Task<Uri> PayByCardAsync(HttpClient sim, string tenant, string notice, string card = "4111111111111111")
    {
        using var start = await StartCheckoutAsync(tenant, notice);
        start.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        using var paid = await sim.PostAsync(start.Headers.Location!.AbsolutePath, new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["cardNumber"] = card, ["expiry"] = "03/30", ["cvc"] = "737", ["holder"] = "Test",
        }));
        paid.StatusCode.ShouldBe(HttpStatusCode.SeeOther);
        return paid.Headers.Location!;
    }

    public void Dispose() => _http.Dispose();

    public static async Task<JsonElement> SimulatorSessionsAsync(PaymentsStack stack)
    {
        using var http = new HttpClient { BaseAddress = stack.SimulatorUrl };
        return JsonDocument.Parse(await http.GetStringAsync("_sim/sessions")).RootElement.Clone();
    }

    public static async Task SetFaultAsync(PaymentsStack stack, string mode, int count)
    {
        using var http = new HttpClient { BaseAddress = stack.SimulatorUrl };
        using var r = await http.PostAsync("_sim/faults", PaymentsStack.Json($"{{\"mode\":\"{mode}\",\"count\":{count}}}"));
        r.EnsureSuccessStatusCode();
    }
}
