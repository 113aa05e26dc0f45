using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recouvrement.Skills.Reminders;

namespace Recouvrement.Bot.Email;

/// <summary>The `Scheduler` section's outbox part.</summary>
public sealed class OutboxWorkerOptions
{
    public TimeSpan OutboxInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// Keeps the outbox moving: at start, sends cut off by a crash become 'unknown' (shown to the owner, never resent
/// blindly); then every interval, queued messages whose time has come are sent (retries, Monday's messages).
/// </summary>
public sealed partial class OutboxWorker(OutboxDispatcher dispatcher, TimeProvider clock, IOptions<OutboxWorkerOptions> options, ILogger<OutboxWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            var interrupted = await dispatcher.RecoverInterruptedAsync(clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
            if (interrupted > 0)
                LogInterrupted(logger, interrupted);
            using var timer = new PeriodicTimer(options.Value.OutboxInterval, clock);
            do
            {
                try
                {
                    await dispatcher.RunOnceAsync(clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogPassFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "{Count} send(s) were interrupted by the last stop; the owners are asked what happened")]
    private static partial void LogInterrupted(ILogger logger, int count);

    [LoggerMessage(EventId = 31, Level = LogLevel.Error, Message = "An outbox pass failed")]
    private static partial void LogPassFailed(ILogger logger, Exception exception);
}
