using Dapper;

namespace Recouvrement.Data;

/// <summary>Messages for the owner that arose outside a conversation; delivered once.</summary>
public sealed class NoticeRepository(Session s)
{
    public Task AddAsync(long ownerId, string text, DateTimeOffset now) =>
        s.Connection.ExecuteAsync(s.Command(
            "INSERT INTO notices (owner_id, text, created_at) VALUES (@OwnerId, @Text, @Now)",
            new { OwnerId = ownerId, Text = text, Now = SqlTime.Utc(now) }));

    /// <summary>Returns the undelivered notices and marks them delivered, in one transaction with the caller.</summary>
    public async Task<IReadOnlyList<string>> TakeAsync(long ownerId, DateTimeOffset now)
    {
        var rows = (await s.Connection.QueryAsync<(long Id, string Text)>(s.Command(
            "SELECT id, text FROM notices WHERE owner_id = @OwnerId AND delivered_at IS NULL ORDER BY id",
            new { OwnerId = ownerId })).ConfigureAwait(false)).ToList();
        if (rows.Count > 0)
        {
            await s.Connection.ExecuteAsync(s.Command(
                "UPDATE notices SET delivered_at = @Now WHERE owner_id = @OwnerId AND delivered_at IS NULL AND id <= @Max",
                new { OwnerId = ownerId, Now = SqlTime.Utc(now), Max = rows[^1].Id })).ConfigureAwait(false);
        }

        return [.. rows.Select(r => r.Text)];
    }
}
