using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Recouvrement.Skills.Documents;

/// <summary>
/// An A4 page cursor shared by every PDF the bot makes: text at a column, wrapped paragraphs, rules, and a new page
/// when the cursor reaches the bottom margin. Positions are in points from the top-left corner.
/// </summary>
internal sealed class PdfCanvas : IDisposable
{
    public const double Left = 50, Right = 545, Top = 50, Bottom = 780;
    private readonly PdfDocument _document;
    private XGraphics _gfx;
    private bool _closed;

    public PdfCanvas(string title)
    {
        EmbeddedFonts.Install();
        _document = new PdfDocument();
        _document.Info.Title = title;
        _gfx = XGraphics.FromPdfPage(_document.AddPage());
        Regular = new XFont(EmbeddedFonts.Family, 9.5, XFontStyleEx.Regular);
        Bold = new XFont(EmbeddedFonts.Family, 9.5, XFontStyleEx.Bold);
        Title = new XFont(EmbeddedFonts.Family, 15, XFontStyleEx.Bold);
    }

    public XFont Regular { get; }
    public XFont Bold { get; }
    public XFont Title { get; }
    public double Y { get; set; } = Top;

    /// <summary>Starts a new page when fewer than <paramref name="room"/> points are left.</summary>
    public void EnsureRoom(double room = 14)
    {
        if (Y + room <= Bottom)
            return;
        _gfx.Dispose();
        _gfx = XGraphics.FromPdfPage(_document.AddPage());
        Y = Top;
    }

    /// <summary>Right-aligned text ends at x (a zero-width box); left-aligned text starts at x.</summary>
    public void Text(string text, XFont font, double x, bool alignRight = false) =>
        _gfx.DrawString(text, font, XBrushes.Black, new XRect(x, Y, alignRight ? 0 : Right - x, 14), alignRight ? XStringFormats.TopRight : XStringFormats.TopLeft);

    /// <summary>A line of text then the cursor moves down by <paramref name="advance"/>.</summary>
    public void Line(string text, XFont font, double x = Left, double advance = 13)
    {
        EnsureRoom(advance);
        Text(text, font, x);
        Y += advance;
    }

    /// <summary>Words wrapped between x and the right margin; a blank line keeps its height.</summary>
    public void Paragraph(string text, XFont font, double x = Left, double lineHeight = 13)
    {
        foreach (var line in Wrap(text, font, Right - x))
            Line(line, font, x, lineHeight);
    }

    public void Rule(double offset = -3) => _gfx.DrawLine(XPens.Black, Left, Y + offset, Right, Y + offset);

    public IEnumerable<string> Wrap(string text, XFont font, double width)
    {
        if (text.Length == 0)
        {
            yield return string.Empty;
            yield break;
        }

        var current = string.Empty;
        foreach (var word in text.Split(' '))
        {
            var candidate = current.Length == 0 ? word : current + " " + word;
            if (current.Length > 0 && _gfx.MeasureString(candidate, font).Width > width)
            {
                yield return current;
                current = word;
            }
            else
            {
                current = candidate;
            }
        }

        yield return current;
    }

    public byte[] Save()
    {
        Close();
        using var output = new MemoryStream();
        _document.Save(output, false);
        return output.ToArray();
    }

    public void Dispose()
    {
        Close();
        _document.Dispose();
    }

    private void Close()
    {
        if (_closed)
            return;
        _gfx.Dispose();
        _closed = true;
    }
}
