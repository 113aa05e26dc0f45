using Microsoft.Extensions.Configuration;
using Recouvrement.Skills.Plans;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Scheduling;

namespace Recouvrement.Bot.Hosting;

/// <summary>A configuration value the bot refuses to start with; its message is the one line the operator sees.</summary>
public sealed class BadConfigurationException(string message) : Exception(message)
{
    public BadConfigurationException()
        : this("Bad configuration.")
    {
    }

    public BadConfigurationException(string message, Exception inner)
        : this(message + " " + inner?.Message)
    {
    }
}

/// <summary>
/// Every options section bound and checked at start: a bad value stops the bot at once with one line naming the key and
/// what is allowed, instead of failing later in a turn or a pass.
/// </summary>
public static class OptionsRules
{
    public static void ThrowIfInvalid(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = Check(configuration);
        if (problems.Count > 0)
            throw new BadConfigurationException(string.Join(" ", problems));
    }

    public static IReadOnlyList<string> Check(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<string>();
        var plans = Bind<PlanPolicy>(configuration, PlanPolicy.Section, problems);
        var reminders = Bind<ReminderOptions>(configuration, ReminderOptions.Section, problems);
        var scheduler = Bind<SchedulerOptions>(configuration, SchedulerOptions.Section, problems);
        var smtp = Bind<Email.SmtpOptions>(configuration, Email.SmtpOptions.Section, problems);
        var outbox = Bind<Email.OutboxWorkerOptions>(configuration, "Scheduler", problems);
        var teams = Bind<Teams.TeamsOptions>(configuration, Teams.TeamsOptions.Section, problems);
        if (problems.Count > 0)
            return problems;

        void Range(string key, double value, double min, double max, string unit = "")
        {
            if (value < min || value > max)
                problems.Add($"{key}={value}{unit} is not allowed: from {min}{unit} to {max}{unit}.");
        }

        void Positive(string key, TimeSpan value, TimeSpan max)
        {
            if (value <= TimeSpan.Zero || value > max)
                problems.Add($"{key}={value} is not allowed: a duration above 00:00:00 and at most {max} (hh:mm:ss).");
        }

        Range("Plans:MaxMonths", plans!.MaxMonths, 1, 60);
        Range("Plans:MinInstalmentCents", plans.MinInstalmentCents, 1, 100_000_000);
        Range("Plans:FirstPaymentWithinDays", plans.FirstPaymentWithinDays, 0, 90);
        Range("Plans:DepositPercent", plans.DepositPercent, 0, 90);
        Range("Plans:GraceDays", plans.GraceDays, 0, 60);
        Range("Reminders:SendHour", reminders!.SendHour, 0, 23);
        Range("Reminders:NoticeDeadlineDays", reminders.NoticeDeadlineDays, 8, 60);
        Range("Reminders:MaxAttempts", reminders.MaxAttempts, 1, 20);
        Range("Reminders:MinDaysBetween", reminders.MinDaysBetween, 1, 60);
        Positive("Reminders:RetryDelay", reminders.RetryDelay, TimeSpan.FromDays(1));
        if (reminders.Steps.Count == 0)
            problems.Add("Reminders:Steps is empty: at least one ladder step is needed.");
        Positive("Scheduler:TickInterval", scheduler!.TickInterval, TimeSpan.FromHours(1));
        Positive("Scheduler:LeaseDuration", scheduler.LeaseDuration, TimeSpan.FromHours(6));
        Positive("Scheduler:OutboxInterval", outbox!.OutboxInterval, TimeSpan.FromHours(1));
        Range("Scheduler:BatchSize", scheduler.BatchSize, 1, 10_000);
        Range("Scheduler:SoonDays", scheduler.SoonDays, 0, 30);
        Range("Smtp:Port", smtp!.Port, 1, 65_535);
        Range("Teams:InboxCapacity", teams!.InboxCapacity, 1, 1_000_000);
        Range("Teams:Consumers", teams.Consumers, 0, 64);
        if (teams.DrainTimeout < TimeSpan.Zero || teams.DrainTimeout > TimeSpan.FromMinutes(10))
            problems.Add($"Teams:DrainTimeout={teams.DrainTimeout} is not allowed: from 00:00:00 to 00:10:00.");
        return problems;
    }

    private static T? Bind<T>(IConfiguration configuration, string section, List<string> problems)
        where T : class, new()
    {
        try
        {
            return configuration.GetSection(section).Get<T>() ?? new T();
        }
        catch (InvalidOperationException e)
        {
            // The binder names the key ("Failed to convert configuration value at 'Plans:MaxMonths' to type 'System.Int32'").
            var inner = e.InnerException?.Message is { Length: > 0 } m ? " (" + m.TrimEnd('.') + ")" : string.Empty;
            problems.Add(e.Message.TrimEnd('.') + inner + ".");
            return null;
        }
    }
}
