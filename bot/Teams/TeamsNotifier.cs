using System.Text.Json;
using Recouvrement.Data;
using Recouvrement.Skills.Scheduling;

namespace Recouvrement.Bot.Teams;

/// <summary>The scheduler's pings, sent proactively to the owner's personal chat (its stored conversation reference).</summary>
public sealed class TeamsNotifier(Database db, ConnectorClient connector) : INotifier
{
    public string Channel => TeamsHandler.Channel;

    public async Task<bool> NotifyAsync(Owner owner, string markup, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(owner);
        var json = await db.ReadAsync(s => s.Channels.GetStateAsync(TeamsHandler.Channel, "ref:" + owner.ExternalId), ct).ConfigureAwait(false);
        if (json is null || JsonSerializer.Deserialize<ConversationReference>(json, Activity.Json) is not { } r)
            return false;
        await connector.SendAsync(r.ServiceUrl, r.ConversationId, new
        {
            type = "message",
            from = r.Bot,
            recipient = r.User,
            conversation = new ConversationAccount(r.ConversationId),
            textFormat = "markdown",
            text = TeamsRenderer.ToMarkdown(markup),
        }, ct).ConfigureAwait(false);
        return true;
    }
}
