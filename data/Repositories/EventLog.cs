using System.Text.Json;
using Dapper;

namespace Recouvrement.Data;

/// <summary>The append-only journal (the table refuses UPDATE and DELETE).</summary>
public sealed class EventLog(Session s)
{
    public async Task<long> AppendAsync(long ownerId, string actor, string kind, string entity, long? entityId, object? data, DateTimeOffset at) =>
        (await InsertAsync([(ownerId, kind, entity, entityId, data)], actor, at).ConfigureAwait(false))[0];

    /// <summary>Many events at once, in the order given (the morning pass's drafts).</summary>
    public Task AppendManyAsync(IReadOnlyList<(long OwnerId, string Kind, string Entity, long? EntityId, object? Data)> events, string actor, DateTimeOffset at) =>
        InsertAsync(events, actor, at);

    /// <summary>The events' ids (in no promised order when there are several).</summary>
    private Task<List<long>> InsertAsync(IReadOnlyList<(long OwnerId, string Kind, string Entity, long? EntityId, object? Data)> events, string actor, DateTimeOffset at)
    {
        var when = SqlTime.Utc(at);
        return s.QueryRowsAsync<(long OwnerId, string Kind, string Entity, long? EntityId, object? Data), long>(
            "INSERT INTO events (owner_id, actor, kind, entity, entity_id, data_json, at) VALUES {rows} RETURNING id", events,
            e => [e.OwnerId, actor, e.Kind, e.Entity, e.EntityId, e.Data is null ? null : JsonSerializer.Serialize(e.Data), when]);
    }

    /// <summary>The owner's latest write that can be undone (an invoice, a payment or a credit note), or null.</summary>
    public Task<(string Kind, long EntityId, string? DataJson)?> LatestWriteAsync(long ownerId) =>
        s.Connection.QuerySingleOrDefaultAsync<(string, long, string?)?>(s.Command(
            """
            SELECT kind, entity_id, data_json FROM events
            WHERE owner_id = @OwnerId AND kind IN ('invoice_logged', 'payment_recorded', 'credit_note')
            ORDER BY id DESC LIMIT 1
            """,
            new { OwnerId = ownerId }));

    /// <summary>Whether an event of this kind was journaled on any of these invoices (a dispute settled, say).</summary>
    public async Task<bool> AnyOnInvoicesAsync(long ownerId, string kind, IReadOnlyCollection<long> invoiceIds) =>
        (await InvoicesWithAsync([ownerId], kind, invoiceIds).ConfigureAwait(false)).Count > 0;

    /// <summary>Which of these invoices (of these owners) have an event of this kind in the journal.</summary>
    public async Task<HashSet<long>> InvoicesWithAsync(IReadOnlyCollection<long> ownerIds, string kind, IReadOnlyCollection<long> invoiceIds) =>
        invoiceIds.Count == 0 ? [] : [.. await s.Connection.QueryAsync<long>(s.Command(
            $"SELECT DISTINCT entity_id FROM events WHERE owner_id {s.InIds("@Owners")} AND kind = @Kind AND entity = 'invoice' AND entity_id {s.InIds("@Ids")}",
            new { Owners = s.Ids(ownerIds), Kind = kind, Ids = s.Ids(invoiceIds) })).ConfigureAwait(false)];

    public async Task<IReadOnlyList<Event>> ForOwnerAsync(long ownerId, int limit = 100)
    {
        var rows = await s.Connection.QueryAsync<Row>(s.Command(
            "SELECT id, owner_id, actor, kind, entity, entity_id, data_json, at FROM events WHERE owner_id = @OwnerId ORDER BY id DESC LIMIT @Limit",
            new { OwnerId = ownerId, Limit = limit })).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToEvent())];
    }

    /// <summary>Everything about one client, oldest first: the client, its invoices, drafts and outbox messages.</summary>
    public async Task<IReadOnlyList<Event>> ForClientAsync(long ownerId, long clientId, int limit = 500)
    {
        var rows = await s.Connection.QueryAsync<Row>(s.Command(
            """
            SELECT id, owner_id, actor, kind, entity, entity_id, data_json, at FROM events
            WHERE owner_id = @OwnerId AND (
                (entity = 'client' AND entity_id = @ClientId)
                OR (entity = 'invoice' AND entity_id IN (SELECT id FROM invoices WHERE client_id = @ClientId AND owner_id = @OwnerId))
                OR (entity = 'draft' AND entity_id IN (SELECT id FROM drafts WHERE client_id = @ClientId AND owner_id = @OwnerId))
                OR (entity = 'outbox' AND entity_id IN (SELECT id FROM outbox WHERE client_id = @ClientId AND owner_id = @OwnerId)))
            ORDER BY id LIMIT @Limit
            """,
            new { OwnerId = ownerId, ClientId = clientId, Limit = limit })).ConfigureAwait(false);
        return [.. rows.Select(r => r.ToEvent())];
    }

    // Instants are stored as text; read them as text and parse, whatever Dapper does with DateTimeOffset.
    private sealed record Row(long Id, long OwnerId, string Actor, string Kind, string Entity, long? EntityId, string? DataJson, string At)
    {
        public Event ToEvent() => new()
        {
            Id = Id,
            OwnerId = OwnerId,
            Actor = Actor,
            Kind = Kind,
            Entity = Entity,
            EntityId = EntityId,
            DataJson = DataJson,
            At = DateTimeOffset.Parse(At, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal),
        };
    }
}
