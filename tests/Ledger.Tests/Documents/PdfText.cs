using UglyToad.PdfPig;

namespace Ledger.Tests.Documents;

/// <summary>A PDF's text as PdfPig reads it, letters in drawing order, no-break spaces as spaces.</summary>
public static class PdfText
{
    public static string Of(byte[] pdf)
    {
        using var doc = PdfDocument.Open(pdf);
        return string.Join("\n", doc.GetPages().Select(p => string.Concat(p.Letters.Select(l => l.Value)))).Replace('\u00a0', ' ');
    }
}
