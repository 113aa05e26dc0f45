namespace Recouvrement.Skills.Reminders;

/// <summary>One rung of the ladder: when it comes (days from the due date, per client plan) and its template.</summary>
public sealed class LadderStep
{
    public required string Name { get; set; }
    public required string Tone { get; set; }

    /// <summary>Days relative to the due date (negative: before it) for a standard client.</summary>
    public int OffsetDays { get; set; }

    /// <summary>For a "bon payeur": later and softer.</summary>
    public int GentleOffsetDays { get; set; }

    /// <summary>For a "mauvais payeur": sooner.</summary>
    public int StrictOffsetDays { get; set; }

    public int OffsetFor(string plan) => plan switch
    {
        Recouvrement.Data.ReminderPlans.Gentle => GentleOffsetDays,
        Recouvrement.Data.ReminderPlans.Strict => StrictOffsetDays,
        _ => OffsetDays,
    };
}

/// <summary>The `Reminders` configuration section.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    public const string Courtesy = "courtesy";
    public const string Friendly = "friendly";
    public const string Firm = "firm";
    public const string FormalNotice = "formal_notice";
    public const string FinalNotice = "final_notice";

    public List<LadderStep> Steps { get; set; } =
    [
        new() { Name = Courtesy, Tone = "courteous", OffsetDays = -3, GentleOffsetDays = -3, StrictOffsetDays = -5 },
        new() { Name = Friendly, Tone = "friendly", OffsetDays = 1, GentleOffsetDays = 3, StrictOffsetDays = 1 },
        new() { Name = Firm, Tone = "firm", OffsetDays = 8, GentleOffsetDays = 15, StrictOffsetDays = 5 },
        new() { Name = FormalNotice, Tone = "formal", OffsetDays = 15, GentleOffsetDays = 30, StrictOffsetDays = 10 },
        new() { Name = FinalNotice, Tone = "final", OffsetDays = 30, GentleOffsetDays = 45, StrictOffsetDays = 20 },
    ];

    /// <summary>Days given by a formal notice (and the final notice) to pay.</summary>
    public int NoticeDeadlineDays { get; set; } = 8;

    /// <summary>At most one message to a debtor per this many days; a rejected draft postpones its step as long.</summary>
    public int MinDaysBetween { get; set; } = 7;

    /// <summary>
    /// The deadline a formal notice gives when it leaves on <paramref name="sendDay"/>: at least NoticeDeadlineDays,
    /// moved to the next business day (weekends and French public holidays).
    /// </summary>
    public DateOnly NoticeDeadline(DateOnly sendDay) => Common.FrenchCalendar.OnOrNextBusinessDay(sendDay.AddDays(NoticeDeadlineDays));

    /// <summary>Hour of the owner's day from which messages to debtors may leave.</summary>
    public int SendHour { get; set; } = 9;

    /// <summary>Attempts on a transient SMTP failure before the owner is told it failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>First retry delay; doubled at each attempt.</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMinutes(2);

    public LadderStep? Step(string name) => Steps.FirstOrDefault(s => s.Name == name);

    public int IndexOf(string name) => Steps.FindIndex(s => s.Name == name);
}
