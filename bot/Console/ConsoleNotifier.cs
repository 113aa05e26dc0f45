using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Scheduling;

namespace Recouvrement.Bot.Console;

/// <summary>Pings and digests in the terminal while an interactive chat is open.</summary>
internal sealed class ConsoleNotifier(TextWriter output, DocumentFolder documents) : INotifier
{
    private readonly Lock _gate = new();

    public string Channel => "console";

    public async Task<bool> NotifyAsync(Owner owner, Reply reply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var saved = reply.Attachment is { } file ? "\n📎 " + await documents.SaveAsync(file, ct).ConfigureAwait(false) : string.Empty;
        lock (_gate)
        {
            output.WriteLine();
            output.WriteLine("🔔 " + Markup.ToPlain(reply.Text) + saved);
            output.Write("> ");
            output.Flush();
        }

        return true;
    }
}
