namespace Recouvrement.Skills.Reminders;

/// <summary>
/// How the ladder is spaced, decided apart from any wording: at most one message to a debtor per MinDaysBetween days
/// (a rejected draft counts, so its step comes back later instead of the next day), and no step after the formal
/// notice before that notice's own deadline has passed.
/// </summary>
public static class Spacing
{
    public static bool MayContact(ReminderOptions options, string step, DateOnly today, DateOnly? lastDecided, DateOnly? noticeSent)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (lastDecided is { } last && today.DayNumber - last.DayNumber < options.MinDaysBetween)
            return false;
        var noticeIndex = options.IndexOf(ReminderOptions.FormalNotice);
        if (noticeSent is { } sent && noticeIndex >= 0 && options.IndexOf(step) > noticeIndex && today <= options.NoticeDeadline(sent))
            return false;
        return true;
    }
}
