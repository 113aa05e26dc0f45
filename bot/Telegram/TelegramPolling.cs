using System.Globalization;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recouvrement.Data;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types.Enums;

namespace Recouvrement.Bot.Telegram;

/// <summary>
/// Long polling: the webhook is deleted first, then getUpdates from the offset kept in the store, which moves past
/// an update once it is handled — a restart neither loses nor replays updates (and a replay would be recognised).
/// Instances sharing a store poll one at a time: the one holding the « telegram-polling » lease (Telegram refuses two
/// concurrent getUpdates); another takes over when the lease lapses.
/// </summary>
public sealed partial class TelegramPolling(TelegramSender sender, TelegramUpdateHandler handler, Database db, IOptions<TelegramOptions> options, TimeProvider clock, ILogger<TelegramPolling> logger) : BackgroundService
{
    private const string OffsetKey = "offset";
    public const string LeaseName = "telegram-polling";
    private readonly string _instance = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var bot = sender.Bot;
        var backoff = TimeSpan.FromSeconds(1);
        var webhookDeleted = false;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                try
                {
                    if (!webhookDeleted)
                    {
                        await bot.DeleteWebhook(dropPendingUpdates: false, cancellationToken: stoppingToken).ConfigureAwait(false);
                        webhookDeleted = true;
                    }

                    // The lease outlives one long poll by a margin; renewed before each.
                    var lease = TimeSpan.FromSeconds(options.Value.PollTimeoutSeconds + 30);
                    if (!await db.WriteAsync(s => s.Schedule.TryLeaseAsync(LeaseName, _instance, clock.GetUtcNow(), lease), stoppingToken).ConfigureAwait(false))
                    {
                        await Task.Delay(TimeSpan.FromSeconds(5), clock, stoppingToken).ConfigureAwait(false);
                        continue;
                    }

                    var stored = await db.ReadAsync(s => s.Channels.GetStateAsync(TelegramUpdateHandler.Channel, OffsetKey), stoppingToken).ConfigureAwait(false);
                    int? offset = stored is null ? null : int.Parse(stored, CultureInfo.InvariantCulture);
                    var updates = await bot.GetUpdates(offset, 100, options.Value.PollTimeoutSeconds, [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.EditedMessage], stoppingToken).ConfigureAwait(false);
                    foreach (var update in updates)
                    {
                        await handler.HandleAsync(update, stoppingToken).ConfigureAwait(false);
                        await db.WriteAsync(s => s.Channels.SetStateAsync(TelegramUpdateHandler.Channel, OffsetKey, (update.Id + 1).ToString(CultureInfo.InvariantCulture)), stoppingToken).ConfigureAwait(false);
                    }

                    if (updates.Length > 0)
                        await db.WriteAsync(s => s.Channels.PruneUpdatesAsync(clock.GetUtcNow().AddDays(-2)), stoppingToken).ConfigureAwait(false);
                    backoff = TimeSpan.FromSeconds(1);
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception e)
                {
                    // The Bot API is down or refuses: wait and try again; the token never reaches the log.
                    var code = e is ApiRequestException api ? api.ErrorCode : 0;
                    var wait = e is ApiRequestException { ErrorCode: 429, Parameters.RetryAfter: { } after } ? TimeSpan.FromSeconds(after) : backoff;
                    LogPollFailed(logger, e.GetType().Name, code, wait.TotalSeconds);
                    await Task.Delay(wait, clock, stoppingToken).ConfigureAwait(false);
                    backoff = TimeSpan.FromSeconds(Math.Min(backoff.TotalSeconds * 2, 60));
                }
            }
        }
        finally
        {
            // However polling stops (mid-poll, mid-backoff, the library wrapping the cancellation), the lease goes with
            // it, so another instance polls at once instead of after the lease runs out.
            await db.WriteAsync(s => s.Schedule.ReleaseAsync(LeaseName, _instance, clock.GetUtcNow()), CancellationToken.None).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 90, Level = LogLevel.Warning, Message = "Telegram polling failed ({Error}, code {Code}); retrying in {Seconds} s")]
    private static partial void LogPollFailed(ILogger logger, string error, int code, double seconds);
}
