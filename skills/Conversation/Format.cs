using System.Globalization;
using System.Text;
using Humanizer;

namespace Recouvrement.Skills.Conversation;

/// <summary>Money, dates and durations as a French or English reader expects them.</summary>
public static class Format
{
    private const char Nbsp = '\u00A0';
    private static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-GB");

    public static CultureInfo Culture(string lang) => lang == "en" ? English : French;

    /// <summary>"1 200,50 €" in French, "€1,200.50" in English; non-breaking spaces so a line never splits an amount.</summary>
    public static string Money(long cents, string currency, string lang)
    {
        var negative = cents < 0;
        var abs = negative ? -(decimal)cents : cents;
        var units = (long)(abs / 100);
        var rest = (long)(abs % 100);
        var groupSep = lang == "en" ? ',' : Nbsp;
        var decSep = lang == "en" ? '.' : ',';
        var digits = units.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder();
        for (var i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0)
                sb.Append(groupSep);
            sb.Append(digits[i]);
        }

        sb.Append(decSep).Append(rest.ToString("00", CultureInfo.InvariantCulture));
        var number = sb.ToString();
        var symbol = currency switch { "EUR" => "€", "USD" => "$", "GBP" => "£", _ => currency };
        var text = lang == "en"
            ? symbol.Length == 1 ? symbol + number : symbol + Nbsp + number
            : number + Nbsp + symbol;
        return negative ? "-" + text : text;
    }

    /// <summary>"15/12/2026" in French, "15 Dec 2026" in English.</summary>
    public static string Date(DateOnly date, string lang) =>
        lang == "en" ? date.ToString("d MMM yyyy", English) : date.ToString("dd/MM/yyyy", French);

    /// <summary>"3 semaines", "1 month": how long, in the reader's language.</summary>
    public static string Duration(int days, string lang) =>
        Durations.GetOrAdd((Math.Abs(days), lang == "en"), k => TimeSpan.FromDays(k.Days).Humanize(1, k.English ? English : French, maxUnit: Humanizer.TimeUnit.Month, minUnit: Humanizer.TimeUnit.Day));

    // Humanizer takes ~20 µs a call and a morning's digests ask for the same few hundred durations thousands of times.
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int Days, bool English), string> Durations = new();

    /// <summary>When a date is from today: "dans 4 semaines", "aujourd'hui", "il y a 3 jours" / "in 4 weeks", "today", "3 days ago".</summary>
    public static string Relative(DateOnly date, DateOnly today, string lang)
    {
        var days = date.DayNumber - today.DayNumber;
        return (days, lang) switch
        {
            (0, "en") => "today",
            (0, _) => "aujourd'hui",
            (1, "en") => "tomorrow",
            (1, _) => "demain",
            ( > 1, "en") => $"in {Duration(days, lang)}",
            ( > 1, _) => $"dans {Duration(days, lang)}",
            (_, "en") => $"{Duration(days, lang)} ago",
            _ => $"il y a {Duration(days, lang)}",
        };
    }

    /// <summary>Where a due date stands from today: "échéance dans 2 jours", "due today", "en retard de 3 semaines", "1 month late".</summary>
    public static string DueRelative(DateOnly due, DateOnly today, string lang)
    {
        var days = due.DayNumber - today.DayNumber;
        if (days >= 0)
            return (lang == "en" ? "due " : "échéance ") + Relative(due, today, lang);
        return lang == "en" ? $"{Duration(days, lang)} late" : $"en retard de {Duration(days, lang)}";
    }
}
