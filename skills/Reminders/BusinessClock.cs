using Recouvrement.Data;

namespace Recouvrement.Skills.Reminders;

/// <summary>The owner's calendar: their day, weekends, and the next moment a message to a debtor may leave.</summary>
public static class BusinessClock
{
    public static TimeZoneInfo Zone(Owner owner)
    {
        ArgumentNullException.ThrowIfNull(owner);
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(owner.TimeZone);
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");
        }
    }

    public static DateOnly Today(Owner owner, DateTimeOffset now) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Zone(owner)).DateTime);

    public static bool IsWeekend(DateOnly day) => Common.FrenchCalendar.IsWeekend(day);

    public static DateOnly NextBusinessDay(DateOnly day) => Common.FrenchCalendar.NextBusinessDay(day);

    /// <summary>The instant <paramref name="hour"/>:00 on that day in the owner's zone (daylight saving included).</summary>
    public static DateTimeOffset At(Owner owner, DateOnly day, int hour)
    {
        var zone = Zone(owner);
        var local = day.ToDateTime(new TimeOnly(hour, 0));
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }

    /// <summary>Now when it is a weekday at or after the sending hour; otherwise the next weekday at that hour.</summary>
    public static DateTimeOffset NextSendTime(Owner owner, DateTimeOffset now, int hour)
    {
        var today = Today(owner, now);
        // Weekends and French public holidays: the message waits for the next business day.
        if (Common.FrenchCalendar.IsBusinessDay(today) && now >= At(owner, today, hour))
            return now;
        var day = Common.FrenchCalendar.IsBusinessDay(today) ? today : NextBusinessDay(today);
        return At(owner, day, hour);
    }
}
