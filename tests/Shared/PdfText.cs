using UglyToad.PdfPig;

namespace Tests.Shared;

/// <summary>
/// A PDF's text as a reader sees it (PdfPig, letters in order), with the French non-breaking spaces as plain ones. Linked
/// into each test project that reads our PDFs (one copy).
/// </summary>
public static class PdfText
{
    public static bool IsPdf(byte[] bytes) => bytes.Length > 4 && bytes.AsSpan(0, 4).SequenceEqual("%PDF"u8);

    public static string Of(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        return string.Join("\n", doc.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value))))
            .Replace('\u00a0', ' ').Replace('\u202f', ' ');
    }
}
