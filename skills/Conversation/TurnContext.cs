using Recouvrement.Data;
using Recouvrement.Skills.Reminders;

namespace Recouvrement.Skills.Conversation;

/// <summary>What every use case needs for one turn: the store, the owner, their language and their today.</summary>
public sealed record TurnContext(Database Db, Owner Owner, string Lang, DateOnly Today, DateTimeOffset Now, CancellationToken Ct, ReminderKit Reminders)
{
    public const string Actor = "owner";

    public string T(string fr, string en) => Say.Pick(Lang, fr, en);

    public string Money(long cents, string currency) => Format.Money(cents, currency, Lang);

    public string Date(DateOnly date) => Format.Date(date, Lang);
}

/// <summary>A use case's answer: what to say, and what the conversation waits for next (null: nothing).</summary>
public sealed record Outcome(IReadOnlyList<Reply> Replies, DialogState? State)
{
    public static Outcome Say(string text, DialogState? state = null) => new([new Reply(text)], state);

    public static Outcome Ask(string text, DialogState state) =>
        new([new Reply(text, [.. state.Choices.Select(c => new ReplyButton(c.Label, c.Payload))])], state);

    /// <summary>Several replies whose buttons all stay answerable (by press, or by number in a terminal).</summary>
    public static Outcome Many(IReadOnlyList<Reply> replies, DialogState? state = null) => new(replies, state);
}
