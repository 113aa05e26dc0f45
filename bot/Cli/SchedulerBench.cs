using System.Diagnostics;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;
using Recouvrement.Data;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Scheduling;

namespace Recouvrement.Bot.Cli;

/// <summary>
/// `bench --scheduler [--owners N] [--invoices-per-owner N]`: a store of 10 000 owners and 1 000 000 invoices,
/// then timed scheduler passes: the first morning (every rung due at once), the next morning (steady state:
/// digests for every owner, the day's pings and rungs), and a quiet tick. Peak managed heap is sampled during each.
/// </summary>
internal static class SchedulerBench
{
    public static async Task<int> RunAsync(CliArgs cli, TextWriter output, CancellationToken ct)
    {
        var owners = int.Parse(cli.Option("owners") ?? "10000", CultureInfo.InvariantCulture);
        var perOwner = int.Parse(cli.Option("invoices-per-owner") ?? "100", CultureInfo.InvariantCulture);
        var path = cli.Option("db") ?? Path.Combine(Path.GetTempPath(), $"recouvrement-sched-bench-{Environment.ProcessId}.db");
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(path + suffix);
        var db = new Database(path);
        await db.MigrateAsync(ct).ConfigureAwait(false);
        var monday = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.FromHours(1));

        var sw = Stopwatch.StartNew();
        await BenchSeeder.ManyOwnersAsync(db, owners, perOwner, DateOnly.FromDateTime(monday.Date), ct).ConfigureAwait(false);
        await output.WriteLineAsync($"scheduler store: {owners:N0} owners, {owners * perOwner:N0} invoices, generated in {sw.Elapsed.TotalSeconds:N1} s").ConfigureAwait(false);

        var options = new ReminderOptions();
        var kit = new ReminderKit(new DraftComposer(TemplateLibrary.FindDefault(), options), new OutboxDispatcher(db, new NoEmailSender(), options));
        var pass = new SchedulerPass(db, kit, new SchedulerOptions { ReportLines = false });

        await MeasureAsync(output, "day 1, first morning (every overdue client gets its first rung)", () => pass.RunAsync(monday, ct)).ConfigureAwait(false);
        // Each day the owners deal with their drafts, and the ladder climbs one rung a day until it tops out.
        for (var day = 2; day <= 7; day++)
        {
            await BenchSeeder.MarkDraftsSentAsync(db, ct).ConfigureAwait(false);
            var at = monday.AddDays(day - 1);
            await MeasureAsync(output, $"day {day}, {at:dddd}", () => pass.RunAsync(at, ct)).ConfigureAwait(false);
        }

        await MeasureAsync(output, "quiet tick (every owner done today)", () => pass.RunAsync(monday.AddDays(6).AddMinutes(1), ct)).ConfigureAwait(false);

        SqliteConnection.ClearAllPools();
        if (cli.Option("db") is null)
        {
            foreach (var suffix in new[] { "", "-wal", "-shm" })
                File.Delete(path + suffix);
        }

        return 0;
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
        var sw = Stopwatch.StartNew();
        var report = await run().ConfigureAwait(false);
        sw.Stop();
        await sampling.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        await output.WriteLineAsync($"scheduler pass, {label}: {sw.Elapsed.TotalSeconds:N2} s for {report.OwnersSeen:N0} owners ({report.OwnersHandled:N0} handled); peak managed heap +{(peak - baseline) / 1024.0 / 1024.0:N1} MB").ConfigureAwait(false);
    }

    private static async Task SeedAsync(Database db, int owners, int perOwner, DateOnly today, CancellationToken ct)
    {
        const int clientsPerOwner = 10;
        var random = new Random(7);
        var now = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture);
        for (var first = 0; first < owners; first += 1000)
        {
            await db.WriteAsync(async s =>
            {
                using var o = s.Connection.CreateCommand();
                o.Transaction = s.Transaction;
                o.CommandText = "INSERT INTO owners (channel, external_id, language, time_zone, created_at) VALUES ('bench', $e, 'fr', 'Europe/Paris', $t) RETURNING id";
                var pe = o.Parameters.Add("$e", SqliteType.Text);
                o.Parameters.AddWithValue("$t", now);
                using var c = s.Connection.CreateCommand();
                c.Transaction = s.Transaction;
                c.CommandText = "INSERT INTO clients (owner_id, name, name_key, email, created_at) VALUES ($o, $n, $k, $m, $t) RETURNING id";
                var co = c.Parameters.Add("$o", SqliteType.Integer);
                var cn = c.Parameters.Add("$n", SqliteType.Text);
                var ck = c.Parameters.Add("$k", SqliteType.Text);
                var cm = c.Parameters.Add("$m", SqliteType.Text);
                c.Parameters.AddWithValue("$t", now);
                using var i = s.Connection.CreateCommand();
                i.Transaction = s.Transaction;
                i.CommandText = """
                    INSERT INTO invoices (owner_id, client_id, number, number_key, amount_cents, paid_cents, currency, issue_date, due_date, status, created_at)
                    VALUES ($o, $c, $n, $n, $a, $p, 'EUR', $i, $d, $s, $t)
                    """;
                var io = i.Parameters.Add("$o", SqliteType.Integer);
                var ic = i.Parameters.Add("$c", SqliteType.Integer);
                var inum = i.Parameters.Add("$n", SqliteType.Text);
                var ia = i.Parameters.Add("$a", SqliteType.Integer);
                var ip = i.Parameters.Add("$p", SqliteType.Integer);
                var ii = i.Parameters.Add("$i", SqliteType.Text);
                var id = i.Parameters.Add("$d", SqliteType.Text);
                var ist = i.Parameters.Add("$s", SqliteType.Text);
                i.Parameters.AddWithValue("$t", now);
                for (var n = first; n < Math.Min(owners, first + 1000); n++)
                {
                    pe.Value = $"owner-{n}";
                    var ownerId = (long)(await o.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                    var clientIds = new long[clientsPerOwner];
                    for (var k = 0; k < clientsPerOwner; k++)
                    {
                        co.Value = ownerId;
                        cn.Value = $"Client {k} SARL";
                        ck.Value = $"client {k} sarl";
                        cm.Value = $"c{k}@owner{n}.example";
                        clientIds[k] = (long)(await c.ExecuteScalarAsync(ct).ConfigureAwait(false))!;
                    }

                    for (var k = 0; k < perOwner; k++)
                    {
                        var amount = random.Next(5_000, 500_000);
                        var due = today.AddDays(random.Next(-200, 60));
                        var paid = random.Next(10) < 6;
                        io.Value = ownerId;
                        ic.Value = clientIds[k % clientsPerOwner];
                        inum.Value = $"f-{k}";
                        ia.Value = amount;
                        ip.Value = paid ? amount : 0;
                        ii.Value = due.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                        id.Value = due.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
                        ist.Value = paid ? "paid" : "open";
                        await i.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
                    }
                }
            }, ct).ConfigureAwait(false);
        }
    }
}
