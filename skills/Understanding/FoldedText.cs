using System.Globalization;
using System.Text;

namespace Recouvrement.Skills.Understanding;

/// <summary>
/// The utterance in two aligned forms: the original (NFC) and a folded copy (lower case, no accents, same length),
/// so a match found on the folded text maps back to the owner's own spelling. Extracted spans are blanked in
/// <see cref="Masked"/> so that one piece of text feeds one entity only.
/// </summary>
internal sealed class FoldedText
{
    public FoldedText(string text)
    {
        var clean = SafeText.Clean(text);
        // Below U+0300 every character is already composed and nothing can combine with it: ICU is skipped.
        Original = clean.AsSpan().ContainsAnyInRange('\u0300', '\uFFFF') ? clean.Normalize(NormalizationForm.FormC) : clean;
        var chars = new char[Original.Length];
        for (var i = 0; i < Original.Length; i++)
            chars[i] = FoldChar(Original[i]);
        Folded = new string(chars);
        _masked = chars;
    }

    private readonly char[] _masked;
    private string? _maskedCache;

    public string Original { get; }
    public string Folded { get; }
    public string Masked => _maskedCache ??= new string(_masked);

    public void Mask(int start, int length)
    {
        for (var i = start; i < start + length && i < _masked.Length; i++)
            _masked[i] = '\u0001';
        _maskedCache = null;
    }

    public bool IsMasked(int index) => index >= 0 && index < _masked.Length && _masked[index] == '\u0001';

    // Latin letters fold through a table built once: decomposing each accented letter through ICU dominated parsing.
    private static readonly char[] LatinFold = BuildLatinFold();

    private static char[] BuildLatinFold()
    {
        var table = new char[0x250];
        for (var c = 0; c < table.Length; c++)
            table[c] = FoldSlow((char)c);
        return table;
    }

    internal static char FoldChar(char c) => c < LatinFold.Length ? LatinFold[c] : FoldSlow(c);

    private static char FoldSlow(char c)
    {
        switch (c)
        {
            case '’' or '‘' or '`' or '´' or 'ʼ': return '\'';
            case '\u00A0' or '\u202F' or '\u2009' or '\t' or '\r' or '\n': return ' ';
            case 'œ' or 'Œ': return 'o';
            case 'æ' or 'Æ': return 'a';
            case '«' or '»' or '“' or '”': return '"';
            case '–' or '—': return '-';
        }

        if (c < 128)
            return char.ToLowerInvariant(c);
        // Halves of an emoji or a flag stay as they are: normalizing one half alone throws.
        if (char.IsSurrogate(c))
            return c;
        // Other scripts' digits (full-width "１２") read as ASCII digits, so every pattern and parse sees 0-9.
        if (char.IsDigit(c))
            return (char)('0' + (int)char.GetNumericValue(c));
        var decomposed = c.ToString().Normalize(NormalizationForm.FormD);
        foreach (var d in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(d) != UnicodeCategory.NonSpacingMark)
                return char.ToLowerInvariant(d);
        }

        return c;
    }
}
