using Dapper;

namespace Recouvrement.Data;

public sealed record Sanction(string Siren, DateOnly DecidedOn, long? AmountCents, string Label);

public sealed record Watched
{
    public long OwnerId { get; init; }
    public required string Siren { get; init; }
    public required string Name { get; init; }
    public string? Snapshot { get; init; }
    public string? LastCheckedAt { get; init; }
}

/// <summary>One client's payment record with the owner: what the reputation check says from the owner's own books.</summary>
public sealed record PaymentRecord
{
    public int Invoices { get; init; }
    public long BilledCents { get; init; }
    public int Disputed { get; init; }
    public int BrokenPlans { get; init; }

    /// <summary>Days late per invoice (paid: last payment − due; open and overdue: today − due; not yet due: none).</summary>
    public IReadOnlyList<int> DaysLate { get; init; } = [];
}

public sealed class ReputationRepository(Session s)
{
    public Task<string?> CachedAsync(string source, string key, DateTimeOffset notBefore) =>
        s.Connection.QuerySingleOrDefaultAsync<string?>(s.Command(
            "SELECT body FROM registry_cache WHERE source = @Source AND key = @Key AND fetched_at >= @NotBefore",
            new { Source = source, Key = key, NotBefore = SqlTime.Utc(notBefore) }));

    public Task CacheAsync(string source, string key, string body, DateTimeOffset now) =>
        s.Connection.ExecuteAsync(s.Command(
            """
            INSERT INTO registry_cache (source, key, body, fetched_at) VALUES (@Source, @Key, @Body, @Now)
            ON CONFLICT (source, key) DO UPDATE SET body = excluded.body, fetched_at = excluded.fetched_at
            """,
            new { Source = source, Key = key, Body = body, Now = SqlTime.Utc(now) }));

    public async Task<int> ImportSanctionsAsync(IEnumerable<Sanction> sanctions, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(sanctions);
        var n = 0;
        foreach (var x in sanctions)
        {
            n += await s.Connection.ExecuteAsync(s.Command(
                """
                INSERT INTO sanctions (siren, decided_on, amount_cents, label, imported_at) VALUES (@Siren, @DecidedOn, @AmountCents, @Label, @Now)
                ON CONFLICT (siren, decided_on) DO UPDATE SET amount_cents = excluded.amount_cents, label = excluded.label
                """,
                new { x.Siren, x.DecidedOn, x.AmountCents, x.Label, Now = SqlTime.Utc(now) })).ConfigureAwait(false);
        }

        return n;
    }

    public async Task<IReadOnlyList<Sanction>> SanctionsAsync(string siren)
    {
        var rows = await s.Connection.QueryAsync<(string Siren, string DecidedOn, long? AmountCents, string Label)>(s.Command(
            "SELECT siren, decided_on, amount_cents, label FROM sanctions WHERE siren = @Siren ORDER BY decided_on DESC", new { Siren = siren })).ConfigureAwait(false);
        return [.. rows.Select(r => new Sanction(r.Siren, DateOnly.ParseExact(r.DecidedOn, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), r.AmountCents, r.Label))];
    }

    public async Task AddNoteAsync(long ownerId, string subject, string text, string actor, DateTimeOffset now)
    {
        var id = await s.Connection.ExecuteScalarAsync<long>(s.Command(
            "INSERT INTO prospect_notes (owner_id, subject_key, subject, text, created_at) VALUES (@OwnerId, @Key, @Subject, @Text, @Now) RETURNING id",
            new { OwnerId = ownerId, Key = TextKey.Key(subject), Subject = subject, Text = text, Now = SqlTime.Utc(now) })).ConfigureAwait(false);
        await s.Events.AppendAsync(ownerId, actor, "note_added", "note", id, new { Subject = subject }, now).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<(string Text, string At)>> NotesAsync(long ownerId, string subject)
    {
        var rows = await s.Connection.QueryAsync<(string, string)>(s.Command(
            "SELECT text, created_at FROM prospect_notes WHERE owner_id = @OwnerId AND subject_key = @Key ORDER BY id",
            new { OwnerId = ownerId, Key = TextKey.Key(subject) })).ConfigureAwait(false);
        return [.. rows];
    }

    public async Task<PaymentRecord> RecordAsync(long ownerId, long clientId, DateOnly today)
    {
        var rows = (await s.Connection.QueryAsync<(string Status, long Amount, string Due, string? LastPaid)>(s.Command(
            """
            SELECT i.status, i.amount_cents, i.due_date, (SELECT MAX(p.paid_on) FROM payments p WHERE p.invoice_id = i.id)
            FROM invoices i WHERE i.owner_id = @OwnerId AND i.client_id = @ClientId AND i.status <> 'cancelled'
            """,
            new { OwnerId = ownerId, ClientId = clientId })).ConfigureAwait(false)).ToList();
        var broken = await s.Connection.ExecuteScalarAsync<int>(s.Command(
            "SELECT COUNT(*) FROM plans WHERE owner_id = @OwnerId AND client_id = @ClientId AND status IN ('breached', 'cancelled')",
            new { OwnerId = ownerId, ClientId = clientId })).ConfigureAwait(false);
        var late = new List<int>();
        foreach (var r in rows)
        {
            var due = DateOnly.ParseExact(r.Due, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            if (r.Status == InvoiceStatuses.Paid && r.LastPaid is { } paid)
                late.Add(Math.Max(0, DateOnly.ParseExact(paid, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture).DayNumber - due.DayNumber));
            else if (r.Status == InvoiceStatuses.Open && due < today)
                late.Add(today.DayNumber - due.DayNumber);
        }

        return new PaymentRecord
        {
            Invoices = rows.Count,
            BilledCents = rows.Sum(r => r.Amount),
            Disputed = rows.Count(r => r.Status == InvoiceStatuses.Disputed),
            BrokenPlans = broken,
            DaysLate = late,
        };
    }

    public Task WatchAsync(long ownerId, string siren, string name, string? snapshot, DateTimeOffset now) =>
        s.Connection.ExecuteAsync(s.Command(
            """
            INSERT INTO watchlist (owner_id, siren, name, snapshot, added_at, last_checked_at) VALUES (@OwnerId, @Siren, @Name, @Snapshot, @Now, @Now)
            ON CONFLICT (owner_id, siren) DO UPDATE SET name = excluded.name
            """,
            new { OwnerId = ownerId, Siren = siren, Name = name, Snapshot = snapshot, Now = SqlTime.Utc(now) }));

    /// <summary>Watched companies not checked since a given instant, oldest check first.</summary>
    public async Task<IReadOnlyList<Watched>> DueForCheckAsync(DateTimeOffset checkedBefore, int limit)
    {
        var rows = await s.Connection.QueryAsync<Watched>(s.Command(
            "SELECT owner_id, siren, name, snapshot, last_checked_at FROM watchlist WHERE last_checked_at IS NULL OR last_checked_at < @Before ORDER BY last_checked_at LIMIT @Limit",
            new { Before = SqlTime.Utc(checkedBefore), Limit = limit })).ConfigureAwait(false);
        return [.. rows];
    }

    public Task SetSnapshotAsync(long ownerId, string siren, string snapshot, DateTimeOffset now) =>
        s.Connection.ExecuteAsync(s.Command(
            "UPDATE watchlist SET snapshot = @Snapshot, last_checked_at = @Now WHERE owner_id = @OwnerId AND siren = @Siren",
            new { OwnerId = ownerId, Siren = siren, Snapshot = snapshot, Now = SqlTime.Utc(now) }));
}
