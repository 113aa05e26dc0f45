using System.Security.Cryptography;
using System.Text;
using Dapper;

namespace Recouvrement.Data;

/// <summary>Channel plumbing kept in the store, so that a restart or a second instance loses and repeats nothing.</summary>
public sealed class ChannelRepository(Session s)
{
    public Task<string?> GetStateAsync(string channel, string name) =>
        s.Connection.QuerySingleOrDefaultAsync<string?>(s.Command(
            "SELECT value FROM channel_state WHERE channel = @Channel AND name = @Name", new { Channel = channel, Name = name }));

    public Task SetStateAsync(string channel, string name, string value) =>
        s.Connection.ExecuteAsync(s.Command(
            """
            INSERT INTO channel_state (channel, name, value) VALUES (@Channel, @Name, @Value)
            ON CONFLICT (channel, name) DO UPDATE SET value = excluded.value
            """,
            new { Channel = channel, Name = name, Value = value }));

    /// <summary>Records an update as handled; false when it already was (a retry, a duplicate delivery).</summary>
    public async Task<bool> TryRecordUpdateAsync(string channel, string updateId, DateTimeOffset now) =>
        await s.Connection.ExecuteAsync(s.Command(
            "INSERT INTO channel_updates (channel, update_id, received_at) VALUES (@Channel, @Id, @Now) ON CONFLICT DO NOTHING",
            new { Channel = channel, Id = updateId, Now = SqlTime.Utc(now) })).ConfigureAwait(false) == 1;

    /// <summary>Telegram keeps updates 24 hours: older ids can no longer come back.</summary>
    public Task PruneUpdatesAsync(DateTimeOffset before) =>
        s.Connection.ExecuteAsync(s.Command("DELETE FROM channel_updates WHERE received_at < @Before", new { Before = SqlTime.Utc(before) }));

    public Task<bool> IsGrantedAsync(string channel, string externalId) =>
        s.Connection.ExecuteScalarAsync<bool>(s.Command(
            "SELECT EXISTS (SELECT 1 FROM channel_grants WHERE channel = @Channel AND external_id = @ExternalId)",
            new { Channel = channel, ExternalId = externalId }));

    public async Task CreateInviteAsync(string channel, string code, DateTimeOffset now, TimeSpan validity) =>
        await s.Connection.ExecuteAsync(s.Command(
            "INSERT INTO invites (code_hash, channel, created_at, expires_at) VALUES (@Hash, @Channel, @Now, @Expires)",
            new { Hash = Hash(code), Channel = channel, Now = SqlTime.Utc(now), Expires = SqlTime.Utc(now + validity) })).ConfigureAwait(false);

    /// <summary>Redeems a one-time code for a user: true once, when the code exists, is unused and not expired.</summary>
    public async Task<bool> RedeemInviteAsync(string channel, string code, string externalId, DateTimeOffset now)
    {
        var used = await s.Connection.ExecuteAsync(s.Command(
            """
            UPDATE invites SET redeemed_by = @ExternalId, redeemed_at = @Now
            WHERE code_hash = @Hash AND channel = @Channel AND redeemed_by IS NULL AND expires_at > @Now
            """,
            new { Hash = Hash(code.Trim().ToUpperInvariant()), Channel = channel, ExternalId = externalId, Now = SqlTime.Utc(now) })).ConfigureAwait(false);
        if (used != 1)
            return false;
        await s.Connection.ExecuteAsync(s.Command(
            "INSERT INTO channel_grants (channel, external_id, granted_at, via) VALUES (@Channel, @ExternalId, @Now, 'invite') ON CONFLICT DO NOTHING",
            new { Channel = channel, ExternalId = externalId, Now = SqlTime.Utc(now) })).ConfigureAwait(false);
        return true;
    }

    /// <summary>Keeps a file until the user accepts it; files older than a week are dropped on the way.</summary>
    public async Task<long> AddOutgoingFileAsync(string channel, string userId, string name, string contentType, byte[] content, DateTimeOffset now)
    {
        await s.Connection.ExecuteAsync(s.Command("DELETE FROM outgoing_files WHERE created_at < @Before", new { Before = SqlTime.Utc(now.AddDays(-7)) })).ConfigureAwait(false);
        return await s.Connection.ExecuteScalarAsync<long>(s.Command(
            "INSERT INTO outgoing_files (channel, user_id, name, content_type, content, created_at) VALUES (@Channel, @UserId, @Name, @ContentType, @Content, @Now) RETURNING id",
            new { Channel = channel, UserId = userId, Name = name, ContentType = contentType, Content = content, Now = SqlTime.Utc(now) })).ConfigureAwait(false);
    }

    /// <summary>The file kept for this user (never another user's), or null.</summary>
    public Task<OutgoingFile?> GetOutgoingFileAsync(string channel, string userId, long id) =>
        s.Connection.QuerySingleOrDefaultAsync<OutgoingFile?>(s.Command(
            "SELECT id AS Id, name AS Name, content_type AS ContentType, content AS Content FROM outgoing_files WHERE id = @Id AND channel = @Channel AND user_id = @UserId",
            new { Id = id, Channel = channel, UserId = userId }));

    public async Task<bool> DeleteOutgoingFileAsync(string channel, string userId, long id) =>
        await s.Connection.ExecuteAsync(s.Command(
            "DELETE FROM outgoing_files WHERE id = @Id AND channel = @Channel AND user_id = @UserId",
            new { Id = id, Channel = channel, UserId = userId })).ConfigureAwait(false) == 1;

    // Only a hash is stored: a copy of the database does not hand out valid codes.
    private static string Hash(string code) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(code)));
}

/// <summary>A document waiting for the user's consent before it is uploaded to them.</summary>
public sealed record OutgoingFile(long Id, string Name, string ContentType, byte[] Content);
