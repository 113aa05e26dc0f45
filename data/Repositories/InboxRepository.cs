using Dapper;

namespace Recouvrement.Data;

/// <summary>One stored inbound activity.</summary>
public sealed record InboxItem(long Id, string Channel, string Conversation, string Payload, long Attempts);

/// <summary>The persistent inbox: accepted activities survive a shutdown or a crash and are handled once each, in order per conversation.</summary>
public sealed class InboxRepository(Session s)
{
    public Task<long> CountAsync(string channel) =>
        s.Connection.ExecuteScalarAsync<long>(s.Command("SELECT COUNT(*) FROM inbox WHERE channel = @Channel", new { Channel = channel }));

    public Task<long> AddAsync(string channel, string conversation, string payload, DateTimeOffset now) =>
        s.Connection.ExecuteScalarAsync<long>(s.Command(
            "INSERT INTO inbox (channel, conversation, payload, received_at) VALUES (@Channel, @Conversation, @Payload, @Now) RETURNING id",
            new { Channel = channel, Conversation = conversation, Payload = payload, Now = SqlTime.Utc(now) }));

    /// <summary>
    /// Claims the oldest activity that no other consumer holds and whose conversation has nothing older waiting, so a
    /// conversation is answered in order while different conversations are answered in parallel.
    /// </summary>
    public async Task<InboxItem?> ClaimAsync(string channel, DateTimeOffset now, TimeSpan lease)
    {
        var stale = SqlTime.Utc(now - lease);
        if (s.Kind == StoreKind.Postgres)
        {
            // Several consumers on several instances: the head of a conversation another one is claiming is skipped.
            return await s.Connection.QueryFirstOrDefaultAsync<InboxItem>(s.Command(
                """
                UPDATE inbox SET claimed_at = @Now, attempts = attempts + 1
                WHERE id = (
                    SELECT i.id FROM inbox i
                    WHERE i.channel = @Channel AND (i.claimed_at IS NULL OR i.claimed_at < @Stale)
                      AND NOT EXISTS (SELECT 1 FROM inbox j WHERE j.channel = i.channel AND j.conversation = i.conversation AND j.id < i.id)
                    ORDER BY i.id LIMIT 1
                    FOR UPDATE SKIP LOCKED)
                RETURNING id, channel, conversation, payload, attempts
                """,
                new { Channel = channel, Stale = stale, Now = SqlTime.Utc(now) })).ConfigureAwait(false);
        }

        var item = await s.Connection.QueryFirstOrDefaultAsync<InboxItem>(s.Command(
            """
            SELECT i.id, i.channel, i.conversation, i.payload, i.attempts FROM inbox i
            WHERE i.channel = @Channel AND (i.claimed_at IS NULL OR i.claimed_at < @Stale)
              AND NOT EXISTS (SELECT 1 FROM inbox j WHERE j.channel = i.channel AND j.conversation = i.conversation AND j.id < i.id)
            ORDER BY i.id LIMIT 1
            """,
            new { Channel = channel, Stale = stale })).ConfigureAwait(false);
        if (item is null)
            return null;
        var claimed = await s.Connection.ExecuteAsync(s.Command(
            "UPDATE inbox SET claimed_at = @Now, attempts = attempts + 1 WHERE id = @Id AND (claimed_at IS NULL OR claimed_at < @Stale)",
            new { Now = SqlTime.Utc(now), item.Id, Stale = stale })).ConfigureAwait(false);
        return claimed == 1 ? item with { Attempts = item.Attempts + 1 } : null;
    }

    public Task CompleteAsync(long id) => s.Connection.ExecuteAsync(s.Command("DELETE FROM inbox WHERE id = @Id", new { Id = id }));

    /// <summary>Gives a claim back (a shutdown before the item was handled): the next consumer takes it at once.</summary>
    public Task ReleaseAsync(long id) => s.Connection.ExecuteAsync(s.Command("UPDATE inbox SET claimed_at = NULL WHERE id = @Id", new { Id = id }));
}
