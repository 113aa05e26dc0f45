using Dapper;
using Recouvrement.Data;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Scheduling;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Scheduling;

/// <summary>Exactly once across restarts, downtime, daylight saving and two instances.</summary>
public sealed class SchedulerResilienceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset P(int y, int m, int d, int h, int min = 0) => SchedulerHarness.ParisTime(y, m, d, h, min);

    private static async Task OwnersAsync(TestStore store, int count, DateTimeOffset now)
    {
        for (var i = 1; i <= count; i++)
        {
            var chat = Kits.Chat(store, new ScriptedSender(), $"owner-{i}");
            chat.Now = now;
            // One invoice long overdue, one falling due fifteen days later (the 25th, for the November cases).
            var local = TimeZoneInfo.ConvertTime(now, SchedulerHarness.Paris);
            var overdue = DateOnly.FromDateTime(local.DateTime).AddDays(-40);
            var later = DateOnly.FromDateTime(local.DateTime).AddDays(15);
            await chat.PlayAsync(
                ($"facture du {overdue.AddDays(-30):dd/MM/yyyy} F-{i}-1 Client{i} SARL 1 000 € échéance {overdue:dd/MM/yyyy}", "✅"),
                ($"facture du {later.AddDays(-30):dd/MM/yyyy} F-{i}-2 Other{i} SARL 200 € échéance {later:dd/MM/yyyy}", "✅"));
        }
    }

    private static Task<long> CountAsync(TestStore store, string sql) => store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>(sql), Ct);

    [Fact]
    public async Task RunAsync_CrashMidPass_RestartDoesEachOwnerOnce()
    {
        await using var store = await TestStore.CreateAsync();
        await OwnersAsync(store, 3, P(2026, 11, 20, 10));
        // Owner 2 is given the only overdue client with a pending draft removed... simpler: break the templates for owner 2's turn.
        var broken = new ReminderKit(new DraftComposer(new TemplateLibrary(Path.Combine(Path.GetTempPath(), "no-templates-here")), new ReminderOptions()),
            new OutboxDispatcher(store.Db, new ScriptedSender(), new ReminderOptions()));
        var options = new SchedulerOptions { BatchSize = 1 };
        var morning = P(2026, 11, 23, 9, 30);

        // Act: the first pass dies on owner 1's ladder draft (no templates): nothing of that page is kept.
        await Assert.ThrowsAnyAsync<Exception>(() => new SchedulerPass(store.Db, broken, options).RunAsync(morning, Ct));
        var afterCrash = await CountAsync(store, "SELECT COUNT(*) FROM notices");
        var restarted = await new SchedulerPass(store.Db, Kits.For(store, new ScriptedSender()), options).RunAsync(morning.AddMinutes(1), Ct);
        var again = await new SchedulerPass(store.Db, Kits.For(store, new ScriptedSender()), options).RunAsync(morning.AddMinutes(2), Ct);

        // Assert
        Assert.Equal(0, afterCrash);
        Assert.Equal(3, restarted.OwnersHandled);
        Assert.Equal(0, again.OwnersHandled);
        Assert.Equal(3, await CountAsync(store, "SELECT COUNT(*) FROM notices WHERE text LIKE '%point du matin%'"));
        Assert.Equal(3, await CountAsync(store, "SELECT COUNT(*) FROM drafts WHERE step = 'friendly'"));
    }

    [Fact]
    public async Task RunAsync_WeekOfDowntime_OneCatchUpDigestNoFlood()
    {
        await using var store = await TestStore.CreateAsync();
        await OwnersAsync(store, 1, P(2026, 11, 10, 10));
        var harness = new SchedulerHarness(store);
        harness.Clock.SetUtcNow(P(2026, 11, 16, 0));
        await harness.RunUntilAsync(P(2026, 11, 18, 23), TimeSpan.FromMinutes(30));
        var before = (await harness.NoticesAsync()).Count;

        // Act: down from Thursday 19 to Thursday 26 included, back on Friday 27 at 11:00.
        harness.Clock.SetUtcNow(P(2026, 11, 27, 11));
        await harness.RunUntilAsync(P(2026, 11, 27, 23), TimeSpan.FromMinutes(30));

        // Assert: one catch-up digest, naming the invoice that fell due while down; no per-day pings.
        var after = (await harness.NoticesAsync()).Skip(before).ToList();
        var digest = Assert.Single(after);
        Assert.Contains("Rattrapage : je n'ai pas pu tourner depuis le 19/11/2026", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Arrivées à échéance pendant l'interruption", digest.Text, StringComparison.Ordinal);
        Assert.Contains("Other1 SARL — 200,00 € (n° F-1-2), en retard de 2 jours", digest.Text, StringComparison.Ordinal);
        Assert.Equal(1, await CountAsync(store, "SELECT COUNT(*) FROM notices WHERE text LIKE '%Rattrapage%'"));
        Assert.Equal(1, await CountAsync(store, "SELECT COUNT(*) FROM schedule_state WHERE done_day = '2026-11-27'"));
    }

    [Theory]
    [InlineData(2026, 3, 27, 8)]   // Friday before the spring change: CET, 09:00 = 08:00 UTC
    [InlineData(2026, 3, 30, 7)]   // Monday after it: CEST, 09:00 = 07:00 UTC
    [InlineData(2026, 10, 23, 7)]  // Friday before the autumn change: CEST
    [InlineData(2026, 10, 26, 8)]  // Monday after it: CET
    public async Task RunAsync_AcrossDaylightSaving_DigestAtNineParisTime(int y, int m, int d, int utcHour)
    {
        await using var store = await TestStore.CreateAsync();
        await OwnersAsync(store, 1, P(y, m, d, 0).AddDays(-10));
        var harness = new SchedulerHarness(store);
        harness.Clock.SetUtcNow(new DateTimeOffset(y, m, d, 0, 0, 0, TimeSpan.Zero).AddDays(-3));

        await harness.RunUntilAsync(new DateTimeOffset(y, m, d, 23, 0, 0, TimeSpan.Zero), TimeSpan.FromMinutes(15));

        var digest = Assert.Single(await harness.NoticesAsync(), n => n.At.UtcDateTime.Date == new DateTime(y, m, d));
        Assert.Equal(utcHour, digest.At.UtcDateTime.Hour);
        Assert.Equal(0, digest.At.UtcDateTime.Minute);
    }

    [Fact]
    public async Task RunAsync_TimeZoneMovedBack_DayDoneIsNotDoneAgain()
    {
        await using var store = await TestStore.CreateAsync();
        await OwnersAsync(store, 1, P(2026, 11, 10, 10));
        await store.Db.WriteAsync(s => s.Connection.ExecuteAsync("UPDATE owners SET time_zone = 'Pacific/Auckland'", transaction: s.Transaction), Ct);
        var harness = new SchedulerHarness(store);
        // Auckland's 25 November at 09:00 is 24 November at 21:00 in Paris: that morning's digest pings the invoice due the 25th.
        harness.Clock.SetUtcNow(P(2026, 11, 23, 0));
        await harness.RunUntilAsync(P(2026, 11, 24, 22), TimeSpan.FromMinutes(30));
        var before = (await harness.NoticesAsync()).Count;

        // Act: the owner moves to Paris, where it is still the 24th; the 25th and the 26th go by there.
        await store.Db.WriteAsync(s => s.Connection.ExecuteAsync("UPDATE owners SET time_zone = 'Europe/Paris'", transaction: s.Transaction), Ct);
        await harness.RunUntilAsync(P(2026, 11, 26, 23), TimeSpan.FromMinutes(30));

        // Assert: nothing more on the 24th or the 25th (both done in Auckland); the 26th's digest at nine, the invoice not pinged twice.
        var pinged = (await harness.NoticesAsync()).Take(before).Last(n => n.Text.Contains("point du matin", StringComparison.Ordinal));
        Assert.Contains("Échéance aujourd'hui", pinged.Text, StringComparison.Ordinal);
        var after = (await harness.NoticesAsync()).Skip(before).ToList();
        var digest = Assert.Single(after);
        Assert.Equal(P(2026, 11, 26, 9), digest.At);
        Assert.DoesNotContain("Échéance aujourd'hui", digest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("interruption", digest.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunAsync_TwoInstancesRacing_NoDuplicates()
    {
        await using var store = await TestStore.CreateAsync();
        await OwnersAsync(store, 5, P(2026, 11, 10, 10));
        var a = new SchedulerPass(store.Db, Kits.For(store, new ScriptedSender()), new SchedulerOptions { BatchSize = 2 });
        var b = new SchedulerPass(new Database(store.Path), Kits.For(store, new ScriptedSender()), new SchedulerOptions { BatchSize = 2 });

        // Act: ten days of both instances ticking at the same instants.
        for (var t = P(2026, 11, 16, 0); t < P(2026, 11, 26, 0); t = t.AddMinutes(20))
            await Task.WhenAll(a.RunAsync(t, Ct), b.RunAsync(t, Ct));

        // Assert: one digest per owner and weekday, one draft per (client, step).
        Assert.Equal(5 * 8, await CountAsync(store, "SELECT COUNT(*) FROM notices WHERE text LIKE '%point du matin%'"));
        Assert.Equal(0, await CountAsync(store, "SELECT COUNT(*) FROM (SELECT client_id, step FROM drafts GROUP BY client_id, step HAVING COUNT(*) > 1) AS d"));
        Assert.Equal(0, await CountAsync(store, "SELECT COUNT(*) FROM (SELECT owner_id, text FROM notices GROUP BY owner_id, text HAVING COUNT(*) > 1) AS n"));
    }

    [Fact]
    public async Task TryLease_HolderCrashed_OthersWaitUntilItExpires()
    {
        await using var store = await TestStore.CreateAsync();
        var now = P(2026, 11, 23, 9);
        var duration = TimeSpan.FromMinutes(5);

        var first = await store.Db.WriteAsync(s => s.Schedule.TryLeaseAsync("scheduler", "dead-instance", now, duration), Ct);
        var tooSoon = await new SchedulerPass(store.Db, Kits.For(store, new ScriptedSender()), new SchedulerOptions { LeaseDuration = duration }).RunAsync(now.AddMinutes(1), Ct);
        var later = await new SchedulerPass(store.Db, Kits.For(store, new ScriptedSender()), new SchedulerOptions { LeaseDuration = duration }).RunAsync(now.AddMinutes(6), Ct);

        Assert.True(first);
        Assert.False(tooSoon.LeaseHeld);
        Assert.True(later.LeaseHeld);
    }
}
