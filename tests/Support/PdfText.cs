using UglyToad.PdfPig;

namespace Recouvrement.Tests.Support;

/// <summary>Reads a PDF back for assertions: all words, whitespace removed (amounts' thin and non-breaking spaces vary).</summary>
public static class PdfText
{
    public static string Compact(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        var text = string.Concat(document.GetPages().Select(p => string.Concat(p.GetWords().Select(w => w.Text))));
        return new string([.. text.Where(c => !char.IsWhiteSpace(c))]);
    }

    public static int Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.NumberOfPages;
    }

    public static void ContainsAll(byte[] pdf, params string[] expected)
    {
        var compact = Compact(pdf);
        foreach (var e in expected)
            Assert.Contains(new string([.. e.Where(c => !char.IsWhiteSpace(c))]), compact, StringComparison.Ordinal);
    }
}
