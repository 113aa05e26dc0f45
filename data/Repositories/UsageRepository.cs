using Dapper;

namespace Recouvrement.Data;

/// <summary>Tokens spent with the language model, per owner and day (the owner's day).</summary>
public sealed class UsageRepository(Session s)
{
    public async Task<long> TokensAsync(long ownerId, DateOnly day) =>
        await s.Connection.ExecuteScalarAsync<long?>(s.Command(
            "SELECT tokens FROM llm_usage WHERE owner_id = @OwnerId AND day = @Day",
            new { OwnerId = ownerId, Day = day })).ConfigureAwait(false) ?? 0;

    public Task AddAsync(long ownerId, DateOnly day, long tokens) =>
        s.Connection.ExecuteAsync(s.Command(
            """
            INSERT INTO llm_usage (owner_id, day, tokens) VALUES (@OwnerId, @Day, @Tokens)
            ON CONFLICT (owner_id, day) DO UPDATE SET tokens = llm_usage.tokens + excluded.tokens
            """,
            new { OwnerId = ownerId, Day = day, Tokens = tokens }));
}
