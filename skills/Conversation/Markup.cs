using System.Text;

namespace Recouvrement.Skills.Conversation;

/// <summary>
/// The light markup of replies: **bold** only. Text that came from an owner is escaped, so a client named
/// "**Evil**" prints as written and each channel renders the markup safely (HTML-escaped on Telegram).
/// </summary>
public static class Markup
{
    public static string Escape(string? text) =>
        string.IsNullOrEmpty(text) ? string.Empty : text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("*", "\\*", StringComparison.Ordinal);

    public static string Bold(string? text) => "**" + Escape(text) + "**";

    /// <summary>As <see cref="Bold"/>, into a buffer (texts written in bulk, as the morning digests).</summary>
    public static StringBuilder AppendBold(this StringBuilder sb, string? text)
    {
        ArgumentNullException.ThrowIfNull(sb);
        return sb.Append("**").Append(Escape(text)).Append("**");
    }

    /// <summary>Splits markup into runs of (text, bold), unescaping as it goes.</summary>
    public static IEnumerable<(string Text, bool Bold)> Runs(string markup)
    {
        ArgumentNullException.ThrowIfNull(markup);
        var sb = new StringBuilder();
        var bold = false;
        for (var i = 0; i < markup.Length; i++)
        {
            var c = markup[i];
            if (c == '\\' && i + 1 < markup.Length)
            {
                sb.Append(markup[++i]);
                continue;
            }

            if (c == '*' && i + 1 < markup.Length && markup[i + 1] == '*')
            {
                if (sb.Length > 0)
                    yield return (sb.ToString(), bold);
                sb.Clear();
                bold = !bold;
                i++;
                continue;
            }

            sb.Append(c);
        }

        if (sb.Length > 0)
            yield return (sb.ToString(), bold);
    }

    /// <summary>Plain text for a terminal: markup removed.</summary>
    public static string ToPlain(string markup) => string.Concat(Runs(markup).Select(r => r.Text));
}
