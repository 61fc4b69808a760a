using System.Net.Http.Headers;
using System.Text.Json;

namespace Reconciliation.Cli;

/// <summary>
/// <c>recon import</c> and <c>recon status</c>: the reconciliation service's scripted path (X-Api-Key), the same import the
/// page runs. Exit codes: 0 success, 1 refused by the service (the reason on stderr), 2 wrong usage, 3 service unreachable.
/// </summary>
internal static class ServiceCommands
{
    public const int Unreachable = 3;

    public static int Import(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(args, new HashSet<string> { "--service", "--api-key", "--landlord" }, new HashSet<string> { "--json" });
        if (a.Positional.Count == 0) throw new UsageException("at least one file is required");
        using var http = Client(a);
        using var form = new MultipartFormDataContent();
        var streams = new List<FileStream>();
        try
        {
            foreach (var path in a.Positional)
            {
                var stream = File.OpenRead(path);
                streams.Add(stream);
                var part = new StreamContent(stream);
                part.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
                form.Add(part, "files", Path.GetFileName(path));
            }
            if (a.Get("--landlord") is { } landlord) form.Add(new StringContent(landlord), "landlord");
            return Send(() => http.PostAsync("api/imports", form), a.Flag("--json"), stdout, stderr, Text);
        }
        finally
        {
            foreach (var s in streams) s.Dispose();
        }
    }

    public static int Status(string[] args, TextWriter stdout, TextWriter stderr)
    {
        var a = new Arguments(args, new HashSet<string> { "--service", "--api-key" }, new HashSet<string> { "--json" });
        if (a.Positional.Count != 0) throw new UsageException($"unexpected argument '{a.Positional[0]}'");
        using var http = Client(a);
        return Send(() => http.GetAsync("api/status"), a.Flag("--json"), stdout, stderr,
            j => $"à revoir {j.GetProperty("review")}, en attente 471 {j.GetProperty("suspense")} ({j.GetProperty("suspenseAmount")}), approbations {j.GetProperty("approvals")}, " +
                 $"à envoyer au grand livre {j.GetProperty("pending")} ({j.GetProperty("pendingAmount")}), envoyés {j.GetProperty("posted")}, refusés {j.GetProperty("failed")}");
    }

    private static string Text(JsonElement j) =>
        $"écritures {j.GetProperty("entries")}, nouvelles {j.GetProperty("new")}, automatiques {j.GetProperty("auto")}, suggestions {j.GetProperty("suggested")}, " +
        $"non rapprochées {j.GetProperty("unmatched")}, comptabilisées {j.GetProperty("posted")}, en attente {j.GetProperty("pending")}";

    private static HttpClient Client(Arguments a)
    {
        var service = a.Required("--service");
        if (!Uri.TryCreate(service.TrimEnd('/') + "/", UriKind.Absolute, out var uri)) throw new UsageException("--service must be a URL");
        var http = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromMinutes(30) };
        http.DefaultRequestHeaders.Add("X-Api-Key", a.Required("--api-key"));
        return http;
    }

    private static int Send(Func<Task<HttpResponseMessage>> send, bool json, TextWriter stdout, TextWriter stderr, Func<JsonElement, string> text)
    {
        HttpResponseMessage response;
        try
        {
            response = send().GetAwaiter().GetResult();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            stderr.WriteLine($"service unreachable: {ReconCommand.OneLine(e.Message)}");
            return Unreachable;
        }
        using (response)
        {
            var body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
            if (!response.IsSuccessStatusCode)
            {
                var reason = body;
                try
                {
                    using var doc = JsonDocument.Parse(body);
                    if (doc.RootElement.TryGetProperty("detail", out var d)) reason = d.GetString() ?? body;
                }
                catch (JsonException)
                {
                    // not ProblemDetails: print the status only
                    reason = "";
                }
                stderr.WriteLine($"refused ({(int)response.StatusCode}): {ReconCommand.OneLine(reason)}");
                return ReconCommand.InvalidInput;
            }
            using var result = JsonDocument.Parse(body);
            stdout.WriteLine(json ? body : text(result.RootElement));
            return ReconCommand.Ok;
        }
    }
}
