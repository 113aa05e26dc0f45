using Recouvrement.Skills.Conversation;

namespace Recouvrement.Bot.Console;

/// <summary>
/// The terminal channel: one message per line in, replies out, buttons as numbered choices that can be answered
/// with the number. Works interactively and with piped stdin, so a conversation can be scripted.
/// </summary>
internal sealed class ConsoleChat(TurnEngine engine, TimeProvider clock, OwnerIdentity owner, DocumentFolder? documents = null)
{
    public const string ConversationKey = "console";

    public async Task RunAsync(TextReader input, TextWriter output, bool interactive, CancellationToken ct)
    {
        if (interactive)
        {
            await output.WriteLineAsync("Recouvrement — tapez « aide » pour commencer, Ctrl+D pour quitter. / Type \"help\" to start, Ctrl+D to quit.").ConfigureAwait(false);
            await output.WriteAsync("> ").ConfigureAwait(false);
        }

        while (!ct.IsCancellationRequested && await input.ReadLineAsync(ct).ConfigureAwait(false) is { } line)
        {
            var replies = await engine.HandleAsync(new Turn(owner, ConversationKey, line, null, clock.GetUtcNow()), ct).ConfigureAwait(false);
            foreach (var reply in replies)
            {
                await output.WriteLineAsync(Render(reply)).ConfigureAwait(false);
                if (reply.Attachment is { } file && documents is not null)
                    await output.WriteLineAsync("📎 " + await documents.SaveAsync(file, ct).ConfigureAwait(false)).ConfigureAwait(false);
            }

            if (interactive)
                await output.WriteAsync("> ").ConfigureAwait(false);
            await output.FlushAsync(ct).ConfigureAwait(false);
        }
    }

    public static string Render(Reply reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = Markup.ToPlain(reply.Text);
        if (reply.Buttons.Count == 0)
            return text;
        var choices = reply.Buttons.Select((b, i) => $"  {i + 1}) {b.Label}");
        return text + "\n" + string.Join('\n', choices);
    }
}
