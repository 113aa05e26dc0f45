using System.Text;
using System.Text.RegularExpressions;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Bot.Teams;

/// <summary>Replies for Teams: markdown text (owner text escaped), and buttons as an Adaptive Card 1.4 with Action.Submit.</summary>
public static partial class TeamsRenderer
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";

    public static string ToMarkdown(string markup)
    {
        var sb = new StringBuilder();
        foreach (var (text, bold) in Markup.Runs(markup))
        {
            var escaped = MarkdownRegex().Replace(text, @"\$0").Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
            sb.Append(bold ? $"**{escaped}**" : escaped);
        }

        // Teams joins single newlines: paragraphs keep the reply's lines apart.
        return sb.ToString().Replace("\n", "\n\n", StringComparison.Ordinal);
    }

    public static object Card(string markup, IReadOnlyList<ReplyButton> buttons) => new
    {
        contentType = CardType,
        content = new Dictionary<string, object>
        {
            ["type"] = "AdaptiveCard",
            ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json",
            ["version"] = "1.4",
            ["body"] = new object[] { new { type = "TextBlock", text = ToMarkdown(markup), wrap = true } },
            ["actions"] = buttons.Select(b => new { type = "Action.Submit", title = b.Label, data = new { payload = b.Payload } }).ToArray(),
        },
    };

    /// <summary>Teams puts "&lt;at&gt;Bot&lt;/at&gt;" in the text of a message that mentions the bot.</summary>
    public static string StripMentions(string? text) => string.IsNullOrEmpty(text) ? string.Empty : MentionRegex().Replace(text, string.Empty).Trim();

    [GeneratedRegex(@"[\\*_`\[\]#]")]
    private static partial Regex MarkdownRegex();

    [GeneratedRegex(@"<at>.*?</at>", RegexOptions.Singleline)]
    private static partial Regex MentionRegex();
}
