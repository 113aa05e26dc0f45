using System.Buffers;
using System.Text.RegularExpressions;

namespace Recouvrement.Skills.Understanding;

/// <summary>
/// Cheap tests run before a costly pattern: a pattern that needs a digit or one of a few words is not run on text
/// without them. Parsing is dominated by patterns that can start anywhere; most utterances need only a few of them.
/// </summary>
internal static class Gates
{
    public static readonly SearchValues<string> DurationWords = Words("jour", "day", "sem", "week", "mois", "month");
    public static readonly SearchValues<string> ReceiptWords = Words("recep", "compt", "receipt", "deliver", "immedia", "vue", "cash");
    public static readonly SearchValues<string> WeekdayWords = Words(
        "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday");
    public static readonly SearchValues<string> NamedDayWords = Words("mi-", "mi ", "mid", "moitie", "middle", "noel", "christmas", "jour de l", "new year", "dernier jour", "last day");
    public static readonly SearchValues<string> AnchorWords = Words("apres", "after", "from", "partir");
    public static readonly SearchValues<string> FortnightWords = Words("quinzaine", "huitaine", "fortnight");
    public static readonly SearchValues<string> BusinessDayWords = Words("ouvr", "travaill", "business", "working");
    public static readonly SearchValues<string> YearWords = Words(" an", "ans", "annee", "year");
    public static readonly SearchValues<string> CurrencyWords = Words("eur", "dollar", "livre", "pound", "franc", "€", "$", "£", "usd", "gbp", "chf", "yen", "cad");

    public static bool HasDigit(string text) => text.AsSpan().ContainsAnyInRange('0', '9');

    public static bool Has(string text, SearchValues<string> words) => text.AsSpan().ContainsAny(words);

    /// <summary>The pattern's matches when the gate is open, none otherwise.</summary>
    public static IEnumerable<Match> MatchesIf(bool open, Regex regex, string text) => open ? regex.Matches(text) : [];

    private static SearchValues<string> Words(params string[] words) => SearchValues.Create(words, StringComparison.Ordinal);
}
