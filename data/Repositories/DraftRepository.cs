using Dapper;

namespace Recouvrement.Data;

public sealed class DraftRepository(Session s)
{
    private const string Columns =
        "d.id, d.owner_id, d.client_id, d.step, d.language, d.subject, d.body, d.invoice_ids, d.amount_cents, d.currency, d.status, d.edited, d.created_by, d.created_at, d.decided_at";

    public async Task<Draft> InsertAsync(Draft draft, string actor, DateTimeOffset now) =>
        (await InsertManyAsync([draft], actor, now).ConfigureAwait(false))[0];

    /// <summary>Pending drafts (at most one per client), each with its journal event; returned with their ids, in the order given.</summary>
    public async Task<IReadOnlyList<Draft>> InsertManyAsync(IReadOnlyList<Draft> drafts, string actor, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        if (drafts.Select(d => d.ClientId).Distinct().Count() != drafts.Count)
            throw new ArgumentException("At most one draft per client at a time.", nameof(drafts));
        var at = SqlTime.Utc(now);
        var ids = (await s.QueryRowsAsync<Draft, (long Id, long ClientId)>(
            """
            INSERT INTO drafts (owner_id, client_id, step, language, subject, body, invoice_ids, amount_cents, currency, status, created_by, created_at)
            VALUES {rows}
            RETURNING id, client_id
            """,
            drafts, d => [d.OwnerId, d.ClientId, d.Step, d.Language, d.Subject, d.Body, d.InvoiceIds, d.AmountCents, d.Currency, DraftStatuses.Pending, d.CreatedBy, at], longText: true).ConfigureAwait(false))
            .ToDictionary(x => x.ClientId, x => x.Id);

        var saved = drafts.Select(d => d with { Id = ids[d.ClientId], Status = DraftStatuses.Pending }).ToList();
        await s.Events.AppendManyAsync([.. saved.Select(d => (d.OwnerId, "draft_created", "draft", (long?)d.Id, (object?)new { d.ClientId, d.Step, d.AmountCents, d.Currency, d.InvoiceIds }))], actor, now).ConfigureAwait(false);
        return saved;
    }

    public Task<Draft?> GetAsync(long ownerId, long id) =>
        s.Connection.QuerySingleOrDefaultAsync<Draft?>(s.Command(
            $"SELECT {Columns}, c.name AS client_name FROM drafts d JOIN clients c ON c.id = d.client_id WHERE d.owner_id = @OwnerId AND d.id = @Id",
            new { OwnerId = ownerId, Id = id }));

    public async Task<IReadOnlyList<Draft>> PendingAsync(long ownerId, int limit = 20)
    {
        var rows = await s.Connection.QueryAsync<Draft>(s.Command(
            $"SELECT {Columns}, c.name AS client_name FROM drafts d JOIN clients c ON c.id = d.client_id WHERE d.owner_id = @OwnerId AND d.status = 'pending' ORDER BY d.id LIMIT @Limit",
            new { OwnerId = ownerId, Limit = limit })).ConfigureAwait(false);
        return [.. rows];
    }

    public Task<Draft?> PendingForClientAsync(long ownerId, long clientId) =>
        s.Connection.QueryFirstOrDefaultAsync<Draft?>(s.Command(
            $"SELECT {Columns}, c.name AS client_name FROM drafts d JOIN clients c ON c.id = d.client_id WHERE d.owner_id = @OwnerId AND d.client_id = @ClientId AND d.status = 'pending' ORDER BY d.id DESC",
            new { OwnerId = ownerId, ClientId = clientId }));

    /// <summary>Moves a draft from one status to another; false (and nothing written) when it was not in the expected one.</summary>
    public async Task<bool> TransitionAsync(long ownerId, long id, string from, string to, string actor, DateTimeOffset now, object? data = null)
    {
        var changed = await s.Connection.ExecuteAsync(s.Command(
            "UPDATE drafts SET status = @To, decided_at = @Now WHERE id = @Id AND owner_id = @OwnerId AND status = @From",
            new { To = to, From = from, Id = id, OwnerId = ownerId, Now = SqlTime.Utc(now) })).ConfigureAwait(false);
        if (changed == 1)
            await s.Events.AppendAsync(ownerId, actor, $"draft_{to}", "draft", id, data, now).ConfigureAwait(false);
        return changed == 1;
    }

    public async Task<bool> EditAsync(long ownerId, long id, string body, string actor, DateTimeOffset now)
    {
        var changed = await s.Connection.ExecuteAsync(s.Command(
            "UPDATE drafts SET body = @Body, edited = TRUE WHERE id = @Id AND owner_id = @OwnerId AND status = 'pending'",
            new { Body = body, Id = id, OwnerId = ownerId })).ConfigureAwait(false);
        if (changed == 1)
            await s.Events.AppendAsync(ownerId, actor, "draft_edited", "draft", id, new { Length = body.Length }, now).ConfigureAwait(false);
        return changed == 1;
    }

    /// <summary>
    /// A pending draft re-rendered for the day it leaves: today's figures and deadlines (not those of the day it was
    /// drafted). Only drafts the owner did not edit; the journal records the refresh.
    /// </summary>
    public async Task<bool> RefreshAsync(long ownerId, long id, string subject, string body, string invoiceIds, long amountCents, string actor, DateTimeOffset now)
    {
        var changed = await s.Connection.ExecuteAsync(s.Command(
            """
            UPDATE drafts SET subject = @Subject, body = @Body, invoice_ids = @InvoiceIds, amount_cents = @Amount
            WHERE id = @Id AND owner_id = @OwnerId AND status = 'pending' AND edited = FALSE
            """,
            new { Subject = subject, Body = body, InvoiceIds = invoiceIds, Amount = amountCents, Id = id, OwnerId = ownerId })).ConfigureAwait(false);
        if (changed == 1)
            await s.Events.AppendAsync(ownerId, actor, "draft_refreshed", "draft", id, new { AmountCents = amountCents }, now).ConfigureAwait(false);
        return changed == 1;
    }

    /// <summary>Drafts still pending for a client become obsolete (the client paid, disputed or promised).</summary>
    public async Task<int> ObsoleteForClientAsync(long ownerId, long clientId, string actor, DateTimeOffset now, string reason)
    {
        var ids = (await s.Connection.QueryAsync<long>(s.Command(
            "SELECT id FROM drafts WHERE owner_id = @OwnerId AND client_id = @ClientId AND status = 'pending'",
            new { OwnerId = ownerId, ClientId = clientId })).ConfigureAwait(false)).ToList();
        foreach (var id in ids)
            await TransitionAsync(ownerId, id, DraftStatuses.Pending, DraftStatuses.Obsolete, actor, now, new { Reason = reason }).ConfigureAwait(false);
        return ids.Count;
    }

    public async Task<IReadOnlyList<Draft>> ForClientAsync(long ownerId, long clientId, int limit = 50)
    {
        var rows = await s.Connection.QueryAsync<Draft>(s.Command(
            $"SELECT {Columns}, c.name AS client_name FROM drafts d JOIN clients c ON c.id = d.client_id WHERE d.owner_id = @OwnerId AND d.client_id = @ClientId ORDER BY d.id DESC LIMIT @Limit",
            new { OwnerId = ownerId, ClientId = clientId, Limit = limit })).ConfigureAwait(false);
        return [.. rows];
    }
}
