using Dapper;

namespace Recouvrement.Data;

/// <summary>
/// The persistent outbox. Every state change is guarded by the status it comes from, so two dispatchers (two bot
/// instances) can never both send one message: only the one whose queued -> sending update succeeds sends.
/// </summary>
public sealed class OutboxRepository(Session s)
{
    private const string Columns = "id, owner_id, draft_id, client_id, to_address, subject, body, status, attempts, not_before, last_error, sent_day";

    public async Task<long> InsertAsync(OutboxMessage message, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(message);
        return await s.Connection.ExecuteScalarAsync<long>(s.Command(
            """
            INSERT INTO outbox (owner_id, draft_id, client_id, to_address, subject, body, status, attempts, not_before, created_at, updated_at)
            VALUES (@OwnerId, @DraftId, @ClientId, @ToAddress, @Subject, @Body, @Status, 0, @NotBefore, @Now, @Now)
            RETURNING id
            """,
            new { message.OwnerId, message.DraftId, message.ClientId, message.ToAddress, message.Subject, message.Body, message.Status, NotBefore = SqlTime.Utc(message.NotBefore), Now = SqlTime.Utc(now) })).ConfigureAwait(false);
    }

    public Task<OutboxMessage?> GetAsync(long ownerId, long id) =>
        s.Connection.QuerySingleOrDefaultAsync<OutboxMessage?>(s.Command(
            $"SELECT {Columns} FROM outbox WHERE owner_id = @OwnerId AND id = @Id", new { OwnerId = ownerId, Id = id }));

    public Task<OutboxMessage?> ForDraftAsync(long ownerId, long draftId) =>
        s.Connection.QuerySingleOrDefaultAsync<OutboxMessage?>(s.Command(
            $"SELECT {Columns} FROM outbox WHERE owner_id = @OwnerId AND draft_id = @DraftId", new { OwnerId = ownerId, DraftId = draftId }));

    /// <summary>Queued messages whose time has come, oldest first (any owner: the dispatcher serves them all).</summary>
    public async Task<IReadOnlyList<OutboxMessage>> DueAsync(DateTimeOffset now, int limit = 100)
    {
        var rows = await s.Connection.QueryAsync<OutboxMessage>(s.Command(
            $"SELECT {Columns} FROM outbox WHERE status = 'queued' AND not_before <= @Now ORDER BY not_before, id LIMIT @Limit",
            new { Now = SqlTime.Utc(now), Limit = limit })).ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>Messages a debtor already got (or is getting) on that day.</summary>
    /// <summary>
    /// PostgreSQL: locks the queued row for this transaction, or answers false at once when another instance holds it
    /// (FOR UPDATE SKIP LOCKED). SQLite has one writer at a time: true while the row is queued.
    /// </summary>
    public async Task<bool> TryLockQueuedAsync(long id) =>
        await s.Connection.ExecuteScalarAsync<long?>(s.Command(
            s.Kind == StoreKind.Postgres
                ? "SELECT id FROM outbox WHERE id = @Id AND status = 'queued' FOR UPDATE SKIP LOCKED"
                : "SELECT id FROM outbox WHERE id = @Id AND status = 'queued'",
            new { Id = id })).ConfigureAwait(false) is not null;

    public Task<long> CountForClientOnDayAsync(long clientId, DateOnly day) =>
        s.Connection.ExecuteScalarAsync<long>(s.Command(
            "SELECT COUNT(*) FROM outbox WHERE client_id = @ClientId AND sent_day = @Day AND status IN ('sending', 'sent', 'unknown', 'manual')",
            new { ClientId = clientId, Day = day }));

    /// <summary>
    /// Claims a queued message for sending and counts the attempt. Committed before any network call: if the process
    /// dies during the send, the message stays 'sending' and is never sent blindly again.
    /// </summary>
    public async Task<bool> ClaimAsync(long id, DateOnly day, DateTimeOffset now) =>
        await s.Connection.ExecuteAsync(s.Command(
            "UPDATE outbox SET status = 'sending', attempts = attempts + 1, sent_day = @Day, updated_at = @Now WHERE id = @Id AND status = 'queued'",
            new { Id = id, Day = day, Now = SqlTime.Utc(now) })).ConfigureAwait(false) == 1;

    /// <summary>
    /// Moves a message from one status to another. Owner decisions pass the owner's id, which joins the WHERE: a button
    /// payload forged by another user can never touch this owner's message.
    /// </summary>
    public async Task<bool> SetStatusAsync(long id, string from, string to, DateTimeOffset now, string? error = null, DateTimeOffset? notBefore = null, bool clearDay = false, DateOnly? day = null, long? ownerId = null) =>
        await s.Connection.ExecuteAsync(s.Command(
            $"""
            UPDATE outbox SET status = @To, updated_at = @Now, last_error = COALESCE(@Error, last_error),
                not_before = COALESCE(@NotBefore, not_before){(clearDay ? ", sent_day = NULL" : "")}{(day is not null ? ", sent_day = @Day" : "")}
            WHERE id = @Id AND status = @From AND (@OwnerId IS NULL OR owner_id = @OwnerId)
            """,
            new { Id = id, From = from, To = to, Now = SqlTime.Utc(now), Error = error, NotBefore = notBefore is { } nb ? SqlTime.Utc(nb) : null, Day = day, OwnerId = ownerId })).ConfigureAwait(false) == 1;

    /// <summary>Messages waiting on the owner: interrupted sends to decide on, texts to send themselves.</summary>
    public async Task<IReadOnlyList<(OutboxMessage Message, string ClientName)>> NeedingOwnerAsync(long ownerId)
    {
        var rows = await s.Connection.QueryAsync<OutboxMessage, string, (OutboxMessage, string)>(s.Command(
            """
            SELECT o.id, o.owner_id, o.draft_id, o.client_id, o.to_address, o.subject, o.body, o.status, o.attempts, o.not_before, o.last_error, o.sent_day, c.name
            FROM outbox o JOIN clients c ON c.id = o.client_id
            WHERE o.owner_id = @OwnerId AND (o.status = 'unknown' OR (o.status = 'manual' AND o.sent_day IS NULL))
            ORDER BY o.id
            """,
            new { OwnerId = ownerId }), (m, name) => (m, name), splitOn: "name").ConfigureAwait(false);
        return [.. rows];
    }

    /// <summary>At start-up: messages left 'sending' by a crash become 'unknown' — the owner decides, nothing is resent.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> MarkInterruptedAsync(DateTimeOffset now)
    {
        var rows = (await s.Connection.QueryAsync<OutboxMessage>(s.Command($"SELECT {Columns} FROM outbox WHERE status = 'sending'")).ConfigureAwait(false)).ToList();
        foreach (var row in rows)
            await SetStatusAsync(row.Id, OutboxStatuses.Sending, OutboxStatuses.Unknown, now, "interrupted").ConfigureAwait(false);
        return rows;
    }
}
