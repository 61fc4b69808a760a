using System.Text;

namespace Reconciliation.Tests.Fixtures;

/// <summary>Fixtures written by this project (never the third-party samples).</summary>
public static class FixtureFiles
{
    public static Stream Open(string name) => File.OpenRead(Path.Combine(AppContext.BaseDirectory, "Fixtures", name));

    public static Stream Text(string text, Encoding? encoding = null) => new MemoryStream((encoding ?? new UTF8Encoding(false)).GetBytes(text));

    /// <summary>Prefixes the UTF-8 byte order mark (Encoding.GetBytes never writes it).</summary>
    public static Stream WithPreamble(this Stream stream)
    {
        var ms = new MemoryStream();
        ms.Write(Encoding.UTF8.GetPreamble());
        stream.CopyTo(ms);
        ms.Position = 0;
        return ms;
    }
}
