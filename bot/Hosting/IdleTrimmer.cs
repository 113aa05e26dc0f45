using Microsoft.Extensions.Hosting;
using Recouvrement.Data;

namespace Recouvrement.Bot.Hosting;

/// <summary>
/// Gives memory back once the service goes quiet. A chat service is idle most of the day, and after a burst the GC
/// keeps the heap it grew (no allocation, no collection) and each pooled SQLite connection keeps its page cache: the
/// service stayed at 200+ MB for hours. After a tick with almost no allocation following a busy one, the pools are
/// cleared and one aggressive, compacting collection returns the free memory to the system.
/// </summary>
internal sealed class IdleTrimmer(Database db, TimeProvider clock) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(10);

    /// <summary>Less than this allocated during a tick counts as idle.</summary>
    private const long QuietBytes = 2 * 1024 * 1024;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var last = GC.GetTotalAllocatedBytes();
        var trimmed = false;
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var now = GC.GetTotalAllocatedBytes();
                var busy = now - last > QuietBytes;
                last = now;
                if (busy)
                {
                    trimmed = false;
                    continue;
                }

                if (trimmed)
                    continue;
                db.ClearPools();
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                trimmed = true;
                last = GC.GetTotalAllocatedBytes();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping.
        }
    }
}
