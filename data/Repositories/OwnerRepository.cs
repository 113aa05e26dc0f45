using Dapper;

namespace Recouvrement.Data;

public sealed class OwnerRepository(Session s)
{
    private const string Columns = "id, channel, external_id, name, language, time_zone, language_fixed";

    public Task<Owner?> FindAsync(string channel, string externalId) =>
        s.Connection.QuerySingleOrDefaultAsync<Owner?>(s.Command(
            $"SELECT {Columns} FROM owners WHERE channel = @Channel AND external_id = @ExternalId",
            new { Channel = channel, ExternalId = externalId }));

    public Task<Owner?> GetAsync(long id) =>
        s.Connection.QuerySingleOrDefaultAsync<Owner?>(s.Command($"SELECT {Columns} FROM owners WHERE id = @Id", new { Id = id }));

    /// <summary>Returns the owner, creating it (and logging the creation) on first contact.</summary>
    public async Task<Owner> GetOrCreateAsync(Owner template, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(template);
        var existing = await FindAsync(template.Channel, template.ExternalId).ConfigureAwait(false);
        if (existing is not null)
            return existing;
        var id = await s.Connection.ExecuteScalarAsync<long>(s.Command(
            """
            INSERT INTO owners (channel, external_id, name, language, time_zone, created_at)
            VALUES (@Channel, @ExternalId, @Name, @Language, @TimeZone, @Now)
            RETURNING id
            """,
            new { template.Channel, template.ExternalId, template.Name, template.Language, template.TimeZone, Now = SqlTime.Utc(now) })).ConfigureAwait(false);
        await s.Events.AppendAsync(id, "system", "owner_created", "owner", id, new { template.Channel }, now).ConfigureAwait(false);
        return template with { Id = id };
    }

    public Task SetTimeZoneAsync(long ownerId, string timeZone) =>
        s.Connection.ExecuteAsync(s.Command("UPDATE owners SET time_zone = @TimeZone WHERE id = @Id", new { TimeZone = timeZone, Id = ownerId }));

    /// <summary>The owner's own choice of chat language: kept until they choose again.</summary>
    public Task FixLanguageAsync(long ownerId, string language) =>
        s.Connection.ExecuteAsync(s.Command("UPDATE owners SET language = @Language, language_fixed = TRUE WHERE id = @Id", new { Language = language, Id = ownerId }));

    public Task SetLanguageAsync(long ownerId, string language) =>
        s.Connection.ExecuteAsync(s.Command("UPDATE owners SET language = @Language WHERE id = @Id", new { Language = language, Id = ownerId }));
}
