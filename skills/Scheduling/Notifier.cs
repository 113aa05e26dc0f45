using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Skills.Scheduling;

/// <summary>Reaches an owner outside a conversation, on one channel (terminal today; Telegram and Teams plug in).</summary>
public interface INotifier
{
    string Channel { get; }

    /// <summary>True once the owner's channel took the message (text, and its picture if any); false to keep it for later.</summary>
    Task<bool> NotifyAsync(Owner owner, Reply reply, CancellationToken ct);
}

/// <summary>
/// Pushes waiting notices (digests, pings, send failures) to the channels that can push. A notice no channel can
/// push stays waiting and is shown at the start of the owner's next turn, so nothing is lost either way.
/// </summary>
public sealed partial class NoticePump(Database db, IEnumerable<INotifier> notifiers, ILogger<NoticePump>? logger = null)
{
    private readonly Dictionary<string, INotifier> _byChannel = notifiers.ToDictionary(n => n.Channel, StringComparer.Ordinal);
    private readonly ILogger _logger = logger ?? NullLogger<NoticePump>.Instance;

    public async Task<int> RunOnceAsync(DateTimeOffset now, CancellationToken ct)
    {
        if (_byChannel.Count == 0)
            return 0;
        var pending = await db.ReadAsync(s => s.Notices.PendingAsync([.. _byChannel.Keys], 500), ct).ConfigureAwait(false);
        var delivered = 0;
        foreach (var (id, owner, text, attachment) in pending)
        {
            bool ok;
            try
            {
                var reply = new Reply(text, [], attachment is null ? null : await AttachmentAsync(owner, attachment, now, ct).ConfigureAwait(false));
                ok = await _byChannel[owner.Channel].NotifyAsync(owner, reply, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(_logger, e, owner.Channel);
                ok = false;
            }

            if (ok && await db.WriteAsync(s => s.Notices.MarkDeliveredAsync(id, now), ct).ConfigureAwait(false))
                delivered++;
        }

        return delivered;
    }

    /// <summary>The picture is drawn when pushed: it shows the figures of that moment, not of when the notice was written.</summary>
    private async Task<ReplyAttachment?> AttachmentAsync(Owner owner, string kind, DateTimeOffset now, CancellationToken ct)
    {
        if (kind != NoticeAttachments.AgingChart)
            return null;
        var today = Reminders.BusinessClock.Today(owner, now);
        var balances = await db.BalancesAsync(owner.Id, today, ct).ConfigureAwait(false);
        return Documents.AgingChart.Build(balances, today, owner.Language);
    }

    [LoggerMessage(EventId = 50, Level = LogLevel.Warning, Message = "A notice could not be pushed on {Channel}; it stays for the owner's next turn")]
    private static partial void LogFailed(ILogger logger, Exception exception, string channel);
}
