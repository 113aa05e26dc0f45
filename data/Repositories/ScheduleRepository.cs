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
    public string? LadderKey { get; init; }
}

/// <summary>One client's overdue invoices for one owner and currency, aggregated.</summary>
public sealed record OverdueClient
{
    public long OwnerId { get; init; }
    public long ClientId { get; init; }
    public required string ClientName { get; init; }
    public string ReminderPlan { get; init; } = ReminderPlans.Standard;
    public string? PausedUntil { get; init; }
    public string? LadderKey { get; init; }
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
                   st.reminders_paused_until, st.silent_until, COALESCE(st.auto_send_steps, '') AS auto_send_steps, ss.done_day
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
                   c.name AS client_name, c.reminder_plan, c.paused_until, c.ladder_key
            FROM invoices i JOIN clients c ON c.id = i.client_id
            WHERE i.owner_id {s.In("@Ids")} AND i.status = 'open' AND i.due_date >= @From AND i.due_date <= @Until
            ORDER BY i.owner_id, i.due_date, i.id
            """,
            new { Ids = ownerIds, From = from, Until = until })).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>Overdue invoices per owner, client and currency, aggregated in SQL (one row per client, not per invoice).</summary>
    public async Task<IReadOnlyList<OverdueClient>> OverdueByClientAsync(IReadOnlyCollection<long> ownerIds, DateOnly today)
    {
        var rows = await s.Connection.QueryAsync<OverdueClient>(s.Command(
            $"""
            SELECT o.owner_id, o.client_id, c.name AS client_name, c.reminder_plan, c.paused_until, c.ladder_key, o.currency,
                   o.invoice_count, o.balance_cents, o.oldest_due, o.anchor_id
            FROM (
                SELECT i.owner_id, i.client_id, i.currency, COUNT(*) AS invoice_count, SUM(i.amount_cents - i.paid_cents) AS balance_cents,
                       MIN(i.due_date) AS oldest_due, MIN(i.id) AS anchor_id
                FROM invoices i
                WHERE i.owner_id {s.In("@Ids")} AND i.status = 'open' AND i.due_date < @Today
                GROUP BY i.owner_id, i.client_id, i.currency
            ) o JOIN clients c ON c.id = o.client_id
            """,
            new { Ids = ownerIds, Today = today })).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>Per client, the highest ladder rung sent (steps ranked by the given order).</summary>
    public async Task<Dictionary<long, int>> LastSentRungAsync(IReadOnlyCollection<long> ownerIds, IReadOnlyList<string> stepOrder)
    {
        var rank = string.Join(' ', stepOrder.Select((step, i) => $"WHEN @S{i} THEN {i}"));
        var parameters = new DynamicParameters(new { Ids = ownerIds });
        for (var i = 0; i < stepOrder.Count; i++)
            parameters.Add($"S{i}", stepOrder[i]);
        var rows = await s.Connection.QueryAsync<(long ClientId, int Rung)>(s.Command(
            $"SELECT client_id, MAX(CASE step {rank} ELSE -1 END) FROM drafts WHERE owner_id {s.In("@Ids")} AND status IN ('sent', 'manual') GROUP BY client_id",
            parameters)).ConfigureAwait(false);
        return rows.ToDictionary(r => r.ClientId, r => r.Rung);
    }

    /// <summary>
    /// Per client: when the last message was decided (approved, sent, handed to the owner, or rejected), when the last
    /// formal notice left, and how many drafts were rejected — what spaces the ladder.
    /// </summary>
    public async Task<Dictionary<long, ClientContact>> LastContactsAsync(IReadOnlyCollection<long> ownerIds, string formalNoticeStep)
    {
        var rows = await s.Connection.QueryAsync<ClientContact>(s.Command(
            $"""
            SELECT client_id,
                   MAX(CASE WHEN status IN ('approved', 'sent', 'manual', 'rejected') THEN decided_at END) AS last_decided_at,
                   MAX(CASE WHEN status IN ('approved', 'sent', 'manual') AND step = @Notice THEN decided_at END) AS notice_sent_at,
                   SUM(CASE WHEN status = 'rejected' THEN 1 ELSE 0 END) AS rejected
            FROM drafts WHERE owner_id {s.In("@Ids")} GROUP BY client_id
            """,
            new { Ids = ownerIds, Notice = formalNoticeStep })).ConfigureAwait(false);
        return rows.ToDictionary(r => r.ClientId);
    }

    public Task SetLadderKeyAsync(long ownerId, long clientId, string key) =>
        s.Connection.ExecuteAsync(s.Command(
            "UPDATE clients SET ladder_key = @Key WHERE id = @ClientId AND owner_id = @OwnerId",
            new { Key = key, ClientId = clientId, OwnerId = ownerId }));

    /// <summary>Clients with a draft waiting for approval.</summary>
    public async Task<HashSet<long>> ClientsWithPendingDraftAsync(IReadOnlyCollection<long> ownerIds) =>
        [.. await s.Connection.QueryAsync<long>(s.Command(
            $"SELECT DISTINCT client_id FROM drafts WHERE owner_id {s.In("@Ids")} AND status = 'pending'", new { Ids = ownerIds })).ConfigureAwait(false)];

    /// <summary>Drafts waiting for approval, per owner.</summary>
    public async Task<Dictionary<long, int>> PendingCountsAsync(IReadOnlyCollection<long> ownerIds) =>
        (await s.Connection.QueryAsync<(long OwnerId, int Count)>(s.Command(
            $"SELECT owner_id, COUNT(*) FROM drafts WHERE owner_id {s.In("@Ids")} AND status = 'pending' GROUP BY owner_id", new { Ids = ownerIds })).ConfigureAwait(false))
        .ToDictionary(r => r.OwnerId, r => r.Count);

    /// <summary>Records that something was done; false when it already was (and then it must not be done again).</summary>
    public async Task<bool> MarkAsync(long ownerId, string kind, string key, string day, DateTimeOffset now) =>
        await s.Connection.ExecuteAsync(s.Command(
            "INSERT INTO schedule_marks (owner_id, kind, key, day, created_at) VALUES (@OwnerId, @Kind, @Key, @Day, @Now) ON CONFLICT DO NOTHING",
            new { OwnerId = ownerId, Kind = kind, Key = key, Day = day, Now = SqlTime.Utc(now) })).ConfigureAwait(false) == 1;

    public Task<long> CountMarksAsync(long ownerId, string kind) =>
        s.Connection.ExecuteScalarAsync<long>(s.Command("SELECT COUNT(*) FROM schedule_marks WHERE owner_id = @OwnerId AND kind = @Kind", new { OwnerId = ownerId, Kind = kind }));

    public Task SetDoneDayAsync(long ownerId, DateOnly day, DateTimeOffset now) =>
        s.Connection.ExecuteAsync(s.Command(
            """
            INSERT INTO schedule_state (owner_id, done_day, updated_at) VALUES (@OwnerId, @Day, @Now)
            ON CONFLICT (owner_id) DO UPDATE SET done_day = excluded.done_day, updated_at = excluded.updated_at
            """,
            new { OwnerId = ownerId, Day = day, Now = SqlTime.Utc(now) }));

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

/// <summary>A client's last contacts, as the ladder spacing reads them (instants as stored, UTC ISO text).</summary>
public sealed record ClientContact
{
    public long ClientId { get; init; }
    public string? LastDecidedAt { get; init; }
    public string? NoticeSentAt { get; init; }
    public long Rejected { get; init; }
}
