using Recouvrement.Data;

namespace Recouvrement.Skills.Reminders;

/// <summary>What the reminder use cases need: the composer (ladder, fees, templates) and the outbox dispatcher.</summary>
public sealed class ReminderKit(DraftComposer composer, OutboxDispatcher dispatcher)
{
    public DraftComposer Composer { get; } = composer;
    public OutboxDispatcher Dispatcher { get; } = dispatcher;
    public ReminderOptions Options => Composer.Options;

    /// <summary>Templates from prompts/, default ladder, no SMTP: every approved message is handed to the owner.</summary>
    public static ReminderKit Default(Database db)
    {
        var options = new ReminderOptions();
        return new ReminderKit(new DraftComposer(TemplateLibrary.FindDefault(), options), new OutboxDispatcher(db, new NoEmailSender(), options));
    }
}
