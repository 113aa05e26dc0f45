using System.Text.RegularExpressions;

namespace Recouvrement.Skills.Assistant;

/// <summary>
/// The figures of a text (amounts, dates, invoice numbers, rates, article numbers) as a multiset of digit runs, so a
/// model's rewrite can be checked against the computed message: same figures or the rewrite is refused.
/// </summary>
public static partial class Figures
{
    public static IReadOnlyList<string> Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var joined = ThousandsGap().Replace(text, string.Empty);
        return [.. Number().Matches(joined).Select(m => m.Value.Replace(',', '.')).Order(StringComparer.Ordinal)];
    }

    public static bool Same(string computed, string rewritten) => Of(computed).SequenceEqual(Of(rewritten));

    // "1 200,50" and "1 200,50" are one figure whatever space groups the thousands.
    [GeneratedRegex(@"(?<=\d)[ \u00A0\u202F](?=\d{3}(?!\d))")]
    private static partial Regex ThousandsGap();

    [GeneratedRegex(@"\d+(?:[.,]\d+)*")]
    private static partial Regex Number();
}
