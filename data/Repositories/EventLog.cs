using System.Text.Json;
using Dapper;

namespace Recouvrement.Data;

/// <summary>The append-only journal (the table refuses UPDATE and DELETE).</summary>
public sealed class EventLog(Session s)
{
    public Task<long> AppendAsync(long ownerId, string actor, string kind, string entity, long? entityId, object? data, DateTimeOffset at) =>
        s.Connection.ExecuteScalarAsync<long>(s.Command(
            """
            INSERT INTO events (owner_id, actor, kind, entity, entity_id, data_json, at)
            VALUES (@OwnerId, @Actor, @Kind, @Entity, @EntityId, @DataJson, @At)
            RETURNING id
            """,
            new
            {
                OwnerId = ownerId,
                Actor = actor,
                Kind = kind,
                Entity = entity,
                EntityId = entityId,
                DataJson = data is null ? null : JsonSerializer.Serialize(data),
                At = SqlTime.Utc(at),
            }));

    public async Task<IReadOnlyList<Event>> ForOwnerAsync(long ownerId, int limit = 100)
    {
        var rows = await s.Connection.QueryAsync<Event>(s.Command(
            "SELECT id, owner_id, actor, kind, entity, entity_id, data_json, at FROM events WHERE owner_id = @OwnerId ORDER BY id DESC LIMIT @Limit",
            new { OwnerId = ownerId, Limit = limit })).ConfigureAwait(false);
        return [.. rows];
    }
}
