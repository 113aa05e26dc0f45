using System.Diagnostics;
using System.Globalization;
using Dapper;
using Recouvrement.Data;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Scheduling;

namespace Recouvrement.Bot.Cli;

/// <summary>
/// `bench --scheduler [--owners N] [--invoices-per-owner N] [--batch N]`: a store of 10 000 owners and 1 000 000
/// invoices, then two weeks of timed scheduler passes: the first mornings (every client climbs a rung a day, as the
/// owners send everything at once, until the ladder tops out), then the second week (steady state: digests for every
/// owner on weekdays, the day's pings and rungs), and a quiet tick. Peak managed heap is sampled during each.
/// </summary>
internal static class SchedulerBench
{
    public static async Task<int> RunAsync(CliArgs cli, TextWriter output, CancellationToken ct)
    {
        var owners = int.Parse(cli.Option("owners") ?? "10000", CultureInfo.InvariantCulture);
        var perOwner = int.Parse(cli.Option("invoices-per-owner") ?? "100", CultureInfo.InvariantCulture);
        var path = cli.Option("db") ?? Path.Combine(Path.GetTempPath(), $"recouvrement-sched-bench-{Environment.ProcessId}.db");
        // --db may name a PostgreSQL database (an empty one: the bench seeds it); a SQLite file is started afresh.
        if (!Database.IsPostgres(path))
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(path + suffix);
        }

        // --snapshot FILE (SQLite): the store as it stands before day 8 is kept there, and later runs start from it, so
        // the steady week can be measured again without the first (the same migrations are assumed).
        var snapshot = cli.Option("snapshot");
        var resumed = snapshot is not null && !Database.IsPostgres(path) && File.Exists(snapshot);
        if (resumed)
        {
            File.Copy(snapshot!, path);
            SyncFile(path);
        }

        await using var db = new Database(path);
        await db.MigrateAsync(ct).ConfigureAwait(false);
        var monday = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));

        var sw = Stopwatch.StartNew();
        if (!resumed)
            await BenchSeeder.ManyOwnersAsync(db, owners, perOwner, DateOnly.FromDateTime(monday.Date), ct).ConfigureAwait(false);
        await output.WriteLineAsync($"scheduler store: {owners:N0} owners, {owners * perOwner:N0} invoices, {(resumed ? $"from {snapshot}" : $"generated in {sw.Elapsed.TotalSeconds:N1} s")}").ConfigureAwait(false);

        var options = new ReminderOptions();
        var kit = new ReminderKit(new DraftComposer(TemplateLibrary.FindDefault(), options), new OutboxDispatcher(db, new NoEmailSender(), options));
        var pass = new SchedulerPass(db, kit, new SchedulerOptions { ReportLines = false, BatchSize = cli.Option("batch") is { } batch ? int.Parse(batch, CultureInfo.InvariantCulture) : new SchedulerOptions().BatchSize });

        if (!resumed)
            await MeasureAsync(output, "day 1, first morning (every overdue client gets its first rung)", () => pass.RunAsync(monday, ct)).ConfigureAwait(false);
        // Each day the owners deal with their drafts, and the ladder climbs one rung a day until it tops out.
        for (var day = resumed ? 8 : 2; day <= 14; day++)
        {
            if (day == 8 && snapshot is not null && !resumed && !Database.IsPostgres(path))
                await SnapshotAsync(path, snapshot, ct).ConfigureAwait(false);

            await BenchSeeder.MarkDraftsSentAsync(db, ct).ConfigureAwait(false);
            var at = monday.AddDays(day - 1);
            await MeasureAsync(output, $"day {day}, {at:dddd}", () => pass.RunAsync(at, ct)).ConfigureAwait(false);
        }

        await MeasureAsync(output, "quiet tick (every owner done today)", () => pass.RunAsync(monday.AddDays(13).AddMinutes(1), ct)).ConfigureAwait(false);

        db.ClearPools();
        if (cli.Option("db") is null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(path + suffix);
        }

        return 0;
    }

    private static async Task SnapshotAsync(string path, string snapshot, CancellationToken ct)
    {
        File.Delete(snapshot);
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path}");
        await connection.OpenAsync(ct).ConfigureAwait(false);
        await connection.ExecuteAsync("VACUUM INTO @Snapshot", new { Snapshot = snapshot }).ConfigureAwait(false);
        SyncFile(snapshot);
    }

    /// <summary>
    /// A gigabyte just copied is written out before the next pass is timed: the kernel's write-back of it ran during the
    /// mornings measured and slowed them by up to a third on disk.
    /// </summary>
    private static void SyncFile(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Flush(flushToDisk: true);
    }

    private static async Task MeasureAsync(TextWriter output, string label, Func<Task<PassReport>> run)
    {
        GC.Collect();
        var baseline = GC.GetTotalMemory(true);
        long peak = baseline;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(false));
                await Task.Delay(5, CancellationToken.None).ConfigureAwait(false);
            }
        });
        var (allocated, paused) = (GC.GetTotalAllocatedBytes(precise: true), GC.GetTotalPauseDuration());
        var sw = Stopwatch.StartNew();
        var report = await run().ConfigureAwait(false);
        sw.Stop();
        (allocated, paused) = (GC.GetTotalAllocatedBytes(precise: true) - allocated, GC.GetTotalPauseDuration() - paused);
        await sampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        await output.WriteLineAsync($"scheduler pass, {label}: {sw.Elapsed.TotalSeconds:N2} s for {report.OwnersSeen:N0} owners ({report.OwnersHandled:N0} handled); peak managed heap +{(peak - baseline) / 1024.0 / 1024.0:N1} MB, {allocated / 1024.0 / 1024.0:N0} MB allocated, GC pauses {paused.TotalMilliseconds:N0} ms").ConfigureAwait(false);
    }
}
