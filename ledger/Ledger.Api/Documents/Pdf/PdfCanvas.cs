using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Ledger.Api.Documents.Pdf;

/// <summary>
/// The few drawing operations a printed letter needs, in millimetres from the top-left corner of an A4 page (the unit
/// letters are designed in: window envelope, TIP slip), over PDFsharp's XGraphics in points.
/// </summary>
public sealed class PdfCanvas : IDisposable
{
    public const double PageWidthMm = 210, PageHeightMm = 297;
    private const double PointsPerMm = 72 / 25.4;

    private readonly XGraphics _g;
    private readonly Dictionary<(double, bool), XFont> _fonts = [];

    private PdfCanvas(XGraphics g) => _g = g;

    /// <summary>A new A4 portrait page of the document.</summary>
    public static PdfCanvas NewPage(PdfDocument document)
    {
        var page = document.AddPage();
        page.Width = XUnit.FromMillimeter(PageWidthMm);
        page.Height = XUnit.FromMillimeter(PageHeightMm);
        return new PdfCanvas(XGraphics.FromPdfPage(page));
    }

    private static double Pt(double mm) => mm * PointsPerMm;

    private XFont Font(double size, bool bold)
    {
        if (!_fonts.TryGetValue((size, bold), out var font))
        {
            font = new XFont(DejaVuFontResolver.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular);
            _fonts[(size, bold)] = font;
        }
        return font;
    }

    /// <summary>Text whose baseline starts at (x, y).</summary>
    public void Text(double xMm, double yMm, string text, double size = 9, bool bold = false) =>
        _g.DrawString(text, Font(size, bold), XBrushes.Black, new XPoint(Pt(xMm), Pt(yMm)));

    /// <summary>Text whose baseline ends at (right, y): amounts in a column.</summary>
    public void TextRight(double rightMm, double yMm, string text, double size = 9, bool bold = false)
    {
        var font = Font(size, bold);
        var width = _g.MeasureString(text, font).Width;
        _g.DrawString(text, font, XBrushes.Black, new XPoint(Pt(rightMm) - width, Pt(yMm)));
    }

    /// <summary>Width of a text in millimetres.</summary>
    public double Width(string text, double size = 9, bool bold = false) => _g.MeasureString(text, Font(size, bold)).Width / PointsPerMm;

    public void Line(double x1Mm, double y1Mm, double x2Mm, double y2Mm, double widthPt = 0.5) =>
        _g.DrawLine(new XPen(XColors.Black, widthPt), Pt(x1Mm), Pt(y1Mm), Pt(x2Mm), Pt(y2Mm));

    /// <summary>A dashed line, e.g. where a slip is cut off.</summary>
    public void CutLine(double yMm) =>
        _g.DrawLine(new XPen(XColors.Black, 0.5) { DashStyle = XDashStyle.Dash }, Pt(8), Pt(yMm), Pt(PageWidthMm - 8), Pt(yMm));

    public void Box(double xMm, double yMm, double widthMm, double heightMm, double widthPt = 0.5) =>
        _g.DrawRectangle(new XPen(XColors.Black, widthPt), Pt(xMm), Pt(yMm), Pt(widthMm), Pt(heightMm));

    /// <summary>A filled rectangle in light grey: table headers.</summary>
    public void Shade(double xMm, double yMm, double widthMm, double heightMm) =>
        _g.DrawRectangle(new XSolidBrush(XColor.FromArgb(235, 235, 235)), Pt(xMm), Pt(yMm), Pt(widthMm), Pt(heightMm));

    /// <summary>A square module matrix (a QR code) drawn as black rectangles, sharp at any zoom and on any printer.</summary>
    public void Modules(double xMm, double yMm, double sizeMm, IReadOnlyList<IReadOnlyList<bool>> rows)
    {
        var n = rows.Count;
        var module = Pt(sizeMm) / n;
        for (var r = 0; r < n; r++)
        {
            var row = rows[r];
            // Runs of dark modules in a row as one rectangle: fewer operators, identical picture.
            var c = 0;
            while (c < n)
            {
                if (!row[c]) { c++; continue; }
                var start = c;
                while (c < n && row[c]) c++;
                _g.DrawRectangle(XBrushes.Black, Pt(xMm) + start * module, Pt(yMm) + r * module, (c - start) * module, module);
            }
        }
    }

    public void Dispose() => _g.Dispose();
}
