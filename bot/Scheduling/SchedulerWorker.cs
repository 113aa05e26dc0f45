using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recouvrement.Skills.Scheduling;

namespace Recouvrement.Bot.Scheduling;

/// <summary>Ticks the scheduler on the TimeProvider, then pushes the notices it produced to channels that can push.</summary>
public sealed partial class SchedulerWorker(SchedulerPass pass, NoticePump pump, TimeProvider clock, IOptions<SchedulerOptions> options, ILogger<SchedulerWorker> logger, Recouvrement.Skills.Reputation.WatchPass? watch = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
            return;
        try
        {
            using var timer = new PeriodicTimer(options.Value.TickInterval, clock);
            do
            {
                try
                {
                    await pass.RunAsync(clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                    if (watch is not null)
                        await watch.RunOnceAsync(clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                    await pump.RunOnceAsync(clock.GetUtcNow(), stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // One failed pass must not stop the next: what was not committed is redone, once.
                    LogTickFailed(logger, e);
                }
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }

    [LoggerMessage(EventId = 60, Level = LogLevel.Error, Message = "A scheduler tick failed")]
    private static partial void LogTickFailed(ILogger logger, Exception exception);
}
