using PdfSharp.Fonts;

namespace Ledger.Api.Documents.Pdf;

/// <summary>
/// PDFsharp finds no system fonts on Linux: every document uses DejaVu Sans from Debian's <c>fonts-dejavu-core</c> package
/// (<c>.ci/run</c> installs it). One font family, read from disk once; PDFsharp embeds the subset of the glyphs used, so a
/// document carries its own font and prints the same everywhere (accents and "€" included).
/// </summary>
public sealed class DejaVuFontResolver : IFontResolver
{
    public const string Family = "DejaVu Sans";
    public const string DefaultDirectory = "/usr/share/fonts/truetype/dejavu";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private readonly string _directory;
    private readonly Dictionary<string, byte[]> _faces = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    public DejaVuFontResolver(string directory) => _directory = directory;

    /// <summary>Every family name resolves to DejaVu Sans: a document never depends on what else is installed.</summary>
    public FontResolverInfo ResolveTypeface(string familyName, bool isBold, bool isItalic) =>
        // Italic is simulated (slanted) rather than read from a second file: the notices use none, and it keeps one family.
        new(isBold ? Bold : Regular, false, isItalic);

    public byte[] GetFont(string faceName)
    {
        lock (_gate)
        {
            if (_faces.TryGetValue(faceName, out var bytes)) return bytes;
            var path = Path.Combine(_directory, faceName + ".ttf");
            if (!File.Exists(path))
            {
                throw new InvalidOperationException($"font {path} is missing: install the Debian package fonts-dejavu-core");
            }
            bytes = File.ReadAllBytes(path);
            _faces[faceName] = bytes;
            return bytes;
        }
    }

    private static readonly Lock Setup = new();

    /// <summary>
    /// PDFsharp's font resolver is process-wide and can be set only before the first font is used: every document
    /// producer calls this first (idempotent).
    /// </summary>
    public static void EnsureInstalled(string directory = DefaultDirectory)
    {
        lock (Setup)
        {
            if (GlobalFontSettings.FontResolver is DejaVuFontResolver) return;
            GlobalFontSettings.FontResolver = new DejaVuFontResolver(directory);
        }
    }
}
