using System.Text;

namespace Recouvrement.Skills.Understanding;

/// <summary>
/// Makes any string safe to normalize and match: lone surrogate halves become U+FFFD (ICU throws on them), NUL,
/// byte-order marks and other invisible format characters are dropped. Whole surrogate pairs (emoji, flags) stay.
/// </summary>
public static class SafeText
{
    public static string Clean(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return string.Empty;
        if (!NeedsCleaning(text))
            return text;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }

            if (char.IsSurrogate(c))
                sb.Append('\uFFFD');
            else if (!IsInvisible(c))
                sb.Append(c);
        }

        return sb.ToString();
    }

    private static bool NeedsCleaning(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c) || IsInvisible(c))
                return true;
        }

        return false;
    }

    /// <summary>NUL and controls other than whitespace, BOM, zero-width and bidi marks: they carry no meaning for us.</summary>
    private static bool IsInvisible(char c) =>
        c is '\0' or '\uFEFF' or '\u200B' or '\u200C' or '\u200D' or '\u200E' or '\u200F' or '\u2060'
        || c is >= '\u202A' and <= '\u202E' || c is >= '\u2066' and <= '\u2069'
        || (char.IsControl(c) && c is not ('\t' or '\n' or '\r'));
}
