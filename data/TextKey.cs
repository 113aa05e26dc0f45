using System.Globalization;
using System.Text;

namespace Recouvrement.Data;

/// <summary>Accent-free, lower-case, single-spaced keys: "Société  Générale" and "societe generale" are one client.</summary>
public static class TextKey
{
    public static string Fold(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark)
                continue;
            sb.Append(ch switch
            {
                '’' or '‘' or '`' or '´' => '\'',
                '\u00A0' or '\u202F' or '\t' => ' ',
                'œ' => 'o', // "œ" becomes "oe" below
                _ => char.ToLowerInvariant(ch),
            });
            if (ch == 'œ')
                sb.Append('e');
        }

        return sb.ToString();
    }

    public static string Key(string name)
    {
        var folded = Fold(name);
        var sb = new StringBuilder(folded.Length);
        var space = false;
        foreach (var ch in folded)
        {
            if (char.IsLetterOrDigit(ch) || ch == '&')
            {
                if (space && sb.Length > 0)
                    sb.Append(' ');
                sb.Append(ch);
                space = false;
            }
            else
            {
                space = true;
            }
        }

        return sb.ToString();
    }
}
