using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Tests.Support;

public static class Kits
{
    public static readonly TemplateLibrary Templates = TemplateLibrary.FindDefault();

    public static ReminderKit For(TestStore store, IEmailSender sender, ReminderOptions? options = null)
    {
        options ??= new ReminderOptions();
        return new ReminderKit(new DraftComposer(Templates, options), new OutboxDispatcher(store.Db, sender, options));
    }

    public static ChatDriver Chat(TestStore store, IEmailSender sender, string owner = "owner-1", ReminderOptions? options = null) =>
        new(store, owner) { Engine = new TurnEngine(store.Db, new Recognizer(), For(store, sender, options)) };
}

/// <summary>An email sender that answers from a script, for the failure paths (transient, permanent, crash).</summary>
public sealed class ScriptedSender(params SendOutcome[] outcomes) : IEmailSender
{
    private int _calls;

    public List<EmailMessage> Sent { get; } = [];
    public bool IsConfigured => true;
    public int Calls => _calls;

    public Task<SendResult> SendAsync(EmailMessage message, CancellationToken ct)
    {
        var outcome = outcomes.Length == 0 ? SendOutcome.Sent : outcomes[Math.Min(_calls, outcomes.Length - 1)];
        _calls++;
        if (outcome == SendOutcome.Sent)
            Sent.Add(message);
        return Task.FromResult(new SendResult(outcome, outcome == SendOutcome.Sent ? null : outcome == SendOutcome.Transient ? "SMTP 451 try later" : "SMTP 550 mailbox unavailable"));
    }
}
