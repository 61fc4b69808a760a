namespace Observability;

/// <summary>A metric tag; values are always one of a closed set of our own words (see SECURITY.md, observability).</summary>
public static class Tags
{
    public static KeyValuePair<string, object?> Tag(string key, string value) => new(key, value);
}
