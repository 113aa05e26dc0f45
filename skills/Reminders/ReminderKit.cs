using Recouvrement.Data;

namespace Recouvrement.Skills.Reminders;

/// <summary>What the reminder use cases need: the composer (ladder, fees, templates) and the outbox dispatcher.</summary>
public sealed class ReminderKit(DraftComposer composer, OutboxDispatcher dispatcher, Plans.PlanPolicy? planPolicy = null)
{
    public DraftComposer Composer { get; } = composer;

    /// <summary>The configured plan policy (an owner's own limits, set by chat, override it).</summary>
    public Plans.PlanPolicy PlanPolicy { get; } = planPolicy ?? new Plans.PlanPolicy();
    public OutboxDispatcher Dispatcher { get; } = dispatcher;
    public ReminderOptions Options => Composer.Options;

    /// <summary>Templates from prompts/, default ladder, no SMTP: every approved message is handed to the owner.</summary>
    public static ReminderKit Default(Database db)
    {
        var options = new ReminderOptions();
        return new ReminderKit(new DraftComposer(TemplateLibrary.FindDefault(), options), new OutboxDispatcher(db, new NoEmailSender(), options));
    }
}
