using Dapper;

namespace Recouvrement.Data;

public sealed class ConversationRepository(Session s)
{
    public Task<string?> GetAsync(long ownerId, string conversationKey) =>
        s.Connection.QuerySingleOrDefaultAsync<string?>(s.Command(
            "SELECT state_json FROM conversations WHERE owner_id = @OwnerId AND conversation_key = @Key",
            new { OwnerId = ownerId, Key = conversationKey }));

    public Task SaveAsync(long ownerId, string conversationKey, string stateJson, DateTimeOffset now) =>
        s.Connection.ExecuteAsync(s.Command(
            """
            INSERT INTO conversations (owner_id, conversation_key, state_json, updated_at)
            VALUES (@OwnerId, @Key, @State, @Now)
            ON CONFLICT (owner_id, conversation_key) DO UPDATE SET state_json = excluded.state_json, updated_at = excluded.updated_at
            """,
            new { OwnerId = ownerId, Key = conversationKey, State = stateJson, Now = SqlTime.Utc(now) }));

    public Task ClearAsync(long ownerId, string conversationKey) =>
        s.Connection.ExecuteAsync(s.Command(
            "DELETE FROM conversations WHERE owner_id = @OwnerId AND conversation_key = @Key",
            new { OwnerId = ownerId, Key = conversationKey }));
}
