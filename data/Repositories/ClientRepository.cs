using Dapper;

namespace Recouvrement.Data;

public sealed class ClientRepository(Session s)
{
    private const string Columns = "id, owner_id, name, name_key, kind, siren, email, notes, reminder_plan, paused_until, formal_notice_on, language, proceedings_on, proceedings_kind, address, copy_email, copy_hidden";

    public Task<Client?> GetAsync(long ownerId, long id) =>
        s.Connection.QuerySingleOrDefaultAsync<Client?>(s.Command(
            $"SELECT {Columns} FROM clients WHERE owner_id = @OwnerId AND id = @Id", new { OwnerId = ownerId, Id = id }));

    /// <summary>Many clients of these owners at once (the morning pass's ladder).</summary>
    public async Task<IReadOnlyList<Client>> GetManyAsync(IReadOnlyCollection<long> ownerIds, IReadOnlyCollection<long> ids) =>
        [.. await s.Connection.QueryAsync<Client>(s.Command(
            $"SELECT {Columns} FROM clients WHERE id {s.InIds("@Ids")} AND owner_id {s.InIds("@Owners")}", new { Ids = s.Ids(ids), Owners = s.Ids(ownerIds) })).ConfigureAwait(false)];

    public Task<Client?> FindBySirenAsync(long ownerId, string siren) =>
        s.Connection.QueryFirstOrDefaultAsync<Client?>(s.Command(
            $"SELECT {Columns} FROM clients WHERE owner_id = @OwnerId AND siren = @Siren ORDER BY id LIMIT 1", new { OwnerId = ownerId, Siren = siren }));

    public Task<Client?> FindByKeyAsync(long ownerId, string nameKey) =>
        s.Connection.QuerySingleOrDefaultAsync<Client?>(s.Command(
            $"SELECT {Columns} FROM clients WHERE owner_id = @OwnerId AND name_key = @NameKey",
            new { OwnerId = ownerId, NameKey = nameKey }));

    /// <summary>Clients whose key contains any of the given words: the candidates for a near-duplicate check.</summary>
    public async Task<IReadOnlyList<Client>> SearchAsync(long ownerId, IReadOnlyCollection<string> words, int limit = 20)
    {
        ArgumentNullException.ThrowIfNull(words);
        if (words.Count == 0)
            return [];
        var parameters = new DynamicParameters(new { OwnerId = ownerId, Limit = limit });
        var clauses = new List<string>();
        var i = 0;
        foreach (var word in words)
        {
            // Escaped so that a name holding % or _ matches itself only.
            parameters.Add($"W{i}", "%" + word.Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%");
            clauses.Add($"name_key LIKE @W{i} ESCAPE '\\'");
            i++;
        }

        var rows = await s.Connection.QueryAsync<Client>(s.Command(
            $"SELECT {Columns} FROM clients WHERE owner_id = @OwnerId AND ({string.Join(" OR ", clauses)}) ORDER BY name_key LIMIT @Limit",
            parameters)).ConfigureAwait(false);
        return [.. rows];
    }

    public async Task<Client> CreateAsync(Client client, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(client);
        var id = await s.Connection.ExecuteScalarAsync<long>(s.Command(
            """
            INSERT INTO clients (owner_id, name, name_key, kind, siren, email, notes, created_at)
            VALUES (@OwnerId, @Name, @NameKey, @Kind, @Siren, @Email, @Notes, @Now)
            RETURNING id
            """,
            new { client.OwnerId, client.Name, client.NameKey, client.Kind, client.Siren, client.Email, client.Notes, Now = SqlTime.Utc(now) })).ConfigureAwait(false);
        await s.Events.AppendAsync(client.OwnerId, actor, "client_created", "client", id, new { client.Name, client.Kind }, now).ConfigureAwait(false);
        return client with { Id = id };
    }

    private static readonly HashSet<string> Settable = new(StringComparer.Ordinal)
    {
        "email", "kind", "siren", "reminder_plan", "paused_until", "formal_notice_on", "notes", "language", "proceedings_on", "proceedings_kind",
        "address", "copy_email", "copy_hidden",
    };

    /// <summary>Sets one of the client's details and journals the change; the column is checked against a fixed list.</summary>
    public async Task<bool> SetAsync(long ownerId, long clientId, string column, object? value, string actor, DateTimeOffset now)
    {
        if (!Settable.Contains(column))
            throw new ArgumentOutOfRangeException(nameof(column), column, "Not a settable client column.");
        var stored = value is DateOnly d ? d.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture) : value;
        var changed = await s.Connection.ExecuteAsync(s.Command(
            $"UPDATE clients SET {column} = @Value WHERE id = @Id AND owner_id = @OwnerId",
            new { Value = stored, Id = clientId, OwnerId = ownerId })).ConfigureAwait(false);
        if (changed == 1)
            await s.Events.AppendAsync(ownerId, actor, "client_updated", "client", clientId, new { Field = column, Value = stored }, now).ConfigureAwait(false);
        return changed == 1;
    }

    public Task<long> CountAsync(long ownerId) =>
        s.Connection.ExecuteScalarAsync<long>(s.Command("SELECT COUNT(*) FROM clients WHERE owner_id = @OwnerId", new { OwnerId = ownerId }));

    /// <summary>
    /// Two names for one client: everything of <paramref name="fromId"/> (invoices, drafts, messages, plans) moves to
    /// <paramref name="intoId"/>, which keeps its own details and takes the other's email and SIREN where it had none;
    /// the merged-away row is removed and the journal keeps its name. False when either is not this owner's.
    /// </summary>
    public async Task<bool> MergeAsync(long ownerId, long fromId, long intoId, string actor, DateTimeOffset now)
    {
        var from = await GetAsync(ownerId, fromId).ConfigureAwait(false);
        var into = await GetAsync(ownerId, intoId).ConfigureAwait(false);
        if (from is null || into is null || fromId == intoId)
            return false;
        foreach (var table in new[] { "invoices", "drafts", "outbox", "plans" })
        {
            await s.Connection.ExecuteAsync(s.Command(
                $"UPDATE {table} SET client_id = @Into WHERE client_id = @From AND owner_id = @OwnerId",
                new { Into = intoId, From = fromId, OwnerId = ownerId })).ConfigureAwait(false);
        }

        await s.Connection.ExecuteAsync(s.Command(
            "UPDATE clients SET email = COALESCE(email, @Email), siren = COALESCE(siren, @Siren) WHERE id = @Into AND owner_id = @OwnerId",
            new { from.Email, from.Siren, Into = intoId, OwnerId = ownerId })).ConfigureAwait(false);
        await s.Connection.ExecuteAsync(s.Command("DELETE FROM clients WHERE id = @From AND owner_id = @OwnerId", new { From = fromId, OwnerId = ownerId })).ConfigureAwait(false);
        await s.Events.AppendAsync(ownerId, actor, "clients_merged", "client", intoId, new { FromId = fromId, FromName = from.Name, IntoName = into.Name }, now).ConfigureAwait(false);
        return true;
    }
}
