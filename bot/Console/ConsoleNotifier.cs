using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Scheduling;

namespace Recouvrement.Bot.Console;

/// <summary>Pings and digests in the terminal while an interactive chat is open.</summary>
internal sealed class ConsoleNotifier(TextWriter output) : INotifier
{
    private readonly Lock _gate = new();

    public string Channel => "console";

    public Task<bool> NotifyAsync(Owner owner, string markup, CancellationToken ct)
    {
        lock (_gate)
        {
            output.WriteLine();
            output.WriteLine("🔔 " + Markup.ToPlain(markup));
            output.Write("> ");
            output.Flush();
        }

        return Task.FromResult(true);
    }
}
