using System.Text.RegularExpressions;

namespace Recouvrement.Skills.Understanding;

/// <summary>
/// Absolute ("15/12", "15 décembre", "Dec 15", "January 10th", "2026-12-15") and relative ("demain", "fin du mois",
/// "à 45 jours", "net 30", "in 45 days") dates, read on folded text. A date without a year is its next occurrence.
/// </summary>
public static partial class Dates
{
    internal enum Basis
    {
        /// <summary>Counted from today ("dans 30 jours", "in 45 days").</summary>
        Today,

        /// <summary>Payment terms, counted from the invoice date ("à 45 jours", "net 30").</summary>
        Terms,
    }

    /// <param name="YearInferred">True when the owner gave no year and the next occurrence was assumed.</param>
    /// <param name="Weekday">Read from a weekday name alone ("vendredi").</param>
    /// <param name="Conflict">A weekday written next to this date names another day ("mardi 16/12" when the 16th is a Wednesday).</param>
    internal readonly record struct Match(int Index, int Length, DateOnly? Value, string Text, bool Invalid, bool YearInferred = false, bool Weekday = false, bool Conflict = false);

    private const string FrMonths = "janv(?:ier)?|fe?v(?:r(?:ier)?)?|mars|avr(?:il)?|mai|juin|juil(?:let)?|aout|sept?(?:embre)?|oct(?:obre)?|nov(?:embre)?|dec(?:embre)?";
    private const string EnMonths = "jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?";

    [GeneratedRegex(@"(?<![\d/.-])(?<y>\d{4})-(?<m>\d{1,2})-(?<d>\d{1,2})(?![\d-])", RegexOptions.CultureInvariant)]
    private static partial Regex IsoRegex();

    [GeneratedRegex(@"(?<![\d/.,-])(?<a>\d{1,2})(?<sep>[/.-])(?<b>\d{1,2})(?:\k<sep>(?<y>\d{4}|\d{2}))?(?![\d/,]|\.\d|\s?(?:€|\$|£|eur|euros?|usd|k\b))", RegexOptions.CultureInvariant)]
    private static partial Regex NumericRegex();

    [GeneratedRegex(@"(?<![\d])(?<d>\d{1,2})\s?(?:er|eme|e|st|nd|rd|th)?\.?(?:\s+|-|\.\s*)(?:of\s+|de\s+)?(?<m>" + FrMonths + "|" + EnMonths + @")\b\.?(?:(?:,?\s+|-|\s')(?<y>\d{4}|\d{2}(?![\d.,:/]|\s?(?:€|\$|£|eur|euros?|usd|dollars?|k\b|%|h\b|heures?|jours?|j\b|days?|mois|months?|fois|x\b))))?", RegexOptions.CultureInvariant)]
    private static partial Regex DayMonthRegex();

    [GeneratedRegex(@"\b(?<m>" + EnMonths + @")\.?(?:\s+|-)(?<d>\d{1,2})(?:st|nd|rd|th)?\b(?:,?\s+(?<y>\d{4}))?", RegexOptions.CultureInvariant)]
    private static partial Regex MonthDayRegex();

    [GeneratedRegex(
        @"(?:\b(?:payable|paiement|payment|reglement|due|echeance)\s+)?(?:\b(?<prep>a|dans|sous|in|within|net|d'ici|en|under|after|apres)\s*)?(?<n>\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|vingt|trente|quarante-cinq|quarante|soixante|a|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|thirty|forty-five|forty|sixty)\s*(?<u>jours?|j\b|days?|d\b|semaines?|sem\b|weeks?|mois|months?)(?!\s+(?:apres|after|from|ouvr))(?<eom>\s*(?:fin\s+de\s+mois|fdm|end\s+of\s+(?:the\s+)?month|eom))?(?:\s+(?:net|nets))?",
        RegexOptions.CultureInvariant)]
    private static partial Regex RelativeRegex();

    [GeneratedRegex(@"\bnet\s?(?<n>\d{1,3})\b", RegexOptions.CultureInvariant)]
    private static partial Regex NetRegex();

    [GeneratedRegex(@"\b(?:(?<eom>fin\s+(?:du|de|de\s+ce)\s+mois|end\s+of\s+(?:the\s+|this\s+)?month|fin\s+de\s+mois)(?<next>\s+(?:prochain|suivant))?|(?<eomnext>end\s+of\s+next\s+month|fin\s+du\s+mois\s+prochain))", RegexOptions.CultureInvariant)]
    private static partial Regex EndOfMonthRegex();

    [GeneratedRegex(@"\b(?:(?<today>aujourd'hui|aujourdhui|today|ce\s+jour)|(?<after>apres[- ]demain|day\s+after\s+tomorrow)|(?<tomorrow>demain|tomorrow|tmrw)|(?<nextweek>(?:la\s+)?semaine\s+prochaine|next\s+week)|(?<nextmonth>(?:le\s+)?mois\s+prochain|next\s+month))\b", RegexOptions.CultureInvariant)]
    private static partial Regex WordsRegex();

    [GeneratedRegex(@"\b(?:next\s+)?(?<wd>lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:\s+prochain)?\b", RegexOptions.CultureInvariant)]
    private static partial Regex WeekdayRegex();

    /// <summary>All dates in the text, first absolute then relative, each span masked once taken.</summary>
    internal static List<Match> Extract(FoldedText text, DateOnly today, Func<int, DateOnly>? termsBase = null)
    {
        var found = new List<Match>();
        void Take(int index, int length, DateOnly? value, bool invalid = false, bool inferred = false)
        {
            found.Add(new Match(index, length, value, text.Original.Substring(index, length), invalid, inferred));
            text.Mask(index, length);
        }

        ExtractCompound(text, today, termsBase, (i, l, v, bad, inferred) => Take(i, l, v, bad, inferred));
        var digit = Gates.HasDigit(text.Folded);

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(digit, IsoRegex(), text.Masked))
        {
            var date = Make(int.Parse(m.Groups["y"].Value), int.Parse(m.Groups["m"].Value), int.Parse(m.Groups["d"].Value));
            Take(m.Index, m.Length, date, date is null);
        }

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(digit, NumericRegex(), text.Masked))
        {
            var a = int.Parse(m.Groups["a"].Value);
            var b = int.Parse(m.Groups["b"].Value);
            var sep = m.Groups["sep"].Value;
            // "12.50" is money, "3-4" a range: without a year only "/" reads as a date.
            if (sep != "/" && !m.Groups["y"].Success)
                continue;
            if (b > 31 || a > 31)
                continue;
            // Day first (French); month first only when the day-first reading is impossible ("12/25").
            var (day, month) = b > 12 && a <= 12 ? (b, a) : (a, b);
            if (m.Groups["y"].Success)
            {
                var y = int.Parse(m.Groups["y"].Value);
                if (y < 100)
                    y += 2000;
                var date = Make(y, month, day);
                Take(m.Index, m.Length, date, date is null);
            }
            else
            {
                var date = NextOccurrence(today, month, day);
                Take(m.Index, m.Length, date, date is null, inferred: true);
            }
        }

        foreach (var regex in new[] { DayMonthRegex(), MonthDayRegex() })
        {
            foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(digit, regex, text.Masked))
            {
                var month = MonthNumber(m.Groups["m"].Value);
                var day = int.Parse(m.Groups["d"].Value);
                if (month == 0)
                    continue;
                var year = m.Groups["y"].Success ? int.Parse(m.Groups["y"].Value) : 0;
                var date = m.Groups["y"].Success ? Make(year < 100 ? 2000 + year : year, month, day) : NextOccurrence(today, month, day);
                Take(m.Index, m.Length, date, date is null, inferred: !m.Groups["y"].Success);
            }
        }

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(digit || Gates.Has(text.Folded, Gates.DurationWords), RelativeRegex(), text.Masked))
        {
            var prep = m.Groups["prep"].Value;
            var n = Number(m.Groups["n"].Value);
            // A bare "30 jours" with no preposition is still a term ("30 jours fin de mois", "paiement 30 jours").
            if (n is null or 0 || (prep.Length == 0 && !m.Groups["eom"].Success && !m.Value.Contains("payable") && !m.Value.Contains("paiement") && !m.Value.Contains("echeance") && !m.Value.Contains("due") && !m.Value.Contains("reglement") && !m.Value.Contains("payment")))
                continue;
            // "en 3 mois" is a plan's length, not a date.
            if (prep == "en")
                continue;
            var basis = prep is "dans" or "in" or "within" or "d'ici" or "sous" or "under" or "after" or "apres" ? Basis.Today : Basis.Terms;
            var start = basis == Basis.Terms && termsBase is not null ? termsBase(m.Index) : today;
            var unit = m.Groups["u"].Value;
            var date = unit.StartsWith('j') || unit.StartsWith('d')
                ? start.AddDays(n.Value)
                : unit.StartsWith('s') || unit.StartsWith('w') ? start.AddDays(7 * n.Value) : start.AddMonths(n.Value);
            if (m.Groups["eom"].Success)
                date = EndOfMonth(date);
            Take(m.Index, m.Length, date);
        }

        foreach (System.Text.RegularExpressions.Match m in EndOfMonthRegex().Matches(text.Masked))
        {
            var next = m.Groups["next"].Success || m.Groups["eomnext"].Success;
            var month = next ? today.AddMonths(1) : today;
            Take(m.Index, m.Length, EndOfMonth(month));
        }

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(digit, NetRegex(), text.Masked))
        {
            var start = termsBase is not null ? termsBase(m.Index) : today;
            Take(m.Index, m.Length, start.AddDays(int.Parse(m.Groups["n"].Value)));
        }

        foreach (System.Text.RegularExpressions.Match m in WordsRegex().Matches(text.Masked))
        {
            var date = m.Groups["today"].Success ? today
                : m.Groups["after"].Success ? today.AddDays(2)
                : m.Groups["tomorrow"].Success ? today.AddDays(1)
                : m.Groups["nextweek"].Success ? today.AddDays(7)
                : today.AddMonths(1);
            Take(m.Index, m.Length, date);
        }

        foreach (System.Text.RegularExpressions.Match m in Gates.MatchesIf(Gates.Has(text.Folded, Gates.WeekdayWords), WeekdayRegex(), text.Masked))
        {
            var target = Weekday(m.Groups["wd"].Value);
            var delta = ((int)target - (int)today.DayOfWeek + 7) % 7;
            found.Add(new Match(m.Index, m.Length, today.AddDays(delta == 0 ? 7 : delta), text.Original.Substring(m.Index, m.Length), false, Weekday: true));
            text.Mask(m.Index, m.Length);
        }

        found.Sort((x, y) => x.Index.CompareTo(y.Index));
        return ResolveWeekdays(found, text.Folded);
    }

    /// <summary>
    /// An explicit date always wins over a weekday written next to it ("mardi 15/12"): the weekday is dropped, and when
    /// it names another day the date is flagged so the owner is asked instead of one of the two being guessed.
    /// </summary>
    private static List<Match> ResolveWeekdays(List<Match> found, string folded)
    {
        for (var i = 0; i + 1 < found.Count; i++)
        {
            var (w, a) = (found[i], found[i + 1]);
            if (!w.Weekday || a.Weekday || a.Value is null || w.Value is null)
                continue;
            var gap = folded[(w.Index + w.Length)..a.Index].Trim().Trim(',');
            if (gap is not ("" or "le" or "the"))
                continue;
            var conflict = a.Value.Value.DayOfWeek != w.Value.Value.DayOfWeek;
            found[i + 1] = a with { Index = w.Index, Length = a.Index + a.Length - w.Index, Text = w.Text + " " + a.Text, Conflict = conflict };
            found.RemoveAt(i);
        }

        return found;
    }

    /// <summary>Parses one date on its own (an answer to "which due date?").</summary>
    public static bool TryParse(string text, DateOnly today, out DateOnly date, out bool invalid)
    {
        ArgumentNullException.ThrowIfNull(text);
        var folded = new FoldedText(text);
        var matches = Extract(folded, today);
        date = default;
        invalid = matches.Count > 0 && matches[0].Invalid;
        if (matches.Count == 0 || matches[0].Value is null)
            return false;
        date = matches[0].Value!.Value;
        return true;
    }

    /// <summary>For dates in the past by nature (an invoice's issue, a payment made): the latest occurrence not after today.</summary>
    internal static DateOnly PastOccurrence(Match m, DateOnly today)
    {
        var value = m.Value!.Value;
        if (!m.YearInferred || value <= today)
            return value;
        var year = value.Year - 1;
        var day = Math.Min(value.Day, DateTime.DaysInMonth(year, value.Month));
        return new DateOnly(year, value.Month, day);
    }

    public static DateOnly EndOfMonth(DateOnly d) => new(d.Year, d.Month, DateTime.DaysInMonth(d.Year, d.Month));

    private static DateOnly? Make(int y, int m, int d) =>
        y is >= 1900 and <= 2200 && m is >= 1 and <= 12 && d >= 1 && d <= DateTime.DaysInMonth(y, m) ? new DateOnly(y, m, d) : null;

    private static DateOnly? NextOccurrence(DateOnly today, int month, int day)
    {
        if (month is < 1 or > 12 || day < 1 || day > 31)
            return null;
        // 29/02 is possible only in a leap year: look ahead up to four years.
        for (var y = today.Year; y <= today.Year + 4; y++)
        {
            var candidate = Make(y, month, day);
            if (candidate is { } c && c >= today)
                return c;
            if (candidate is null && day <= DateTime.DaysInMonth(2024, month) && month != 2)
                return null;
        }

        return null;
    }

    private static int MonthNumber(string m) => (m.Length >= 3 ? m[..3] : m) switch
    {
        "jan" => 1,
        "fev" or "feb" or "fv" or "fvr" => 2,
        "mar" => 3,
        "avr" or "apr" => 4,
        "mai" or "may" => 5,
        "jui" => m.StartsWith("juil", StringComparison.Ordinal) ? 7 : 6,
        "jun" => 6,
        "jul" => 7,
        "aou" or "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => m.StartsWith("fv", StringComparison.Ordinal) ? 2 : 0,
    };

    private static int? Number(string s) => s switch
    {
        "un" or "une" or "a" or "one" => 1,
        "deux" or "two" => 2,
        "trois" or "three" => 3,
        "quatre" or "four" => 4,
        "cinq" or "five" => 5,
        "six" => 6,
        "sept" or "seven" => 7,
        "huit" or "eight" => 8,
        "neuf" or "nine" => 9,
        "dix" or "ten" => 10,
        "quinze" or "fifteen" => 15,
        "vingt" or "twenty" => 20,
        "trente" or "thirty" => 30,
        "quarante" or "forty" => 40,
        "quarante-cinq" or "forty-five" => 45,
        "soixante" or "sixty" => 60,
        _ => int.TryParse(s, out var n) ? n : null,
    };

    /// <summary>The one weekday table: French and English names and their usual abbreviations.</summary>
    public static DayOfWeek? WeekdayOf(string word) => (word ?? string.Empty) switch
    {
        "lundi" or "monday" or "lun" or "mon" => DayOfWeek.Monday,
        "mardi" or "tuesday" or "tue" or "tues" => DayOfWeek.Tuesday,
        "mercredi" or "wednesday" or "mer" or "wed" => DayOfWeek.Wednesday,
        "jeudi" or "thursday" or "jeu" or "thu" or "thur" or "thurs" => DayOfWeek.Thursday,
        "vendredi" or "friday" or "ven" or "fri" => DayOfWeek.Friday,
        "samedi" or "saturday" or "sam" or "sat" => DayOfWeek.Saturday,
        "dimanche" or "sunday" or "dim" or "sun" => DayOfWeek.Sunday,
        _ => null,
    };

    /// <summary>Whether the text names a weekday in full (« silence jusqu'à lundi »).</summary>
    public static bool NamesWeekday(string text) => WeekdayRegex().IsMatch(new FoldedText(text ?? string.Empty).Folded);

    private static DayOfWeek Weekday(string w) => WeekdayOf(w.EndsWith('s') && w.Length > 6 ? w[..^1] : w) ?? DayOfWeek.Sunday;
}
