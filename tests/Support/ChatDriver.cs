using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Tests.Support;

/// <summary>Talks to the turn engine like a channel would, and replays transcript tables.</summary>
public sealed class ChatDriver(TestStore store, string ownerId = "owner-1", DateTimeOffset? now = null)
{
    public static readonly DateTimeOffset DefaultNow = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1));

    public TestStore Store { get; } = store;

    private IReadOnlyList<Reply> _last = [];
    private readonly List<ReplyButton> _seen = [];

    public TurnEngine Engine { get; set; } = new(store.Db, new Recognizer());
    public OwnerIdentity Owner { get; } = new("test", ownerId, "Test owner");
    public DateTimeOffset Now { get; set; } = now ?? DefaultNow;

    public async Task<string> SayAsync(string text)
    {
        _last = await Engine.HandleAsync(new Turn(Owner, "chat", text, null, Now), TestContext.Current.CancellationToken);
        _seen.AddRange(_last.SelectMany(r => r.Buttons));
        return Render(_last);
    }

    /// <summary>
    /// Presses the button whose label contains the text: on the last replies, else the most recent one seen before
    /// (as an owner taps a button on an older message).
    /// </summary>
    public async Task<string> PressAsync(string label)
    {
        var button = _last.SelectMany(r => r.Buttons).FirstOrDefault(b => b.Label.Contains(label, StringComparison.OrdinalIgnoreCase))
            ?? _seen.LastOrDefault(b => b.Label.Contains(label, StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"No button '{label}' in: {Render(_last)}");
        return await PressPayloadAsync(button.Payload);
    }

    public async Task<string> PressPayloadAsync(string payload)
    {
        _last = await Engine.HandleAsync(new Turn(Owner, "chat", null, payload, Now), TestContext.Current.CancellationToken);
        _seen.AddRange(_last.SelectMany(r => r.Buttons));
        return Render(_last);
    }

    public IReadOnlyList<Reply> LastReplies => _last;

    /// <summary>
    /// Replays rows of (owner says, reply must contain). "[press] Label" presses a button; an expectation starting
    /// with "!" must not appear.
    /// </summary>
    public async Task PlayAsync(params (string Says, string Expect)[] rows)
    {
        foreach (var (says, expect) in rows)
        {
            var reply = says.StartsWith("[press] ", StringComparison.Ordinal) ? await PressAsync(says[8..]) : await SayAsync(says);
            var normalized = Normalize(reply);
            foreach (var part in expect.Split("&&", StringSplitOptions.TrimEntries))
            {
                if (part.StartsWith('!'))
                    Assert.False(normalized.Contains(part[1..], StringComparison.Ordinal), $"\"{says}\" -> must not contain \"{part[1..]}\" but got:\n{normalized}");
                else
                    Assert.True(normalized.Contains(part, StringComparison.Ordinal), $"\"{says}\" -> expected \"{part}\" in:\n{normalized}");
            }
        }
    }

    /// <summary>Non-breaking spaces (kept in replies so amounts never wrap) compare as plain spaces.</summary>
    public static string Normalize(string text) => text.Replace('\u00A0', ' ').Replace('\u202F', ' ');

    public static string Render(IReadOnlyList<Reply> replies) =>
        string.Join("\n", replies.Select(r => Markup.ToPlain(r.Text) + string.Concat(r.Buttons.Select((b, i) => $"\n  {i + 1}) {b.Label}"))));
}
