using System.Globalization;
using System.Text.RegularExpressions;

namespace Tests.Shared;

/// <summary>
/// The Prometheus text format, as far as the observability tests read it: one sample per line, <c>name{labels} value</c>.
/// Linked into each test project that scrapes a host (one copy of the parser).
/// </summary>
public sealed partial class PrometheusScrape(string text)
{
    public string Text { get; } = text;

    /// <summary>One scrape of <paramref name="url"/>, with an X-Api-Key when the endpoint needs one.</summary>
    public static async Task<PrometheusScrape> GetAsync(Uri url, string? apiKey = null)
    {
        using var http = new HttpClient();
        if (apiKey is not null) http.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return new PrometheusScrape(await http.GetStringAsync(url));
    }

    public sealed record Sample(string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public IReadOnlyList<Sample> Samples { get; } = Parse(text);

    /// <summary>The sum of the samples of <paramref name="name"/> whose labels include all of <paramref name="labels"/> ("k=v").</summary>
    public double Sum(string name, params string[] labels) =>
        Matching(name, labels).Sum(s => s.Value);

    public bool Has(string name, params string[] labels) => Matching(name, labels).Any();

    private IEnumerable<Sample> Matching(string name, string[] labels) =>
        Samples.Where(s => s.Name == name && labels.All(l =>
        {
            var (k, v) = (l[..l.IndexOf('=', StringComparison.Ordinal)], l[(l.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            return s.Labels.TryGetValue(k, out var actual) && actual == v;
        }));

    private static List<Sample> Parse(string text)
    {
        var samples = new List<Sample>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#') continue;
            var m = SampleLine().Match(line);
            if (!m.Success) continue;
            var labels = LabelPair().Matches(m.Groups["labels"].Value).ToDictionary(p => p.Groups[1].Value, p => p.Groups[2].Value, StringComparer.Ordinal);
            var value = m.Groups["value"].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            samples.Add(new Sample(m.Groups["name"].Value, labels, value));
        }
        return samples;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)""")]
    private static partial Regex LabelPair();
}
