using System.Text.Json.Nodes;

namespace Bench.Report;

/// <summary>
/// The JSON the programs wrote, by row id: a file holds one row object (<c>{"row":…}</c>) or several
/// (<c>{"rows":[…]}</c>); <c>machine.json</c> describes the machine and the command.
/// </summary>
public sealed class Results
{
    public Results(IReadOnlyDictionary<string, JsonObject> rows, JsonObject machine)
    {
        Rows = rows;
        Machine = machine;
    }

    public IReadOnlyDictionary<string, JsonObject> Rows { get; }

    public JsonObject Machine { get; }

    public JsonObject? this[string row] => Rows.TryGetValue(row, out var o) ? o : null;

    public static Results Load(string dir)
    {
        var rows = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        var machine = new JsonObject();
        foreach (var file in Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal))
        {
            if (JsonNode.Parse(File.ReadAllText(file)) is not JsonObject o) continue;
            if (Path.GetFileName(file) == "machine.json") { machine = o; continue; }
            Add(rows, o);
        }
        return new Results(rows, machine);
    }

    public static Results FromJson(JsonObject machine, params string[] files)
    {
        var rows = new Dictionary<string, JsonObject>(StringComparer.Ordinal);
        foreach (var f in files) Add(rows, (JsonObject)JsonNode.Parse(f)!);
        return new Results(rows, machine);
    }

    private static void Add(Dictionary<string, JsonObject> rows, JsonObject o)
    {
        if (o["rows"] is JsonArray many)
        {
            foreach (var r in many.OfType<JsonObject>()) Add(rows, (JsonObject)r.DeepClone());
        }
        else if (o["row"]?.GetValue<string>() is { } id)
        {
            rows[id] = o;
        }
    }
}

/// <summary>tests/Benchmarks/explanations.md: one "## row-id" section per row, inlined under a missed row.</summary>
public static class Explanations
{
    public static Dictionary<string, string> Parse(string markdown)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        var text = new System.Text.StringBuilder();
        foreach (var line in markdown.Split('\n'))
        {
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (current is not null) result[current] = text.ToString().Trim();
                current = line[3..].Trim();
                text.Clear();
            }
            else if (current is not null)
            {
                text.Append(line.TrimEnd('\r')).Append('\n');
            }
        }
        if (current is not null) result[current] = text.ToString().Trim();
        return result;
    }
}
