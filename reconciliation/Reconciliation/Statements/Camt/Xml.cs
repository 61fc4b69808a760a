using System.Xml;
using System.Xml.Linq;

namespace Reconciliation.Statements.Camt;

/// <summary>Namespace-agnostic navigation: camt versions differ only by namespace for the elements we read.</summary>
internal static class Xml
{
    public static XElement? El(this XElement? e, params string[] path)
    {
        var cur = e;
        foreach (var name in path)
        {
            if (cur == null) return null;
            cur = cur.Elements().FirstOrDefault(x => x.Name.LocalName == name);
        }
        return cur;
    }

    public static IEnumerable<XElement> All(this XElement? e, string name) =>
        e == null ? [] : e.Elements().Where(x => x.Name.LocalName == name);

    public static string? Text(this XElement? e, params string[] path)
    {
        var v = e.El(path)?.Value.Trim();
        return string.IsNullOrEmpty(v) ? null : v;
    }

    public static string Where(XElement e, string path) =>
        e is IXmlLineInfo li && li.HasLineInfo() ? $"line {li.LineNumber}, element {path}" : $"element {path}";

    /// <summary>DTDs refused (no entity expansion, no external fetch), size capped: the file comes from outside.</summary>
    public static XmlReaderSettings SafeSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersFromEntities = 0,
        MaxCharactersInDocument = 2L * 1024 * 1024 * 1024,
        IgnoreComments = true,
        IgnoreWhitespace = true,
        IgnoreProcessingInstructions = true,
        CloseInput = false,
    };
}
