using Dapper;

namespace Recouvrement.Data;

/// <summary>One owner as the scheduler sees them: zone, digest settings, pauses, last completed day.</summary>
public sealed record ScheduledOwner
{
    public long Id { get; init; }
    public required string Channel { get; init; }
    public required string ExternalId { get; init; }
    public string Language { get; init; } = "fr";
    public string TimeZone { get; init; } = "Europe/Paris";
    public int DigestHour { get; init; } = 9;
    public int DigestDays { get; init; } = 31;
    public string? RemindersPausedUntil { get; init; }
    public string? SilentUntil { get; init; }
    public string AutoSendSteps { get; init; } = string.Empty;
    public string? DoneDay { get; init; }

    /// <summary>The last ISO week (« 2026-W48 ») whose digest carried the aging chart, or null.</summary>
    public string? ChartWeek { get; init; }
}

/// <summary>An open invoice as the scheduler reads it for a page of owners.</summary>
public sealed record ScheduledInvoice
{
    public long Id { get; init; }
    public long OwnerId { get; init; }
    public long ClientId { get; init; }
    public string? Number { get; init; }
    public long BalanceCents { get; init; }
    public required string Currency { get; init; }
    public required string DueDate { get; init; }
    public required string ClientName { get; init; }
    public string ReminderPlan { get; init; } = ReminderPlans.Standard;
    public string? PausedUntil { get; init; }

    /// <summary>The client has overdue invoices too (its ladder then follows those, <see cref="ScheduleRepository.OverdueToDecideAsync"/>).</summary>
    public bool ClientOverdue { get; init; }
}

/// <summary>One client's overdue invoices for one owner and currency, aggregated.</summary>
public sealed record OverdueClient
{
    public long OwnerId { get; init; }
    public long ClientId { get; init; }
    public required string ClientName { get; init; }
    public string ReminderPlan { get; init; } = ReminderPlans.Standard;
    public string? PausedUntil { get; init; }
    public required string Currency { get; init; }
    public int InvoiceCount { get; init; }
    public long BalanceCents { get; init; }
    public required string OldestDue { get; init; }

    /// <summary>The lowest invoice id of the episode: a new one starts when the oldest unpaid invoice changes.</summary>
    public long AnchorId { get; init; }
}

/// <summary>The scheduler's ledger (marks), per-owner progress and the lease between instances.</summary>
public sealed class ScheduleRepository(Session s)
{
    /// <summary>Every owner with their schedule, streamed in id order (memory does not grow with the store).</summary>
    public IAsyncEnumerable<ScheduledOwner> OwnersAsync(long afterId = 0) =>
        s.Connection.QueryUnbufferedAsync<ScheduledOwner>(
            """
            SELECT o.id, o.channel, o.external_id, o.language, o.time_zone,
                   COALESCE(st.digest_hour, 9) AS digest_hour, COALESCE(st.digest_days, 31) AS digest_days,
                   st.reminders_paused_until, st.silent_until, COALESCE(st.auto_send_steps, '') AS auto_send_steps, ss.done_day, ss.chart_week
            FROM owners o
            LEFT JOIN owner_settings st ON st.owner_id = o.id
            LEFT JOIN schedule_state ss ON ss.owner_id = o.id
            WHERE o.id > @AfterId
            ORDER BY o.id
            """,
            new { AfterId = afterId }, s.Transaction);

    /// <summary>Open invoices due between two days (inclusive), for several owners: the day's pings and the days ahead.</summary>
    public async Task<IReadOnlyList<ScheduledInvoice>> DueBetweenAsync(IReadOnlyCollection<long> ownerIds, DateOnly from, DateOnly until)
    {
        var rows = await s.Connection.QueryAsync<ScheduledInvoice>(s.Command(
            $"""
            SELECT i.id, i.owner_id, i.client_id, i.number, i.amount_cents - i.paid_cents AS balance_cents, i.currency, i.due_date,
                   c.name AS client_name, c.reminder_plan, c.paused_until,
                   EXISTS (SELECT 1 FROM client_balances b WHERE b.owner_id = i.owner_id AND b.client_id = i.client_id AND b.overdue_count > 0) AS client_overdue
            FROM invoices i JOIN clients c ON c.id = i.client_id
            WHERE i.owner_id {s.InIds("@Ids")} AND i.status = 'open' AND i.due_date >= @From AND i.due_date <= @Until
            ORDER BY i.owner_id, i.due_date, i.id
            """,
            new { Ids = s.Ids(ownerIds), From = from, Until = until })).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>
    /// The ladder settings the foreseen days were written under (<c>ladder_config</c>): when they are not
    /// <paramref name="config"/>, every client is decided again at this pass.
    /// </summary>
    public async Task EnsureLadderConfigAsync(string config)
    {
        var stored = await s.Connection.ExecuteScalarAsync<string?>(s.Command("SELECT config FROM ladder_config WHERE id = 1")).ConfigureAwait(false);
        if (stored == config)
            return;
        await s.Connection.ExecuteAsync(s.Command("UPDATE ladder_wakes SET wake_day = '0000-00-00'")).ConfigureAwait(false);
        await s.Connection.ExecuteAsync(s.Command(
            "INSERT INTO ladder_config (id, config) VALUES (1, @Config) ON CONFLICT (id) DO UPDATE SET config = excluded.config", new { Config = config })).ConfigureAwait(false);
    }

    /// <summary>Forgets the clients of these owners that are due to be decided but no longer owe anything overdue.</summary>
    public Task ForgetSettledAsync(IReadOnlyCollection<long> ownerIds, DateOnly today) =>
        s.Connection.ExecuteAsync(s.Command(
            $"""
            DELETE FROM ladder_wakes
            WHERE owner_id {s.InIds("@Ids")} AND wake_day <= @Today
              AND NOT EXISTS (SELECT 1 FROM client_balances b WHERE b.owner_id = ladder_wakes.owner_id AND b.client_id = ladder_wakes.client_id AND b.overdue_count > 0)
            """,
            new { Ids = s.Ids(ownerIds), Today = today }));

    /// <summary>
    /// Overdue invoices per owner, client and currency, from the kept balances (<see cref="BalanceRepository"/>), for
    /// the clients whose foreseen day (<c>ladder_wakes</c>) has come: the only ones whose rung may move. The caller
    /// first brings the balances to each owner's day.
    /// </summary>
    public async Task<IReadOnlyList<OverdueClient>> OverdueToDecideAsync(IReadOnlyCollection<long> ownerIds, DateOnly today)
    {
        var rows = await s.Connection.QueryAsync<OverdueClient>(s.Command(
            $"""
            SELECT b.owner_id, b.client_id, c.name AS client_name, c.reminder_plan, c.paused_until, b.currency,
                   b.overdue_count AS invoice_count, b.overdue_cents AS balance_cents, b.oldest_due_date AS oldest_due, b.overdue_anchor_id AS anchor_id
            FROM ladder_wakes w
            JOIN client_balances b ON b.owner_id = w.owner_id AND b.client_id = w.client_id
            JOIN clients c ON c.id = b.client_id
            WHERE w.owner_id {s.InIds("@Ids")} AND w.wake_day <= @Today AND b.overdue_count > 0
            """,
            new { Ids = s.Ids(ownerIds), Today = today })).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>
    /// Per client with drafts: drafts waiting, drafts rejected, the last decision, the last formal notice and the steps
    /// sent — kept by the drafts' triggers (migration 0019), one row per client whatever the history; for the clients
    /// the morning decides: those of <see cref="OverdueToDecideAsync"/> and <paramref name="clientIds"/> (a few: falling
    /// due soon with nothing overdue).
    /// </summary>
    public async Task<IReadOnlyList<ClientContact>> ContactsToDecideAsync(IReadOnlyCollection<long> ownerIds, IReadOnlyCollection<long> clientIds, DateOnly today) =>
        [.. await s.Connection.QueryAsync<ClientContact>(s.Command(
            $"""
            SELECT cc.owner_id, cc.client_id, cc.pending, cc.rejected, cc.last_decided_at, cc.notice_sent_at, cc.sent_steps, cc.ladder_key
            FROM ladder_wakes w JOIN client_contacts cc ON cc.owner_id = w.owner_id AND cc.client_id = w.client_id
            WHERE w.owner_id {s.InIds("@Ids")} AND w.wake_day <= @Today
            UNION
            SELECT cc.owner_id, cc.client_id, cc.pending, cc.rejected, cc.last_decided_at, cc.notice_sent_at, cc.sent_steps, cc.ladder_key
            FROM client_contacts cc
            WHERE (cc.owner_id, cc.client_id) IN (SELECT k.owner_id, k.id FROM clients k WHERE k.id {s.InIds("@Clients")})
            """,
            new { Ids = s.Ids(ownerIds), Clients = s.Ids(clientIds), Today = today })).ConfigureAwait(false)];

    /// <summary>What the digest says of overdue invoices: per owner and currency, how many and how much (kept by the balances' triggers).</summary>
    public async Task<IReadOnlyList<OverdueTotal>> OverdueTotalsAsync(IReadOnlyCollection<long> ownerIds) =>
        [.. await s.Connection.QueryAsync<OverdueTotal>(s.Command(
            $"""
            SELECT owner_id, currency, overdue_count AS invoice_count, overdue_cents AS balance_cents
            FROM owner_overdue WHERE owner_id {s.InIds("@Ids")} AND overdue_count > 0
            ORDER BY owner_id, currency
            """,
            new { Ids = s.Ids(ownerIds) })).ConfigureAwait(false)];

    /// <summary>Clients with an overdue balance whose promise (pause) ended between two days, <paramref name="from"/> included.</summary>
    public async Task<IReadOnlyList<PromiseClient>> PromisesEndedAsync(IReadOnlyCollection<long> ownerIds, DateOnly from, DateOnly until) =>
        [.. await s.Connection.QueryAsync<PromiseClient>(s.Command(
            $"""
            SELECT c.owner_id, c.id AS client_id, c.name AS client_name, c.paused_until
            FROM clients c
            WHERE c.owner_id {s.InIds("@Ids")} AND c.paused_until >= @From AND c.paused_until < @Until
              AND EXISTS (SELECT 1 FROM client_balances b WHERE b.owner_id = c.owner_id AND b.client_id = c.id AND b.overdue_count > 0)
            """,
            new { Ids = s.Ids(ownerIds), From = from, Until = until })).ConfigureAwait(false)];

    /// <summary>Drafts waiting for each owner's decision.</summary>
    public async Task<Dictionary<long, long>> PendingDraftsAsync(IReadOnlyCollection<long> ownerIds) =>
        (await s.Connection.QueryAsync<(long OwnerId, long Pending)>(s.Command(
            $"SELECT owner_id, COUNT(*) FROM drafts WHERE owner_id {s.InIds("@Ids")} AND status = 'pending' GROUP BY owner_id",
            new { Ids = s.Ids(ownerIds) })).ConfigureAwait(false)).ToDictionary(x => x.OwnerId, x => x.Pending);

    /// <summary>The days foreseen for clients' ladders and what they were foreseen from (see migration 0020), many at once.</summary>
    public async Task SetWakesAsync(IReadOnlyList<LadderWake> wakes)
    {
        await s.ExecuteRowsAsync(
            """
            INSERT INTO ladder_wakes (owner_id, client_id, wake_day, basis) VALUES {rows}
            ON CONFLICT (owner_id, client_id) DO UPDATE SET wake_day = excluded.wake_day, basis = excluded.basis
            """,
            wakes, w => [w.OwnerId, w.ClientId, w.Day, w.Basis]).ConfigureAwait(false);
    }

    /// <summary>
    /// Each client's ladder key (the last rung decided for it), for many clients at once: kept with the client's drafts'
    /// summary, which the draft written beside it updates too (migration 0023).
    /// </summary>
    public Task SetLadderKeysAsync(IReadOnlyList<(long OwnerId, long ClientId, string Key)> keys) =>
        s.ExecuteRowsAsync(
            """
            INSERT INTO client_contacts (owner_id, client_id, pending, rejected, ladder_key) VALUES {rows}
            ON CONFLICT (owner_id, client_id) DO UPDATE SET ladder_key = excluded.ladder_key
            """,
            keys, k => [k.OwnerId, k.ClientId, 0, 0, k.Key]);

    /// <summary>
    /// Gives these owners the aging chart for <paramref name="week"/> (kept beside their done day, migration 0025);
    /// returns those given it — not those who had it that week already.
    /// </summary>
    public async Task<HashSet<long>> ChartWeekAsync(IReadOnlyCollection<long> ownerIds, string week) =>
        ownerIds.Count == 0 ? [] : [.. await s.Connection.QueryAsync<long>(s.Command(
            $"""
            UPDATE schedule_state SET chart_week = @Week
            WHERE owner_id {s.InIds("@Ids")} AND (chart_week IS NULL OR chart_week < @Week)
            RETURNING owner_id
            """,
            new { Ids = s.Ids(ownerIds), Week = week })).ConfigureAwait(false)];

    /// <summary>
    /// Records that things were done; returns those that were new (the others were already done and must not be done
    /// again). The morning pass writes a page of owners' marks this way instead of one by one.
    /// </summary>
    public async Task<HashSet<ScheduleMark>> MarkManyAsync(IReadOnlyList<ScheduleMark> marks, DateTimeOffset now)
    {
        var at = SqlTime.Utc(now);
        // RETURNING gives only the rows inserted: a conflict (already done) returns nothing, on both stores.
        return [.. await s.QueryRowsAsync<ScheduleMark, ScheduleMark>(
            "INSERT INTO schedule_marks (owner_id, kind, key, day, created_at) VALUES {rows} ON CONFLICT DO NOTHING RETURNING owner_id AS OwnerId, kind AS Kind, key AS Key, day AS Day",
            marks.Distinct(), m => [m.OwnerId, m.Kind, m.Key, m.Day, at]).ConfigureAwait(false)];
    }

    /// <summary>
    /// Marks each owner's day as theirs to do now, for many owners at once; returns the owners claimed. An owner whose
    /// day is already that one or a later one (done by another instance since the page was read, or before the owner's
    /// time zone moved back) is not: the caller leaves it alone. Days only move forward, so the days between two claims
    /// belong to one pass — what lets the due-date pings go without a ledger row each.
    /// </summary>
    public async Task<HashSet<long>> ClaimDaysAsync(IReadOnlyList<(long OwnerId, DateOnly Day)> days, DateTimeOffset now)
    {
        var claimed = new HashSet<long>();
        // One statement per day (a page's owners mostly share one): the ids as one parameter.
        foreach (var group in days.GroupBy(d => d.Day))
        {
            claimed.UnionWith(await s.Connection.QueryAsync<long>(s.Command(
                $"""
                INSERT INTO schedule_state (owner_id, done_day, updated_at) SELECT o.id, @Day, @At FROM ({s.IdRows("@Ids")}) o WHERE TRUE
                ON CONFLICT (owner_id) DO UPDATE SET done_day = excluded.done_day, updated_at = excluded.updated_at
                WHERE schedule_state.done_day < excluded.done_day
                RETURNING owner_id
                """,
                new { Ids = s.Ids(group.Select(d => d.OwnerId)), Day = group.Key, At = SqlTime.Utc(now) })).ConfigureAwait(false));
        }

        return claimed;
    }

    public Task<long> CountMarksAsync(long ownerId, string kind) =>
        s.Connection.ExecuteScalarAsync<long>(s.Command("SELECT COUNT(*) FROM schedule_marks WHERE owner_id = @OwnerId AND kind = @Kind", new { OwnerId = ownerId, Kind = kind }));

    /// <summary>Takes or renews the named lease for a holder; false while another holder's lease runs.</summary>
    public async Task<bool> TryLeaseAsync(string name, string holder, DateTimeOffset now, TimeSpan duration) =>
        await s.Connection.ExecuteAsync(s.Command(
            """
            INSERT INTO leases (name, holder, expires_at) VALUES (@Name, @Holder, @Expires)
            ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE leases.holder = excluded.holder OR leases.expires_at <= @Now
            """,
            new { Name = name, Holder = holder, Expires = SqlTime.Utc(now + duration), Now = SqlTime.Utc(now) })).ConfigureAwait(false) == 1;

    public Task ReleaseAsync(string name, string holder, DateTimeOffset now) =>
        s.Connection.ExecuteAsync(s.Command(
            "UPDATE leases SET expires_at = @Now WHERE name = @Name AND holder = @Holder",
            new { Name = name, Holder = holder, Now = SqlTime.Utc(now) }));
}

/// <summary>An owner's overdue invoices in one currency: how many, how much.</summary>
public sealed record OverdueTotal
{
    public long OwnerId { get; init; }
    public required string Currency { get; init; }
    public long InvoiceCount { get; init; }
    public long BalanceCents { get; init; }
}

/// <summary>A client whose promise to pay (a pause of its reminders) has ended.</summary>
public sealed record PromiseClient
{
    public long OwnerId { get; init; }
    public long ClientId { get; init; }
    public required string ClientName { get; init; }
    public required string PausedUntil { get; init; }
}

/// <summary>
/// The first day a client's ladder can move (<c>'0000-00-00'</c>: decide at the next pass), and what it was foreseen
/// from: the client's oldest overdue due date and lowest overdue invoice id, « yyyy-MM-dd:id ».
/// </summary>
public sealed record LadderWake(long OwnerId, long ClientId, string Day, string? Basis);

/// <summary>One entry of the scheduler's ledger: something done once per (owner, kind, key, day).</summary>
public sealed record ScheduleMark(long OwnerId, string Kind, string Key, string Day);

/// <summary>A client's drafts and last contacts, as the ladder reads them (instants as stored, UTC ISO text).</summary>
public sealed record ClientContact
{
    public long OwnerId { get; init; }
    public long ClientId { get; init; }
    public long Pending { get; init; }
    public long Rejected { get; init; }
    public string? LastDecidedAt { get; init; }
    public string? NoticeSentAt { get; init; }

    /// <summary>The steps sent or handed to the owner, comma-separated, in no order.</summary>
    public string? SentSteps { get; init; }

    /// <summary>The last rung the morning decided for the client (<see cref="ScheduleRepository.SetLadderKeysAsync"/>).</summary>
    public string? LadderKey { get; init; }
}
