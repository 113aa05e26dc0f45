using Dapper;

namespace Recouvrement.Data;

public sealed class ConversationRepository(Session s)
{
    public Task<string?> GetAsync(long ownerId, string conversationKey) =>
        s.Connection.QuerySingleOrDefaultAsync<string?>(s.Command(
            "SELECT state_json FROM conversations WHERE owner_id = @OwnerId AND conversation_key = @Key",
            new { OwnerId = ownerId, Key = conversationKey }));

    /// <summary>The state and its version (0 when there is none).</summary>
    public async Task<(string? Json, long Version)> GetVersionedAsync(long ownerId, string conversationKey) =>
        await s.Connection.QuerySingleOrDefaultAsync<(string?, long)>(s.Command(
            "SELECT state_json, version FROM conversations WHERE owner_id = @OwnerId AND conversation_key = @Key",
            new { OwnerId = ownerId, Key = conversationKey })).ConfigureAwait(false);

    /// <summary>
    /// Saves (or clears, when <paramref name="stateJson"/> is null) only over the version read; false when another
    /// instance changed the conversation since — its state is kept.
    /// </summary>
    public async Task<bool> SaveIfUnchangedAsync(long ownerId, string conversationKey, string? stateJson, long expected, DateTimeOffset now)
    {
        if (stateJson is null)
        {
            var current = await s.Connection.ExecuteScalarAsync<long?>(s.Command(
                "SELECT version FROM conversations WHERE owner_id = @OwnerId AND conversation_key = @Key", new { OwnerId = ownerId, Key = conversationKey })).ConfigureAwait(false);
            if (current is null)
                return expected == 0;
            return await s.Connection.ExecuteAsync(s.Command(
                "DELETE FROM conversations WHERE owner_id = @OwnerId AND conversation_key = @Key AND version = @Expected",
                new { OwnerId = ownerId, Key = conversationKey, Expected = expected })).ConfigureAwait(false) == 1;
        }

        return await s.Connection.ExecuteAsync(s.Command(
            """
            INSERT INTO conversations (owner_id, conversation_key, state_json, updated_at, version)
            VALUES (@OwnerId, @Key, @State, @Now, @Expected + 1)
            ON CONFLICT (owner_id, conversation_key) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at, version = excluded.version
            WHERE conversations.version = @Expected
            """,
            new { OwnerId = ownerId, Key = conversationKey, State = stateJson, Now = SqlTime.Utc(now), Expected = expected })).ConfigureAwait(false) == 1;
    }

    public Task ClearAsync(long ownerId, string conversationKey) =>
        s.Connection.ExecuteAsync(s.Command(
            "DELETE FROM conversations WHERE owner_id = @OwnerId AND conversation_key = @Key",
            new { OwnerId = ownerId, Key = conversationKey }));
}
