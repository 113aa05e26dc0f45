using System.Text;
using Recouvrement.Skills.Conversation;
using Telegram.Bot.Extensions;
using Telegram.Bot.Types.ReplyMarkups;

namespace Recouvrement.Bot.Telegram;

/// <summary>Replies as Telegram sees them: escaped HTML, inline keyboards, and texts cut under 4096 characters.</summary>
public static class TelegramRenderer
{
    public const int MaxLength = 4096;
    public const int MaxCallbackBytes = 64;

    // Room for the tags a chunk may add (<b></b>) and the marker of a continued message.
    private const int ChunkBudget = 3900;

    /// <summary>Light markup to Telegram HTML: owner text is escaped, **bold** becomes &lt;b&gt;.</summary>
    public static string ToHtml(string markup)
    {
        var sb = new StringBuilder();
        foreach (var (text, bold) in Markup.Runs(markup))
            sb.Append(bold ? $"<b>{HtmlText.Escape(text)}</b>" : HtmlText.Escape(text));
        return sb.ToString();
    }

    /// <summary>
    /// Cuts a long reply into messages under Telegram's limit, between paragraphs or lines when it can, never inside
    /// a bold run or an escaped entity (the markup is cut before it becomes HTML).
    /// </summary>
    public static IReadOnlyList<string> Split(string markup)
    {
        ArgumentNullException.ThrowIfNull(markup);
        if (ToHtml(markup).Length <= MaxLength)
            return [ToHtml(markup)];
        var chunks = new List<string>();
        var current = new StringBuilder();
        foreach (var line in markup.Split('\n'))
        {
            foreach (var piece in Pieces(line))
            {
                if (current.Length > 0 && ToHtml(current + "\n" + piece).Length > ChunkBudget)
                {
                    chunks.Add(ToHtml(current.ToString()));
                    current.Clear();
                }

                if (current.Length > 0)
                    current.Append('\n');
                current.Append(piece);
            }
        }

        if (current.Length > 0)
            chunks.Add(ToHtml(current.ToString()));
        return chunks;
    }

    // A single line longer than a message is cut at spaces (bold markers are balanced per piece by Markup.Runs).
    private static IEnumerable<string> Pieces(string line)
    {
        if (line.Length <= ChunkBudget / 2)
        {
            yield return line;
            yield break;
        }

        var plain = Markup.ToPlain(line);
        for (var i = 0; i < plain.Length;)
        {
            var take = Math.Min(ChunkBudget / 2, plain.Length - i);
            if (i + take < plain.Length && plain.LastIndexOf(' ', i + take - 1, take) is var space and > 0 && space > i)
                take = space - i + 1;
            yield return Markup.Escape(plain.Substring(i, take));
            i += take;
        }
    }

    /// <summary>One button per row (labels are sentences); payloads over Telegram's 64 bytes are left out, not cut.</summary>
    public static InlineKeyboardMarkup? Keyboard(IReadOnlyList<ReplyButton> buttons)
    {
        ArgumentNullException.ThrowIfNull(buttons);
        var rows = buttons.Where(b => Encoding.UTF8.GetByteCount(b.Payload) <= MaxCallbackBytes)
            .Select(b => new[] { InlineKeyboardButton.WithCallbackData(b.Label, b.Payload) }).ToList();
        return rows.Count == 0 ? null : new InlineKeyboardMarkup(rows);
    }
}
