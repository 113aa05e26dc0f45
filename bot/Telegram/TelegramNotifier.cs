using System.Globalization;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Scheduling;

namespace Recouvrement.Bot.Telegram;

/// <summary>The scheduler's pings and digests, in the owner's private chat (its id is the user's id).</summary>
public sealed class TelegramNotifier(TelegramSender sender) : INotifier
{
    public string Channel => TelegramUpdateHandler.Channel;

    public async Task<bool> NotifyAsync(Owner owner, Reply reply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (!long.TryParse(owner.ExternalId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId))
            return false;
        await sender.SendAsync(chatId, reply, ct).ConfigureAwait(false);
        return true;
    }
}
