using Dapper;

namespace Recouvrement.Data;

/// <summary>Pictures a notice can carry, made from the data of the moment it is pushed.</summary>
public static class NoticeAttachments
{
    public const string AgingChart = "aging_chart";
}

/// <summary>Messages for the owner that arose outside a conversation; delivered once.</summary>
public sealed class NoticeRepository(Session s)
{
    /// <param name="attachment">A picture to make when the notice is pushed (<see cref="NoticeAttachments"/>), or null.</param>
    public Task AddAsync(long ownerId, string text, DateTimeOffset now, string? attachment = null) =>
        s.Connection.ExecuteAsync(s.Command(
            "INSERT INTO notices (owner_id, text, created_at, attachment) VALUES (@OwnerId, @Text, @Now, @Attachment)",
            new { OwnerId = ownerId, Text = text, Now = SqlTime.Utc(now), Attachment = attachment }));

    /// <summary>Many notices at once (the morning pass's digests).</summary>
    public async Task AddManyAsync(IReadOnlyList<(long OwnerId, string Text, string? Attachment)> notices, DateTimeOffset now)
    {
        var at = SqlTime.Utc(now);
        await s.ExecuteRowsAsync("INSERT INTO notices (owner_id, text, created_at, attachment) VALUES {rows}", notices, n => [n.OwnerId, n.Text, at, n.Attachment], longText: true).ConfigureAwait(false);
    }

    /// <summary>Undelivered notices of owners on the given channels, oldest first.</summary>
    public async Task<IReadOnlyList<(long Id, Owner Owner, string Text, string? Attachment)>> PendingAsync(IReadOnlyCollection<string> channels, int limit)
    {
        var rows = await s.Connection.QueryAsync<long, Owner, NoticeBody, (long, Owner, string, string?)>(s.Command(
            $"""
            SELECT n.id, o.id, o.channel, o.external_id, o.name, o.language, o.time_zone, n.text, n.attachment
            FROM notices n JOIN owners o ON o.id = n.owner_id
            WHERE n.delivered_at IS NULL AND o.channel {s.In("@Channels")}
            ORDER BY n.id LIMIT @Limit
            """,
            new { Channels = channels, Limit = limit }), (id, owner, body) => (id, owner, body.Text, body.Attachment), splitOn: "id,text").ConfigureAwait(false);
        return [.. rows];
    }

    private sealed record NoticeBody(string Text, string? Attachment);

    public async Task<bool> MarkDeliveredAsync(long id, DateTimeOffset now) =>
        await s.Connection.ExecuteAsync(s.Command(
            "UPDATE notices SET delivered_at = @Now WHERE id = @Id AND delivered_at IS NULL",
            new { Id = id, Now = SqlTime.Utc(now) })).ConfigureAwait(false) == 1;

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

    /// <summary>The latest notice's id (0 when none): what a tick prints is what came after it.</summary>
    public Task<long> LastIdAsync() => s.Connection.ExecuteScalarAsync<long>(s.Command("SELECT COALESCE(MAX(id), 0) FROM notices"));
}
