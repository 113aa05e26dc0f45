using Dapper;
using Recouvrement.Data;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Data;

/// <summary>
/// What the morning pass reads from kept summaries (balances moved day by day, clients' drafts) equals what adding up
/// every invoice and every draft answers; the ledger written a page at a time says exactly which marks are new.
/// </summary>
public sealed class SchedulerSummaryTests
{
    private static readonly DateOnly Start = new(2026, 11, 23);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The morning pass's former query: every overdue invoice added up per owner, client and currency.</summary>
    private const string RawOverdue = """
        SELECT i.owner_id, i.client_id, c.name AS client_name, c.reminder_plan, c.paused_until, i.currency,
               COUNT(*) AS invoice_count, SUM(i.amount_cents - i.paid_cents) AS balance_cents, MIN(i.due_date) AS oldest_due, MIN(i.id) AS anchor_id
        FROM invoices i JOIN clients c ON c.id = i.client_id
        WHERE i.owner_id = @Owner AND i.status = 'open' AND i.due_date < @Today
        GROUP BY i.owner_id, i.client_id, c.name, c.reminder_plan, c.paused_until, i.currency
        """;

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task AdvanceAsync_DayByDayForwardBackAndAfterPayments_EqualsTheRawAggregate(StoreKind kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await BenchSeeder.ManyOwnersAsync(store.Db, 3, 120, Start, Ct);
        long[] owners = [1, 2, 3];

        // The morning's move (across the due date only) gives the overdue figures of the day.
        async Task MorningAsync(DateOnly day)
        {
            await store.Db.WriteAsync(s => s.Balances.AdvanceDueAsync([.. owners.Select(o => (o, day))]), Ct);
            foreach (var owner in owners)
            {
                var rawOverdue = await store.Db.ReadAsync(async s => (await s.Connection.QueryAsync<OverdueClient>(RawOverdue, new { Owner = owner, Today = day })).ToList(), Ct);
                // Every overdue client is found through its foreseen day (none written here: all due), and the owner's
                // totals kept apart add up the same.
                Assert.Equal(Show(rawOverdue), Show(await store.Db.ReadAsync(s => s.Schedule.OverdueToDecideAsync([owner], day), Ct)));
                Assert.Equal(Totals(owner, rawOverdue), Show(await store.Db.ReadAsync(s => s.Schedule.OverdueTotalsAsync([owner]), Ct)));
            }
        }

        // The whole move (« qui me doit ? ») gives every figure.
        async Task SameAsync(DateOnly day, string when)
        {
            await store.Db.WriteAsync(s => s.Balances.AdvanceAsync([.. owners.Select(o => (o, day))]), Ct);
            foreach (var owner in owners)
            {
                var kept = await store.Db.ReadAsync(s => s.Balances.ReadAsync(owner), Ct);
                var raw = await store.Db.ReadAsync(s => s.Invoices.BalancesAsync(owner, day), Ct);
                Assert.Equal(Show(raw), Show(kept));
                Assert.Equal(day, await store.Db.ReadAsync(s => s.Balances.AsOfAsync(owner), Ct));
            }

            await MorningAsync(day);
            Assert.True(await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM client_balances WHERE overdue_count > 0"), Ct) > 0, when);
        }

        Task PayAsync(int modulo) => store.Db.WriteAsync(s => s.Connection.ExecuteAsync(
            "UPDATE invoices SET paid_cents = amount_cents, status = 'paid' WHERE status = 'open' AND id % @Modulo = 0", new { Modulo = modulo }, s.Transaction), Ct);

        // Never built, then one day, the next, across each bucket limit, a long jump, and back in time.
        foreach (var offset in new[] { 0, 1, 2, 31, 32, 61, 95, 200, 40, -10 })
            await SameAsync(Start.AddDays(offset), $"day {offset}");

        // Writes between two days keep the rows of the day they were for; the next day moves them on.
        await store.Db.WriteAsync(s => s.Connection.ExecuteAsync(
            "UPDATE invoices SET paid_cents = amount_cents, status = 'paid' WHERE id IN (SELECT MIN(id) FROM invoices WHERE status = 'open' GROUP BY client_id)",
            transaction: s.Transaction), Ct);
        await SameAsync(Start.AddDays(-10), "after payments");
        await SameAsync(Start.AddDays(-9), "the day after the payments");

        // Mornings moved across the due date only, with payments between (rows rewritten for the morning's day while
        // the aging is for an older one), then « qui me doit ? »: going forward, then back in time.
        foreach (var (offset, modulo) in new[] { (5, 13), (20, 17), (38, 19), (70, 23) })
        {
            await MorningAsync(Start.AddDays(offset));
            await PayAsync(modulo);
        }

        await SameAsync(Start.AddDays(72), "forward after mornings");
        foreach (var (offset, modulo) in new[] { (90, 29), (130, 31) })
        {
            await MorningAsync(Start.AddDays(offset));
            await PayAsync(modulo);
        }

        await SameAsync(Start.AddDays(100), "back after mornings");
        await MorningAsync(Start.AddDays(130));
        await PayAsync(7);
        await SameAsync(Start.AddDays(90), "back before the aging day");
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task ContactsAsync_AfterDraftsAreWrittenAndDecided_EqualTheRawAggregate(StoreKind kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await BenchSeeder.ManyOwnersAsync(store.Db, 2, 20, Start, Ct);
        await DraftsAsync(store.Db);
        await SameContactsAsync(store.Db);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite, false)]
    [InlineData(StoreKind.Postgres, false)]
    [InlineData(StoreKind.Sqlite, true)]
    [InlineData(StoreKind.Postgres, true)]
    public async Task MergeAsync_DraftsMoveToTheClientKept_BothSummariesFollow(StoreKind kind, bool mergedBeforeMigration0024)
    {
        await using var store = await TestStore.CreateAsync(kind, upTo: mergedBeforeMigration0024 ? "0023_ladder_key_with_contacts" : null);
        await BenchSeeder.ManyOwnersAsync(store.Db, 1, 20, Start, Ct);
        await DraftsAsync(store.Db);
        var busiest = await store.Db.ReadAsync(async s => (await s.Connection.QueryAsync<long>(
            "SELECT client_id FROM drafts GROUP BY client_id ORDER BY COUNT(*) DESC, client_id LIMIT 2")).ToList(), Ct);

        // Act: the owner says the two busiest clients are one.
        Assert.True(await store.Db.WriteAsync(s => s.Clients.MergeAsync(1, busiest[0], busiest[1], "test", new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero)), Ct));
        if (mergedBeforeMigration0024)
            await store.Db.MigrateAsync(Ct);

        // Assert: the client kept sums both clients' drafts (its spacing and steps sent), the other has no summary left —
        // and a merge made before the triggers followed is mended by the migration.
        await SameContactsAsync(store.Db);
        Assert.Equal(0, await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM client_contacts WHERE client_id = @Id", new { Id = busiest[0] }), Ct));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Migration0019_StoreWrittenBefore_SummariesEqualTheRawAggregates(StoreKind kind)
    {
        await using var store = await TestStore.CreateAsync(kind, upTo: "0018_client_balances");
        await BenchSeeder.ManyOwnersAsync(store.Db, 2, 60, Start, Ct);
        await DraftsAsync(store.Db);
        // Owner 1's balances as 0018 kept them (its triggers fill the rows of an owner with a day).
        await store.Db.WriteAsync(async s =>
        {
            await s.Connection.ExecuteAsync("INSERT INTO balance_state (owner_id, as_of) VALUES (1, '2026-11-23')", transaction: s.Transaction);
            await s.Connection.ExecuteAsync("UPDATE invoices SET paid_cents = paid_cents + 1 WHERE owner_id = 1 AND status = 'open'", transaction: s.Transaction);
        }, Ct);
        Assert.True(await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM client_balances"), Ct) > 0);

        await store.Db.MigrateAsync(Ct);

        await SameContactsAsync(store.Db);
        foreach (var owner in new long[] { 1, 2 })
        {
            var kept = await store.Db.BalancesAsync(owner, Start.AddDays(1), Ct);
            Assert.Equal(Show(await store.Db.ReadAsync(s => s.Invoices.BalancesAsync(owner, Start.AddDays(1)), Ct)), Show(kept));
            var overdue = await store.Db.ReadAsync(s => s.Schedule.OverdueToDecideAsync([owner], Start.AddDays(1)), Ct);
            var rawOverdue = (await store.Db.ReadAsync(async s => await s.Connection.QueryAsync<OverdueClient>(RawOverdue, new { Owner = owner, Today = Start.AddDays(1) }), Ct)).ToList();
            Assert.Equal(Show(rawOverdue), Show(overdue));
            Assert.Equal(Totals(owner, rawOverdue), Show(await store.Db.ReadAsync(s => s.Schedule.OverdueTotalsAsync([owner]), Ct)));
        }
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Migration0023_KeysOnTheClients_MoveToTheContactsAndWakeNobodyAfterwards(StoreKind kind)
    {
        await using var store = await TestStore.CreateAsync(kind, upTo: "0022_drafts_indexes");
        await BenchSeeder.ManyOwnersAsync(store.Db, 1, 20, Start, Ct);
        await DraftsAsync(store.Db);
        var clients = await store.Db.ReadAsync(async s => (await s.Connection.QueryAsync<long>("SELECT id FROM clients ORDER BY id")).ToList(), Ct);
        await store.Db.WriteAsync(s => s.Connection.ExecuteAsync("UPDATE clients SET ladder_key = CAST(id AS TEXT) || ':1:firm'", transaction: s.Transaction), Ct);

        await store.Db.MigrateAsync(Ct);
        await store.Db.WriteAsync(s => s.Schedule.SetWakesAsync([.. clients.Select(id => new LadderWake(1, id, "2026-12-31", null))]), Ct);
        await store.Db.WriteAsync(s => s.Schedule.SetLadderKeysAsync([(1, clients[0], "new")]), Ct);

        // Every key carried over, the drafts' summary untouched (DraftsAsync's clients), and writing a key wakes nobody.
        var contacts = await store.Db.ReadAsync(s => s.Schedule.ContactsToDecideAsync([1], clients, Start), Ct);
        Assert.Equal(clients.Count, contacts.Count);
        Assert.Equal("new", Assert.Single(contacts, c => c.ClientId == clients[0]).LadderKey);
        Assert.All(contacts.Where(c => c.ClientId != clients[0]), c => Assert.Equal($"{c.ClientId}:1:firm", c.LadderKey));
        Assert.Equal(0, await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM ladder_wakes WHERE wake_day <> '2026-12-31'"), Ct));
        await SameContactsAsync(store.Db);
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Migration0025_ChartMarksInTheLedger_BecomeEachOwnersChartWeek(StoreKind kind)
    {
        await using var store = await TestStore.CreateAsync(kind, upTo: "0024_contacts_follow_merges");
        await BenchSeeder.ManyOwnersAsync(store.Db, 3, 1, Start, Ct);
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        await store.Db.WriteAsync(s => s.Schedule.ClaimDaysAsync([(1, Start), (2, Start), (3, Start)], now), Ct);
        await store.Db.WriteAsync(s => s.Schedule.MarkManyAsync(
            [new(1, "digest_chart", "-", "2026-W47"), new(1, "digest_chart", "-", "2026-W48"), new(2, "digest_chart", "-", "2026-W46")], now), Ct);

        await store.Db.MigrateAsync(Ct);

        // Owner 1 had this week's chart, owner 2 an older one, owner 3 none: the week's chart goes to owners 2 and 3 once.
        Assert.Equal([2L, 3L], (await store.Db.WriteAsync(s => s.Schedule.ChartWeekAsync([1, 2, 3], "2026-W48"), Ct)).Order());
        Assert.Empty(await store.Db.WriteAsync(s => s.Schedule.ChartWeekAsync([1, 2, 3], "2026-W48"), Ct));
        Assert.Equal(0, await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schedule_marks"), Ct));
    }

    /// <summary>Drafts of every step and status on random clients, then some of the pending ones decided.</summary>
    private static async Task DraftsAsync(Database db)
    {
        var clients = await db.ReadAsync(async s => (await s.Connection.QueryAsync<(long Id, long OwnerId)>("SELECT id, owner_id FROM clients ORDER BY id")).ToList(), Ct);
        string[] steps = ["courtesy", "friendly", "firm", "formal_notice", "final_notice"];
        string[] statuses = ["pending", "approved", "rejected", "sent", "failed", "manual", "obsolete"];
        var random = new Random(3);
        for (var n = 0; n < 120; n++)
        {
            var (clientId, ownerId) = clients[random.Next(clients.Count)];
            var status = statuses[random.Next(statuses.Length)];
            await db.WriteAsync(s => s.Connection.ExecuteAsync(
                """
                INSERT INTO drafts (owner_id, client_id, step, language, subject, body, invoice_ids, amount_cents, currency, status, created_by, created_at, decided_at)
                VALUES (@OwnerId, @ClientId, @Step, 'fr', 's', 'b', '[]', 100, 'EUR', @Status, 'test', '2026-11-01T00:00:00Z', @Decided)
                """,
                new { OwnerId = ownerId, ClientId = clientId, Step = steps[random.Next(steps.Length)], Status = status, Decided = status == "pending" ? null : $"2026-11-{1 + random.Next(28):00}T09:00:00Z" },
                s.Transaction), Ct);
        }

        // Owners decide: pending drafts become approved, sent or rejected, at later instants.
        await db.WriteAsync(s => s.Connection.ExecuteAsync(
            "UPDATE drafts SET status = CASE WHEN id % 3 = 0 THEN 'rejected' WHEN id % 3 = 1 THEN 'sent' ELSE 'approved' END, decided_at = '2026-11-30T10:00:00Z' WHERE status = 'pending' AND id % 2 = 0",
            transaction: s.Transaction), Ct);
    }

    private static async Task SameContactsAsync(Database db)
    {
        var ids = await db.ReadAsync(async s => (await s.Connection.QueryAsync<long>("SELECT id FROM owners")).ToList(), Ct);
        var clients = await db.ReadAsync(async s => (await s.Connection.QueryAsync<long>("SELECT id FROM clients")).ToList(), Ct);
        var kept = await db.ReadAsync(s => s.Schedule.ContactsToDecideAsync(ids, clients, Start), Ct);
        var raw = await db.ReadAsync(async s => (await s.Connection.QueryAsync<ClientContact>(
            """
            SELECT owner_id, client_id,
                   SUM(CASE WHEN status = 'pending' THEN 1 ELSE 0 END) AS pending,
                   SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END) AS rejected,
                   MAX(CASE WHEN status IN ('approved', 'sent', 'manual', 'rejected') THEN decided_at END) AS last_decided_at,
                   MAX(CASE WHEN status IN ('approved', 'sent', 'manual') AND step = 'formal_notice' THEN decided_at END) AS notice_sent_at
            FROM drafts GROUP BY owner_id, client_id
            """)).ToList(), Ct);
        var sent = await db.ReadAsync(async s => (await s.Connection.QueryAsync<(long ClientId, string Step)>(
            "SELECT DISTINCT client_id, step FROM drafts WHERE status IN ('sent', 'manual')")).ToLookup(x => x.ClientId, x => x.Step), Ct);
        // A client with a ladder key and no draft has an empty summary (as good as none).
        Assert.All(kept.Where(c => !raw.Exists(r => r.ClientId == c.ClientId)), c => Assert.Equal(new ClientContact { OwnerId = c.OwnerId, ClientId = c.ClientId }, c with { LadderKey = null }));
        Assert.Contains(kept, c => c.Pending > 0);
        Assert.Contains(kept, c => c.NoticeSentAt is not null);
        foreach (var expected in raw)
        {
            var actual = Assert.Single(kept, c => c.ClientId == expected.ClientId);
            Assert.Equal(expected, actual with { SentSteps = null, LadderKey = null });
            Assert.Equal(sent[expected.ClientId].Order(StringComparer.Ordinal), (actual.SentSteps ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal));
        }
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task MarkManyAsync_SomeAlreadyDone_ReturnsOnlyTheNewOnes(StoreKind kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await BenchSeeder.ManyOwnersAsync(store.Db, 2, 1, Start, Ct);
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        var first = Enumerable.Range(0, 1500).Select(i => new ScheduleMark(1 + (i % 2), "due_ping", $"{i}", "2026-11-23")).ToList();
        Assert.Equal(1500, (await store.Db.WriteAsync(s => s.Schedule.MarkManyAsync(first, now), Ct)).Count);

        // Half of these were done in the first call (and one is asked twice): only the others are new.
        var second = Enumerable.Range(750, 1500).Select(i => new ScheduleMark(1 + (i % 2), "due_ping", $"{i}", "2026-11-23")).Append(new ScheduleMark(1, "digest", "-", "2026-11-23")).Append(new ScheduleMark(1, "digest", "-", "2026-11-23")).ToList();
        var fresh = await store.Db.WriteAsync(s => s.Schedule.MarkManyAsync(second, now), Ct);
        Assert.Equal(751, fresh.Count);
        Assert.DoesNotContain(new ScheduleMark(2, "due_ping", "751", "2026-11-23"), fresh);
        Assert.Contains(new ScheduleMark(2, "due_ping", "1501", "2026-11-23"), fresh);
        Assert.Contains(new ScheduleMark(1, "digest", "-", "2026-11-23"), fresh);
        Assert.Equal(1, await store.Db.ReadAsync(s => s.Schedule.CountMarksAsync(1, "digest"), Ct));
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task ClaimDaysAsync_SameDayTwice_SecondClaimsOnlyTheOwnersNotDone(StoreKind kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        await BenchSeeder.ManyOwnersAsync(store.Db, 3, 1, Start, Ct);
        var now = new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
        Assert.Equal([1L, 2L], (await store.Db.WriteAsync(s => s.Schedule.ClaimDaysAsync([(1, Start), (2, Start)], now), Ct)).Order());

        // Another instance did owners 1 and 2 today: only owner 3 (never done) and owner 1's next day are claimed.
        var again = await store.Db.WriteAsync(s => s.Schedule.ClaimDaysAsync([(1, Start), (2, Start), (3, Start), (1, Start.AddDays(1))], now), Ct);
        Assert.Equal([1L, 3L], again.Order());
        Assert.Equal("2026-11-24", await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<string>("SELECT done_day FROM schedule_state WHERE owner_id = 1"), Ct));

        // A day before the one done (the owner's time zone moved back) is not claimed: days only move forward.
        Assert.Empty(await store.Db.WriteAsync(s => s.Schedule.ClaimDaysAsync([(1, Start)], now), Ct));
        Assert.Equal("2026-11-24", await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<string>("SELECT done_day FROM schedule_state WHERE owner_id = 1"), Ct));
    }

    private static string Totals(long owner, IEnumerable<OverdueClient> raw) =>
        Show(raw.GroupBy(x => x.Currency).Select(g => new OverdueTotal { OwnerId = owner, Currency = g.Key, InvoiceCount = g.Sum(x => x.InvoiceCount), BalanceCents = g.Sum(x => x.BalanceCents) }));

    private static string Show<T>(IEnumerable<T> rows) => string.Join("\n", rows.Select(r => r!.ToString()).Order(StringComparer.Ordinal));
}
