using System.Text.Json;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Scheduling;

namespace Recouvrement.Bot.Teams;

/// <summary>The scheduler's pings, sent proactively to the owner's personal chat (its stored conversation reference).</summary>
public sealed class TeamsNotifier(Database db, ConnectorClient connector, TeamsFiles files) : INotifier
{
    public string Channel => TeamsHandler.Channel;

    public async Task<bool> NotifyAsync(Owner owner, Reply reply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(owner);
        ArgumentNullException.ThrowIfNull(reply);
        var json = await db.ReadAsync(s => s.Channels.GetStateAsync(TeamsHandler.Channel, "ref:" + owner.ExternalId), ct).ConfigureAwait(false);
        if (json is null || JsonSerializer.Deserialize<ConversationReference>(json, Activity.Json) is not { } r)
            return false;
        var file = reply.Attachment is { } f ? await files.AttachmentAsync(owner.ExternalId, f, owner.Language, ct).ConfigureAwait(false) : null;
        await connector.SendAsync(r.ServiceUrl, r.ConversationId, new
        {
            type = "message",
            from = r.Bot,
            recipient = r.User,
            conversation = new ConversationAccount(r.ConversationId),
            textFormat = "markdown",
            text = TeamsRenderer.ToMarkdown(reply.Text),
            attachments = file is null ? null : new[] { file },
        }, ct).ConfigureAwait(false);
        return true;
    }
}
