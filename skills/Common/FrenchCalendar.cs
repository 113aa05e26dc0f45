namespace Recouvrement.Skills.Common;

/// <summary>
/// Business days in France: not Saturday, not Sunday, not a public holiday (the eleven national ones, Easter-based
/// ones computed for any year; the Alsace-Moselle extra days are not counted).
/// </summary>
public static class FrenchCalendar
{
    public static bool IsWeekend(DateOnly day) => day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday;

    public static bool IsHoliday(DateOnly day)
    {
        if ((day.Month, day.Day) is (1, 1) or (5, 1) or (5, 8) or (7, 14) or (8, 15) or (11, 1) or (11, 11) or (12, 25))
            return true;
        var easter = Easter(day.Year);
        return day == easter.AddDays(1) || day == easter.AddDays(39) || day == easter.AddDays(50);
    }

    public static bool IsBusinessDay(DateOnly day) => !IsWeekend(day) && !IsHoliday(day);

    /// <summary>The day itself when it is a business day, else the next one.</summary>
    public static DateOnly OnOrNextBusinessDay(DateOnly day)
    {
        while (!IsBusinessDay(day))
            day = day.AddDays(1);
        return day;
    }

    public static DateOnly NextBusinessDay(DateOnly day) => OnOrNextBusinessDay(day.AddDays(1));

    /// <summary>« dans 4 jours ouvrés »: counts business days after <paramref name="from"/>.</summary>
    public static DateOnly AddBusinessDays(DateOnly from, int days)
    {
        var day = from;
        for (var i = 0; i < days; i++)
            day = NextBusinessDay(day);
        return day;
    }

    /// <summary>Easter Sunday (anonymous Gregorian algorithm, Meeus/Jones/Butcher).</summary>
    public static DateOnly Easter(int year)
    {
        int a = year % 19, b = year / 100, c = year % 100, d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
        int h = ((19 * a) + b - d - g + 15) % 30, i = c / 4, k = c % 4, l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        int m = (a + (11 * h) + (22 * l)) / 451, month = (h + l - (7 * m) + 114) / 31, day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }
}
