using System.Text.RegularExpressions;

namespace Recouvrement.Skills.Understanding;

/// <summary>
/// Amounts written in words, French and English, read only when a currency follows (« mille deux cents euros »,
/// « dix euros », « three thousand dollars », « twenty dollars 43 cents », « half a million dollars »).
/// </summary>
internal static partial class NumberWords
{
    private static readonly Dictionary<string, long> Units = new(StringComparer.Ordinal)
    {
        ["zero"] = 0,
        ["un"] = 1,
        ["une"] = 1,
        ["deux"] = 2,
        ["trois"] = 3,
        ["quatre"] = 4,
        ["cinq"] = 5,
        ["six"] = 6,
        ["sept"] = 7,
        ["huit"] = 8,
        ["neuf"] = 9,
        ["dix"] = 10,
        ["onze"] = 11,
        ["douze"] = 12,
        ["treize"] = 13,
        ["quatorze"] = 14,
        ["quinze"] = 15,
        ["seize"] = 16,
        ["vingt"] = 20,
        ["vingts"] = 20,
        ["trente"] = 30,
        ["quarante"] = 40,
        ["cinquante"] = 50,
        ["soixante"] = 60,
        ["one"] = 1,
        ["a"] = 1,
        ["two"] = 2,
        ["three"] = 3,
        ["four"] = 4,
        ["five"] = 5,
        ["seven"] = 7,
        ["eight"] = 8,
        ["nine"] = 9,
        ["ten"] = 10,
        ["eleven"] = 11,
        ["twelve"] = 12,
        ["thirteen"] = 13,
        ["fourteen"] = 14,
        ["fifteen"] = 15,
        ["sixteen"] = 16,
        ["seventeen"] = 17,
        ["eighteen"] = 18,
        ["nineteen"] = 19,
        ["twenty"] = 20,
        ["thirty"] = 30,
        ["forty"] = 40,
        ["fifty"] = 50,
        ["sixty"] = 60,
        ["seventy"] = 70,
        ["eighty"] = 80,
        ["ninety"] = 90,
    };

    private const string Word = "zero|une?|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingts?|trente|quarante|cinquante|soixante|cents?|mille|millions?|milliards?|one|a|two|three|four|five|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundred|thousand|billion|half|et|and";

    [GeneratedRegex(@"(?<!\d\s*)\b(?<words>(?:(?:" + Word + @")(?:[\s-]+|$))+?)(?:de\s+|d'|of\s+)?(?<cur>euros?|dollars?|livres?|pounds?|francs?|€|\$|£|eur\b|usd\b|gbp\b|chf\b)(?:\s+(?<cents>\d{1,2}|" + "vingt|trente|quarante|cinquante|dix|quinze|twenty|thirty|forty|fifty|ten|fifteen" + @")(?:\s*(?:cents?|centimes?))?(?![\d.,]))?", RegexOptions.CultureInvariant)]
    private static partial Regex AmountInWordsRegex();

    internal readonly record struct Found(int Index, int Length, decimal Value, string Currency);

    public static IEnumerable<Found> Find(string folded)
    {
        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(Gates.Has(folded, Gates.CurrencyWords), AmountInWordsRegex(), folded))
        {
            var words = m.Groups["words"].Value.Trim();
            if (words.Length == 0 || words is "a" or "et" or "and" or "une" or "un" || !TryParse(words, out var value))
                continue;
            decimal result = value;
            if (m.Groups["cents"].Success)
            {
                var c = m.Groups["cents"].Value;
                result += (long.TryParse(c, out var n) ? n : Units.GetValueOrDefault(c)) / 100m;
            }

            yield return new Found(m.Index, m.Length, result, Amounts.CurrencyOf(m.Groups["cur"].Value) ?? "EUR");
        }
    }

    /// <summary>Words to a number: units and tens add, « cent »/hundred multiply the group, thousand/million close it.</summary>
    public static bool TryParse(string words, out long value)
    {
        value = 0;
        var tokens = words.Replace("quatre-vingts", "quatre-vingt", StringComparison.Ordinal).Replace("quatre-vingt", "octante", StringComparison.Ordinal)
            .Split([' ', '-'], StringSplitOptions.RemoveEmptyEntries);
        long total = 0, group = 0;
        var any = false;
        for (var i = 0; i < tokens.Length; i++)
        {
            var t = tokens[i];
            if (t is "et" or "and")
                continue;
            if (t == "half" && i + 2 < tokens.Length && tokens[i + 1] == "a")
            {
                // "half a million": half of the scale that follows.
                var scale = Scale(tokens[i + 2]);
                if (scale == 0)
                    return false;
                total += scale / 2;
                i += 2;
                any = true;
                continue;
            }

            if (t == "octante")
            {
                group += 80;
                any = true;
            }
            else if (Units.TryGetValue(t, out var u))
            {
                group += u;
                any = true;
            }
            else if (t is "cent" or "cents" or "hundred")
            {
                group = (group == 0 ? 1 : group) * 100;
                any = true;
            }
            else if (Scale(t) is > 0 and var scale)
            {
                total += (group == 0 ? 1 : group) * scale;
                group = 0;
                any = true;
            }
            else
            {
                return false;
            }
        }

        value = total + group;
        return any && value > 0;
    }

    private static long Scale(string t) => t switch
    {
        "mille" or "thousand" => 1_000,
        "million" or "millions" => 1_000_000,
        "milliard" or "milliards" or "billion" => 1_000_000_000,
        _ => 0,
    };
}
