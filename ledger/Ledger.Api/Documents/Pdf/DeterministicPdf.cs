using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using NodaTime;
using PdfSharp.Pdf;

namespace Ledger.Api.Documents.Pdf;

/// <summary>
/// A PDF whose bytes depend only on what it shows: the same document produced twice (today, next year, on another
/// machine with the same fonts) gives the same bytes, so a batch can be produced again and compared, and a tenant's copy
/// equals the printed one. PDFsharp otherwise writes the clock into CreationDate/ModDate and a random document id into
/// the trailer, the XMP metadata and the font subset tags; all come from the document here: its own date and a hash of
/// its identity.
/// </summary>
public static class DeterministicPdf
{
    /// <summary>The Creator entry (the Producer one is PDFsharp's own, fixed by the pinned 6.2.4).</summary>
    public const string Producer = "Ledger.Api documents";

    /// <param name="identity">What makes the document unique, e.g. "avis|demo-habitat|2026-11/000001": hashed into the id.</param>
    /// <param name="documentDate">The document's own date (a notice's issue date), written as creation and modification date.</param>
    public static PdfDocument Create(string identity, LocalDate documentDate, string title)
    {
        DejaVuFontResolver.EnsureInstalled();
        var document = new PdfDocument();
        // Kind Utc: with an unspecified kind PDFsharp writes the machine's time-zone offset, and the bytes would follow it.
        var date = DateTime.SpecifyKind(documentDate.ToDateTimeUnspecified(), DateTimeKind.Utc);
        document.Info.CreationDate = date;
        document.Info.ModificationDate = date;
        document.Info.Title = title;
        document.Info.Creator = Producer;
        document.Options.CompressContentStreams = true;
        var id = IdOf(identity);
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;
        return document;
    }

    /// <summary>Saves to bytes, after fixing again what PDFsharp may refresh while saving.</summary>
    public static byte[] Save(PdfDocument document, string identity, LocalDate documentDate)
    {
        var date = DateTime.SpecifyKind(documentDate.ToDateTimeUnspecified(), DateTimeKind.Utc);
        document.Info.ModificationDate = date;
        var id = IdOf(identity);
        document.Internals.FirstDocumentID = id;
        document.Internals.SecondDocumentID = id;
        using var stream = new MemoryStream();
        document.Save(stream, false);
        var bytes = stream.ToArray();
        FixRandomParts(bytes, identity);
        return bytes;
    }

    // PDFsharp 6.2.4 also draws two things at random while saving, with no option to set them: the XMP metadata's
    // DocumentID/InstanceID uuids and the six-letter tag of each embedded font subset ("HJGXJA+DejaVu Sans"). Both sit
    // in uncompressed dictionaries or the XMP stream, so they are rewritten in place with values of the same length
    // derived from the identity: the xref offsets stay right and the file stays valid.
    private static readonly Regex Uuid = new("uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", RegexOptions.CultureInvariant);
    private static readonly Regex SubsetTag = new("/(?:FontName|BaseFont)/([A-Z]{6})\\+", RegexOptions.CultureInvariant);

    private static void FixRandomParts(byte[] bytes, string identity)
    {
        var text = Encoding.Latin1.GetString(bytes);
        var n = 0;
        foreach (Match m in Uuid.Matches(text))
        {
            var guid = new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{identity}|xmp|{n++}")).AsSpan(0, 16));
            Encoding.ASCII.GetBytes("uuid:" + guid.ToString("D"), bytes.AsSpan(m.Index));
        }
        var tags = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (Match m in SubsetTag.Matches(text))
        {
            var random = m.Groups[1].Value;
            if (!tags.TryGetValue(random, out var tag))
            {
                var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{identity}|font|{tags.Count}"));
                tag = new string(hash.AsSpan(0, 6).ToArray().Select(b => (char)('A' + b % 26)).ToArray());
                tags[random] = tag;
            }
            Encoding.ASCII.GetBytes(tag, bytes.AsSpan(m.Groups[1].Index));
        }
    }

    /// <summary>16 bytes of SHA-256 of the identity, as the raw (one char per byte) string PDFsharp writes in hex.</summary>
    public static string IdOf(string identity)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(identity));
        return new string(hash.AsSpan(0, 16).ToArray().Select(b => (char)b).ToArray());
    }
}
