using System.Text.RegularExpressions;
using Recouvrement.Skills.Common;

namespace Recouvrement.Skills.Understanding;

/// <summary>
/// The compound date phrases read before the simple ones, so that their parts are not read alone: « mercredi la semaine
/// prochaine », « lundi en huit », « premier vendredi de juillet », « le 20 du mois prochain », « deux jours après
/// demain », « 2 weeks from January 15 », « sous quinzaine », « dans 4 jours ouvrés », « premier mars », « dernier
/// jour d'octobre », « fin janvier », « à réception ».
/// </summary>
public static partial class Dates
{
    private const string Weekdays = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday";
    private const string AllMonths = "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december|janv|fevr?|avr|juil|sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec";
    private const string Ordinals = "premier|1er|first|1st|deuxieme|2e|2eme|second|2nd|troisieme|3e|3eme|third|3rd|quatrieme|4e|4eme|fourth|4th|cinquieme|5e|fifth|5th|dernier|derniere|last";

    private static readonly Dictionary<string, int> DayWords = BuildDayWords();

    private static Dictionary<string, int> BuildDayWords()
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        string[] fr = ["", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix", "onze", "douze", "treize", "quatorze", "quinze", "seize", "dix-sept", "dix-huit", "dix-neuf", "vingt"];
        string[] en = ["", "first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth", "tenth", "eleventh", "twelfth", "thirteenth", "fourteenth", "fifteenth", "sixteenth", "seventeenth", "eighteenth", "nineteenth", "twentieth"];
        for (var i = 2; i <= 20; i++)
            d[fr[i]] = i;
        d["premier"] = 1;
        d["1er"] = 1;
        for (var i = 1; i <= 20; i++)
            d[en[i]] = i;
        d["vingt et un"] = 21;
        d["trente"] = 30;
        d["trente et un"] = 31;
        d["thirtieth"] = 30;
        d["thirty-first"] = 31;
        d["thirty first"] = 31;
        for (var i = 2; i <= 9; i++)
        {
            d[$"vingt-{fr[i]}"] = 20 + i;
            d[$"vingt {fr[i]}"] = 20 + i;
            d[$"twenty-{en[i]}"] = 20 + i;
            d[$"twenty {en[i]}"] = 20 + i;
        }

        d["twenty-first"] = 21;
        d["twenty first"] = 21;
        return d;
    }

    private static string DayWordAlternation() =>
        string.Join("|", DayWords.Keys.OrderByDescending(k => k.Length).Select(Regex.Escape));

    private static readonly Regex SpelledDayMonth = new(
        @"\b(?:le\s+|the\s+)?(?<dw>" + DayWordAlternation() + @")\s+(?:of\s+|de\s+|d')?(?<m>" + AllMonths + @")\b\.?(?:\s+(?<y>\d{4}))?",
        RegexOptions.CultureInvariant | RegexOptions.Compiled);

    [GeneratedRegex(@"\b(?:" + AllMonths + @")\b", RegexOptions.CultureInvariant)]
    private static partial Regex AnyMonthRegex();

    [GeneratedRegex(@"\b(?<wd>" + Weekdays + @")\s+(?:de\s+)?la\s+semaine\s+(?:prochaine|suivante|d'apres)\b|\bnext\s+week\s+on\s+(?<wd>" + Weekdays + @")\b|\b(?<wd>" + Weekdays + @")\s+(?:of\s+)?next\s+week\b|\bla\s+semaine\s+prochaine\s+(?:le\s+)?(?<wd>" + Weekdays + @")\b", RegexOptions.CultureInvariant)]
    private static partial Regex WeekdayNextWeekRegex();

    [GeneratedRegex(@"\b(?<wd>" + Weekdays + @")\s+en\s+(?<n>huit|quinze)\b|\b(?<wd>" + Weekdays + @")\s+(?<n>week)\b|\b(?:the\s+)?(?<wd>" + Weekdays + @")\s+(?<n>after\s+next)\b", RegexOptions.CultureInvariant)]
    private static partial Regex WeekdayEnHuitRegex();

    /// <summary>« mi-janvier », « mid-March », « Noël », « Christmas », « jour de l'an », « le dernier jour du mois ».</summary>
    [GeneratedRegex(@"\b(?:mi[- ]|mid[- ]|(?:a\s+la\s+|a\s+)?moitie\s+(?:de\s+|d')|(?:the\s+)?middle\s+of\s+)(?<mid>" + AllMonths + @")\b(?:\s+(?<y>\d{4}))?|\b(?:(?:a\s+|pour\s+)?noel|(?:on\s+)?christmas(?:\s+day)?)\b(?:\s+(?<y>\d{4}))?(?<xmas>)|\b(?:(?:le\s+)?jour\s+de\s+l'an|new\s+year'?s\s+day)\b(?<newyear>)|\b(?:(?:le\s+)?dernier\s+jour\s+(?:du|de\s+ce)\s+mois|(?:the\s+)?last\s+day\s+of\s+(?:the|this)\s+month)\b(?<lastday>)", RegexOptions.CultureInvariant)]
    private static partial Regex NamedDayRegex();

    [GeneratedRegex(@"\b(?:le\s+|the\s+)?(?<ord>" + Ordinals + @")\s+(?<wd>" + Weekdays + @")\s+(?:de\s+|d'|du\s+mois\s+de\s+|of\s+|in\s+)(?<m>" + AllMonths + @")\b\.?(?:\s+(?<y>\d{4}))?", RegexOptions.CultureInvariant)]
    private static partial Regex OrdinalWeekdayRegex();

    [GeneratedRegex(@"\b(?:(?:le\s+)?dernier\s+jour\s+(?:de\s+|d')|(?:the\s+)?last\s+day\s+of\s+|fin\s+(?:de\s+|d')?|end\s+of\s+)(?<m>" + AllMonths + @")\b\.?(?:\s+(?<y>\d{4}))?", RegexOptions.CultureInvariant)]
    private static partial Regex EndOfNamedMonthRegex();

    [GeneratedRegex(@"\b(?:le|the|on\s+the)\s+(?<d>\d{1,2})(?:er|e|eme|st|nd|rd|th)?(?![a-z])(?<next>\s+(?:du\s+mois\s+prochain|of\s+next\s+month|of\s+the\s+month|du\s+mois))?(?![\d/.,:-])(?!\s*(?:of\s+|de\s+|d')?(?:" + AllMonths + @"|jours?|j\b|days?|mois|months?|semaines?|weeks?|ans?|years?|h\b|heures?|%|€|\$|£|eur|euros?|dollars?|fois|x\b|factures?|invoices?|clients?)\b)", RegexOptions.CultureInvariant)]
    private static partial Regex BareDayRegex();

    [GeneratedRegex(@"\b(?<n>\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|one|two|three|four|five|six|seven|eight|nine|ten|a)\s+(?<u>jours?|days?|semaines?|weeks?|mois|months?)\s+(?:apres|after|from|a\s+partir\s+(?:de|d'|du))\s+", RegexOptions.CultureInvariant)]
    private static partial Regex OffsetFromRegex();

    [GeneratedRegex(@"\b(?:sous|dans|d'ici|en)\s+(?:une\s+)?(?<q>quinzaine|huitaine)\b|\b(?:in|within)\s+(?:a|one)\s+(?<q>fortnight)\b|\b(?<n>\d|two|three|deux|trois)\s+(?<q>fortnights?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex FortnightRegex();

    [GeneratedRegex(@"\b(?:dans|sous|d'ici|in|within)\s+(?<n>\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|one|two|three|four|five|six|seven|eight|nine|ten)\s+(?:jours?\s+(?:ouvres|ouvrables|travailles)|business\s+days?|working\s+days?|jours?\s+ouvres)\b", RegexOptions.CultureInvariant)]
    private static partial Regex BusinessDaysRegex();

    [GeneratedRegex(@"\b(?:dans|in|within|d'ici)\s+(?<n>\d{1,2}|un|une|deux|trois|quatre|cinq|one|two|three|four|five|a)\s+(?:ans?|annees?|years?)\b", RegexOptions.CultureInvariant)]
    private static partial Regex YearsRegex();

    [GeneratedRegex(@"(?:\b(?:payable|paiement|reglement|due|echeance|payment)\s+)?\b(?:a\s+(?:la\s+)?reception(?:\s+de\s+(?:la\s+)?facture)?|au\s+comptant|comptant|cash\s+on\s+receipt|(?:due\s+|payable\s+)?(?:up)?on\s+receipt|upon\s+receipt|on\s+delivery|immediate(?:ly)?|immediat(?:ement)?|a\s+vue)\b", RegexOptions.CultureInvariant)]
    private static partial Regex OnReceiptRegex();

    [GeneratedRegex(@"(?<![\d/.,-])(?<d>\d{1,2})\s(?<m>\d{1,2})\s(?<y>\d{4})(?![\d])", RegexOptions.CultureInvariant)]
    private static partial Regex SpacedNumericRegex();

    [GeneratedRegex(@"(?<![\d/.-])(?<y>\d{4})[/.](?<m>\d{1,2})[/.](?<d>\d{1,2})(?![\d/.])", RegexOptions.CultureInvariant)]
    private static partial Regex YearFirstRegex();

    [GeneratedRegex(@"\b(?:(?:echeance|due|le|on|by|avant|before|pour|next)\s+)(?<wd>lun|mer|jeu|ven|sam|dim|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.?(?![a-z'])", RegexOptions.CultureInvariant)]
    private static partial Regex WeekdayAbbreviationRegex();

    [GeneratedRegex(@"\b(?<wd>" + Weekdays + @")\s*,?\s*(?:le\s+|the\s+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex WeekdayBeforeRegex();

    /// <summary>Compound phrases first; each takes its whole span so its parts are not read again.</summary>
    private static void ExtractCompound(FoldedText text, DateOnly today, Func<int, DateOnly>? termsBase, Action<int, int, DateOnly?, bool, bool> take)
    {
        var digit = Gates.HasDigit(text.Folded);
        var weekday = Gates.Has(text.Folded, Gates.WeekdayWords);
        var monthNamed = AnyMonthRegex().IsMatch(text.Folded);
        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(Gates.Has(text.Folded, Gates.ReceiptWords), OnReceiptRegex(), text.Masked))
            take(m.Index, m.Length, termsBase is not null ? termsBase(m.Index) : today, false, false);

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(weekday, WeekdayNextWeekRegex(), text.Masked))
        {
            // The weekday of next week (weeks start on Monday).
            var monday = today.AddDays(7 - (((int)today.DayOfWeek + 6) % 7));
            take(m.Index, m.Length, monday.AddDays(((int)Weekday(m.Groups["wd"].Value) + 6) % 7), false, false);
        }

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(weekday, WeekdayEnHuitRegex(), text.Masked))
        {
            var target = Weekday(m.Groups["wd"].Value);
            var delta = ((int)target - (int)today.DayOfWeek + 7) % 7;
            var next = today.AddDays(delta == 0 ? 7 : delta);
            take(m.Index, m.Length, next.AddDays(m.Groups["n"].Value == "quinze" ? 14 : 7), false, false);
        }

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(Gates.Has(text.Folded, Gates.NamedDayWords), NamedDayRegex(), text.Masked))
        {
            int? year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value) : null;
            DateOnly? value = m.Groups["lastday"].Success ? EndOfMonth(today)
                : m.Groups["newyear"].Success ? new DateOnly(today.Year + 1, 1, 1)
                : m.Groups["xmas"].Success ? (year is { } y ? Make(y, 12, 25) : NextOccurrence(today, 12, 25))
                : MonthNumber(m.Groups["mid"].Value) is > 0 and var month ? (year is { } y2 ? Make(y2, month, 15) : NextOccurrence(today, month, 15)) : null;
            if (value is not null)
                take(m.Index, m.Length, value, false, year is null && !m.Groups["lastday"].Success && !m.Groups["newyear"].Success);
        }

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(weekday && monthNamed, OrdinalWeekdayRegex(), text.Masked))
        {
            var month = MonthNumber(m.Groups["m"].Value);
            if (month == 0)
                continue;
            var wd = Weekday(m.Groups["wd"].Value);
            var ord = OrdinalOf(m.Groups["ord"].Value);
            DateOnly? Compute(int year)
            {
                if (ord < 0)
                {
                    var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
                    return last.AddDays(-(((int)last.DayOfWeek - (int)wd + 7) % 7));
                }

                var first = new DateOnly(year, month, 1);
                var day = first.AddDays((((int)wd - (int)first.DayOfWeek + 7) % 7) + (7 * (ord - 1)));
                return day.Month == month ? day : null;
            }

            var value = m.Groups["y"].Success ? Compute(int.Parse(m.Groups["y"].Value)) : Compute(today.Year) is { } d && d >= today ? d : Compute(today.Year + 1);
            take(m.Index, m.Length, value, value is null, !m.Groups["y"].Success);
        }

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(monthNamed, EndOfNamedMonthRegex(), text.Masked))
        {
            var month = MonthNumber(m.Groups["m"].Value);
            if (month == 0)
                continue;
            var year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value) : (month < today.Month ? today.Year + 1 : today.Year);
            take(m.Index, m.Length, new DateOnly(year, month, DateTime.DaysInMonth(year, month)), false, !m.Groups["y"].Success);
        }

        // The spelled-day grammar is large: it only runs when a month is named at all.
        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(monthNamed, SpelledDayMonth, text.Masked))
        {
            var month = MonthNumber(m.Groups["m"].Value);
            if (month == 0 || !DayWords.TryGetValue(m.Groups["dw"].Value, out var day))
                continue;
            var date = m.Groups["y"].Success ? Make(int.Parse(m.Groups["y"].Value), month, day) : NextOccurrence(today, month, day);
            take(m.Index, m.Length, date, date is null, !m.Groups["y"].Success);
        }

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(digit, YearFirstRegex(), text.Masked))
        {
            var date = Make(int.Parse(m.Groups["y"].Value), int.Parse(m.Groups["m"].Value), int.Parse(m.Groups["d"].Value));
            take(m.Index, m.Length, date, date is null, false);
        }

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(digit, SpacedNumericRegex(), text.Masked))
        {
            var date = Make(int.Parse(m.Groups["y"].Value), int.Parse(m.Groups["m"].Value), int.Parse(m.Groups["d"].Value));
            if (date is not null)
                take(m.Index, m.Length, date, false, false);
        }

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(Gates.Has(text.Folded, Gates.AnchorWords), OffsetFromRegex(), text.Masked))
        {
            // « deux jours après demain », « 2 weeks from January 15 »: the anchor is the date that follows.
            var rest = text.Original[(m.Index + m.Length)..];
            var probe = new FoldedText(rest);
            var anchor = Extract(probe, today).FirstOrDefault(a => a.Index == 0 && a.Value is not null);
            if (anchor.Value is not { } from || n(m.Groups["n"].Value) is not { } count)
                continue;
            var unit = m.Groups["u"].Value;
            var value = unit.StartsWith('j') || unit.StartsWith('d') ? from.AddDays(count)
                : unit.StartsWith('s') || unit.StartsWith('w') ? from.AddDays(7 * count) : from.AddMonths(count);
            take(m.Index, m.Length + anchor.Length, value, false, false);
        }

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(Gates.Has(text.Folded, Gates.FortnightWords), FortnightRegex(), text.Masked))
        {
            var q = m.Groups["q"].Value;
            var times = m.Groups["n"].Success ? n(m.Groups["n"].Value) ?? 1 : 1;
            take(m.Index, m.Length, today.AddDays((q == "huitaine" ? 8 : 14) * times), false, false);
        }

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(Gates.Has(text.Folded, Gates.BusinessDayWords), BusinessDaysRegex(), text.Masked))
        {
            if (n(m.Groups["n"].Value) is { } count)
                take(m.Index, m.Length, FrenchCalendar.AddBusinessDays(today, count), false, false);
        }

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(Gates.Has(text.Folded, Gates.YearWords), YearsRegex(), text.Masked))
        {
            if (n(m.Groups["n"].Value) is { } count)
                take(m.Index, m.Length, today.AddYears(count), false, false);
        }

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(digit, BareDayRegex(), text.Masked))
        {
            var day = int.Parse(m.Groups["d"].Value);
            if (day is < 1 or > 31)
                continue;
            // « le 16 »: this month when still to come, else next month; « le 20 du mois prochain »: next month.
            var nextMonth = m.Groups["next"].Value.Contains("prochain", StringComparison.Ordinal) || m.Groups["next"].Value.Contains("next", StringComparison.Ordinal);
            var month = new DateOnly(today.Year, today.Month, 1).AddMonths(nextMonth ? 1 : 0);
            if (!nextMonth && day < today.Day)
                month = month.AddMonths(1);
            var date = day <= DateTime.DaysInMonth(month.Year, month.Month) ? new DateOnly(month.Year, month.Month, day) : (DateOnly?)null;
            take(m.Index, m.Length, date, date is null, false);
        }

        foreach (System.Text.RegularExpressions.Match m in WeekdayAbbreviationRegex().Matches(text.Masked))
        {
            var g = m.Groups["wd"];
            var target = WeekdayOf(g.Value) ?? DayOfWeek.Sunday;
            var delta = ((int)target - (int)today.DayOfWeek + 7) % 7;
            take(g.Index, g.Length + (m.Index + m.Length - g.Index - g.Length), today.AddDays(delta == 0 ? 7 : delta), false, false);
        }

        static int? n(string s) => s switch
        {
            "cinq" or "five" => 5,
            "sept" or "seven" => 7,
            "huit" or "eight" => 8,
            "neuf" or "nine" => 9,
            "dix" or "ten" => 10,
            "quinze" => 15,
            _ => Number(s),
        };
    }



    private static int OrdinalOf(string o) => o switch
    {
        "premier" or "1er" or "first" or "1st" => 1,
        "deuxieme" or "2e" or "2eme" or "second" or "2nd" => 2,
        "troisieme" or "3e" or "3eme" or "third" or "3rd" => 3,
        "quatrieme" or "4e" or "4eme" or "fourth" or "4th" => 4,
        "cinquieme" or "5e" or "fifth" or "5th" => 5,
        _ => -1,
    };
}
