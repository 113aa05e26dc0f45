using Dapper;
using Recouvrement.Data;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Scheduling;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Scheduling;

/// <summary>
/// The morning pass skips a client until the day its rung can next move (ladder_wakes, migration 0020). Two identical
/// books live the same two months — payments, new invoices, drafts sent, approved and rejected, promises, plan changes —
/// one with the foreseen days, the other decided from scratch every morning: they must get the same drafts and notices.
/// </summary>
public sealed class LadderWakeTests
{
    private static readonly DateOnly Start = new(2026, 9, 1);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task RunAsync_TwoMonthsOfLifeWithForeseenDaysAndWithout_SameDraftsAndNotices(StoreKind kind)
    {
        await using var foreseen = await TestStore.CreateAsync(kind);
        await using var everyDay = await TestStore.CreateAsync(kind);
        foreach (var store in new[] { foreseen, everyDay })
            await SeedAsync(store.Db);
        var passes = new[] { foreseen, everyDay }.Select(store => new SchedulerPass(store.Db, Kits.For(store, new ScriptedSender()), new SchedulerOptions { ReportLines = false })).ToArray();
        var skipped = 0L;

        for (var day = 0; day < 62; day++)
        {
            var today = Start.AddDays(day);
            var now = SchedulerHarness.ParisTime(today.Year, today.Month, today.Day, 10);
            // The second book forgets every foreseen day: each overdue client is decided again.
            await everyDay.Db.WriteAsync(s => s.Connection.ExecuteAsync("UPDATE ladder_wakes SET wake_day = '0000-00-00'", transaction: s.Transaction), Ct);
            skipped += await foreseen.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>(
                "SELECT COUNT(*) FROM ladder_wakes WHERE wake_day > @Today", new { Today = today.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) }), Ct);

            await passes[0].RunAsync(now, Ct);
            await passes[1].RunAsync(now, Ct);

            Assert.Equal(await DraftsAsync(everyDay.Db), await DraftsAsync(foreseen.Db));
            Assert.Equal(await NoticesAsync(everyDay.Db), await NoticesAsync(foreseen.Db));
            foreach (var store in new[] { foreseen, everyDay })
                await LifeAsync(store.Db, day, now);
        }

        // The comparison means something: the ladder climbed to its top, and clients were skipped on many mornings.
        var drafts = await DraftsAsync(foreseen.Db);
        Assert.Contains(drafts, d => d.Step == ReminderOptions.FinalNotice);
        Assert.Contains(drafts, d => d.Step == ReminderOptions.Courtesy);
        Assert.True(skipped > 500, $"only {skipped} client mornings skipped");
    }

    [Fact]
    public async Task RunAsync_LadderSettingsChanged_EveryClientDecidedAgain()
    {
        await using var store = await TestStore.CreateAsync();
        await SeedAsync(store.Db);
        var pass = new SchedulerPass(store.Db, Kits.For(store, new ScriptedSender()), new SchedulerOptions());
        await pass.RunAsync(SchedulerHarness.ParisTime(2026, 9, 1, 10), Ct);
        // The first rungs leave; the next morning each client's next rung is days away.
        await store.Db.WriteAsync(s => s.Connection.ExecuteAsync("UPDATE drafts SET status = 'sent', decided_at = '2026-09-01T12:00:00Z'", transaction: s.Transaction), Ct);
        var now = SchedulerHarness.ParisTime(2026, 9, 2, 10);
        await pass.RunAsync(now, Ct);
        const string Waiting = "SELECT COUNT(*) FROM ladder_wakes WHERE wake_day > '2026-09-02'";
        Assert.True(await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>(Waiting), Ct) > 0);

        // Same settings: the days stand. Other settings (a longer spacing): none does.
        var same = new SchedulerPass(store.Db, Kits.For(store, new ScriptedSender()), new SchedulerOptions());
        await same.RunAsync(now.AddHours(4), Ct); // the same afternoon: every owner is done today, only the check runs
        Assert.True(await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>(Waiting), Ct) > 0);
        var other = new SchedulerPass(store.Db, Kits.For(store, new ScriptedSender(), new ReminderOptions { MinDaysBetween = 10 }), new SchedulerOptions());
        await other.RunAsync(now.AddHours(4), Ct);
        Assert.Equal(0, await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>(Waiting), Ct));
    }

    /// <summary>Six owners' books (ten clients each, every reminder plan, two currencies), due dates over five months.</summary>
    private static async Task SeedAsync(Database db)
    {
        await BenchSeeder.ManyOwnersAsync(db, 6, 50, Start.AddDays(20), Ct);
        await db.WriteAsync(async s =>
        {
            await s.Connection.ExecuteAsync(
                "UPDATE clients SET reminder_plan = CASE WHEN id % 3 = 0 THEN 'gentle' WHEN id % 3 = 1 THEN 'strict' ELSE 'standard' END",
                transaction: s.Transaction);
            await s.Connection.ExecuteAsync("UPDATE invoices SET currency = 'USD' WHERE id % 11 = 0", transaction: s.Transaction);
        }, Ct);
    }

    /// <summary>
    /// One day of life, the same on both books: each choice is drawn from the day and the row's own key, never from
    /// an order of rows, so both books make the same choices.
    /// </summary>
    private static async Task LifeAsync(Database db, int day, DateTimeOffset now)
    {
        var at = SqlTime.Utc(now.AddHours(2));
        var today = DateOnly.FromDateTime(now.Date);
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await db.WriteAsync(async s =>
        {
            var pending = await s.Connection.QueryAsync<(long Id, long ClientId, string Step)>(
                "SELECT id, client_id, step FROM drafts WHERE status = 'pending'", transaction: s.Transaction);
            foreach (var (id, clientId, step) in pending)
            {
                // Owners send most drafts, approve some, reject some, leave some waiting a day.
                var status = (((day * 31) + (clientId * 7) + step.Length) % 10) switch
                {
                    < 5 => "sent",
                    < 7 => "approved",
                    < 9 => "rejected",
                    _ => null,
                };
                if (status is not null)
                {
                    await s.Connection.ExecuteAsync("UPDATE drafts SET status = @Status, decided_at = @At WHERE id = @Id",
                        new { Status = status, At = at, Id = id }, s.Transaction);
                }
            }

            // Payments: a few invoices settled, a few part-paid. A third of the clients (id % 3 = 0) see nothing but their
            // drafts decided and time passing, so what only a draft decision changes shows.
            await s.Connection.ExecuteAsync(
                "UPDATE invoices SET paid_cents = amount_cents, status = 'paid' WHERE status = 'open' AND client_id % 3 <> 0 AND (id * 7 + @Day) % 29 = 0",
                new { Day = day }, s.Transaction);
            await s.Connection.ExecuteAsync(
                "UPDATE invoices SET paid_cents = amount_cents / 2 WHERE status = 'open' AND client_id % 3 <> 0 AND paid_cents = 0 AND (id * 5 + @Day) % 37 = 0",
                new { Day = day }, s.Transaction);
            // New invoices, some already overdue (entered late), some falling due within days.
            if (day % 3 == 0)
            {
                await s.Connection.ExecuteAsync(
                    """
                    INSERT INTO invoices (owner_id, client_id, number, number_key, amount_cents, paid_cents, currency, issue_date, due_date, status, created_at)
                    SELECT owner_id, id, @Number, @Number, 12300, 0, 'EUR', @Issue, @Due, 'open', @At FROM clients WHERE id % 30 = @Client
                    """,
                    new { Number = $"n-{day}", Issue = Day(-30), Due = Day((day % 17) - 8), Client = day % 30, At = at }, s.Transaction);
            }

            // Promises to pay (a pause of the client's reminders), some called off early, and plans changed.
            if (day % 5 == 0)
                await s.Connection.ExecuteAsync("UPDATE clients SET paused_until = @Until WHERE id % 15 = @Client AND id % 3 <> 0", new { Until = Day(12), Client = (day * 7) % 15 }, s.Transaction);
            if (day % 5 == 3)
                await s.Connection.ExecuteAsync("UPDATE clients SET paused_until = NULL WHERE paused_until > @Today AND id % 2 = @Parity", new { Today = Day(0), Parity = day % 2 }, s.Transaction);
            if (day % 4 == 1)
            {
                await s.Connection.ExecuteAsync(
                    "UPDATE clients SET reminder_plan = CASE reminder_plan WHEN 'gentle' THEN 'strict' WHEN 'strict' THEN 'standard' ELSE 'gentle' END WHERE id % 10 = @Client AND id % 3 <> 0",
                    new { Client = (day * 3) % 10 }, s.Transaction);
            }
        }, Ct);
    }

    private static async Task<List<(long ClientId, string Step, string InvoiceIds, long AmountCents, string Day)>> DraftsAsync(Database db) =>
        [.. await db.ReadAsync(s => s.Connection.QueryAsync<(long, string, string, long, string)>(
            "SELECT client_id, step, invoice_ids, amount_cents, substr(created_at, 1, 10) FROM drafts ORDER BY client_id, created_at, step"), Ct)];

    private static async Task<List<(long OwnerId, string Text)>> NoticesAsync(Database db) =>
        [.. await db.ReadAsync(s => s.Connection.QueryAsync<(long, string)>("SELECT owner_id, text FROM notices ORDER BY owner_id, created_at, text"), Ct)];
}
