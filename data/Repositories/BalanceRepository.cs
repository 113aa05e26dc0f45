using Dapper;

namespace Recouvrement.Data;

/// <summary>
/// Each client's open balance and aging inputs, kept for one day per owner (<c>balance_state.as_of</c>): every
/// invoice write recomputes its client's rows in the same statement (triggers, migration 0018); a new day rebuilds
/// the owner's rows once. « qui me doit ? » reads one row per client instead of adding up every open invoice.
/// </summary>
public sealed class BalanceRepository(Session s)
{
    /// <summary>The per-client, per-currency sums over open invoices as of @Today (the raw aggregate); callers add WHERE and GROUP BY.</summary>
    internal const string Aggregate = """
        SELECT i.client_id, i.currency,
               SUM(i.amount_cents - i.paid_cents) AS balance_cents,
               SUM(CASE WHEN i.due_date < @Today THEN i.amount_cents - i.paid_cents ELSE 0 END) AS overdue_cents,
               SUM(CASE WHEN i.due_date < @Today AND i.due_date >= @D30 THEN i.amount_cents - i.paid_cents ELSE 0 END) AS late0_to30_cents,
               SUM(CASE WHEN i.due_date < @D30 AND i.due_date >= @D60 THEN i.amount_cents - i.paid_cents ELSE 0 END) AS late31_to60_cents,
               SUM(CASE WHEN i.due_date < @D60 AND i.due_date >= @D90 THEN i.amount_cents - i.paid_cents ELSE 0 END) AS late61_to90_cents,
               SUM(CASE WHEN i.due_date < @D90 THEN i.amount_cents - i.paid_cents ELSE 0 END) AS late90_plus_cents,
               COUNT(*) AS invoice_count,
               MIN(i.due_date) AS oldest_due_date,
               SUM(CASE WHEN i.due_date < @Today THEN 1 ELSE 0 END) AS overdue_count,
               MIN(CASE WHEN i.due_date < @Today THEN i.id END) AS overdue_anchor_id,
               MIN(i.owner_id) AS owner_id
        FROM invoices i
        """;

    private const string Columns = "owner_id, client_id, currency, balance_cents, overdue_cents, late0_to30_cents, late31_to60_cents, late61_to90_cents, late90_plus_cents, invoice_count, oldest_due_date, overdue_count, overdue_anchor_id";

    /// <summary>Inserts the rows the aggregate gives for @Today under the given WHERE (on invoices i).</summary>
    private Task InsertAggregateAsync(string where, DateOnly today, object parameters, string join = "")
    {
        var all = new DynamicParameters(parameters);
        all.AddDynamicParams(Parameters(0, today));
        var select = string.Join(", ", Columns.Split(", ").Select(c => "b." + c));
        return s.Connection.ExecuteAsync(s.Command(
            $"INSERT INTO client_balances ({Columns}) SELECT {select} FROM ({Aggregate} {join} WHERE {where} AND i.status = 'open' GROUP BY i.client_id, i.currency) b",
            all));
    }

    internal static object Parameters(long ownerId, DateOnly today, long? clientId = null) => new
    {
        OwnerId = ownerId,
        ClientId = clientId,
        Today = today,
        D30 = today.AddDays(-30),
        D60 = today.AddDays(-60),
        D90 = today.AddDays(-90),
    };

    /// <summary>
    /// The day the owner's rows are wholly for (overdue and aging), or null when they were never built or were moved
    /// by the morning pass across the due date only (<see cref="AdvanceDueAsync"/>).
    /// </summary>
    public async Task<DateOnly?> AsOfAsync(long ownerId)
    {
        var state = await s.Connection.QueryFirstOrDefaultAsync<(string AsOf, string? AgedAsOf)?>(s.Command(
            "SELECT as_of, aged_as_of FROM balance_state WHERE owner_id = @OwnerId", new { OwnerId = ownerId })).ConfigureAwait(false);
        return state is { } st && st.AsOf == (st.AgedAsOf ?? st.AsOf) ? Day(st.AsOf) : null;
    }

    private static DateOnly Day(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<IReadOnlyList<ClientBalance>> ReadAsync(long ownerId) =>
        [.. await s.Connection.QueryAsync<ClientBalance>(s.Command(
            """
            SELECT b.client_id, b.currency, b.balance_cents, b.overdue_cents, b.late0_to30_cents, b.late31_to60_cents, b.late61_to90_cents,
                   b.late90_plus_cents, b.invoice_count, b.oldest_due_date, c.name AS client_name
            FROM client_balances b JOIN clients c ON c.id = b.client_id
            WHERE b.owner_id = @OwnerId
            """,
            new { OwnerId = ownerId })).ConfigureAwait(false)];

    /// <summary>Every row of the owner, as of <paramref name="today"/>.</summary>
    public Task RebuildAsync(long ownerId, DateOnly today) => AdvanceAsync([(ownerId, today)], rebuild: true);

    /// <summary>
    /// Brings the rows of these owners to their day. An owner never built (or <paramref name="rebuild"/>) is built from
    /// the invoices; otherwise only the clients with an open invoice whose due date crossed a bucket limit (the day,
    /// −30, −60, −90 days) between the two days are recomputed — a morning moves a handful of clients, not the book.
    /// </summary>
    public Task AdvanceAsync(IReadOnlyCollection<(long OwnerId, DateOnly Today)> owners, bool rebuild = false) => MoveAsync(owners, rebuild, dueOnly: false);

    /// <summary>
    /// The morning pass's move: only the clients with an open invoice that fell due (or, going back, no longer has)
    /// are recomputed — what the ladder and the digest read (overdue count, sum, oldest date, anchor). The aging
    /// buckets of the others stay for the day they were moved to wholly (<c>aged_as_of</c>) until the next
    /// <see cref="AdvanceAsync"/> (the owner's first « qui me doit ? »), which moves them across the aging limits.
    /// </summary>
    public Task AdvanceDueAsync(IReadOnlyCollection<(long OwnerId, DateOnly Today)> owners) => MoveAsync(owners, rebuild: false, dueOnly: true);

    private async Task MoveAsync(IReadOnlyCollection<(long OwnerId, DateOnly Today)> owners, bool rebuild, bool dueOnly)
    {
        if (owners.Count == 0)
            return;
        var states = rebuild ? [] : (await s.Connection.QueryAsync<(long OwnerId, string AsOf, string? AgedAsOf)>(s.Command(
            $"SELECT owner_id, as_of, aged_as_of FROM balance_state WHERE owner_id {s.InIds("@Ids")}", new { Ids = s.Ids(owners.Select(o => o.OwnerId)) })).ConfigureAwait(false))
            .ToDictionary(r => r.OwnerId, r => (AsOf: Day(r.AsOf), Aged: Day(r.AgedAsOf ?? r.AsOf)));
        foreach (var group in owners.GroupBy(o => (State: states.TryGetValue(o.OwnerId, out var d) ? d : ((DateOnly AsOf, DateOnly Aged)?)null, o.Today)))
        {
            var (state, today) = group.Key;
            if (state is { } st && st.AsOf == today && (dueOnly || st.Aged == today))
                continue;
            var ids = group.Select(o => o.OwnerId).ToList();
            // A new owner is built whole: both days are today. The morning's move leaves the aging day as it was.
            await s.Connection.ExecuteAsync(s.Command(
                $"""
                INSERT INTO balance_state (owner_id, as_of, aged_as_of) SELECT o.id, @Today, @Today FROM owners o WHERE o.id {s.InIds("@Ids")}
                ON CONFLICT (owner_id) DO UPDATE SET as_of = excluded.as_of{(dueOnly && state is not null ? "" : ", aged_as_of = excluded.aged_as_of")}
                """,
                new { Ids = s.Ids(ids), Today = today })).ConfigureAwait(false);
            if (state is not { } from)
            {
                await s.Connection.ExecuteAsync(s.Command($"DELETE FROM client_balances WHERE owner_id {s.InIds("@Ids")}", new { Ids = s.Ids(ids) })).ConfigureAwait(false);
                await InsertAggregateAsync($"i.owner_id {s.InIds("@Ids")}", today, new { Ids = s.Ids(ids) }).ConfigureAwait(false);
                continue;
            }

            // A due date d changes bucket between two days A < B exactly when a limit L(A) <= d < L(B): the day limit
            // since the rows' overdue day, and (a whole move) every limit since their aging day too.
            var limits = new DynamicParameters(new { Ids = s.Ids(ids) });
            var ranges = new List<string>(5);
            void Range(string name, int days, DateOnly a, DateOnly b)
            {
                var (lo, hi) = a < b ? (a, b) : (b, a);
                if (lo == hi)
                    return;
                limits.Add($"Lo{name}", lo.AddDays(-days));
                limits.Add($"Hi{name}", hi.AddDays(-days));
                // One indexed range per limit: an OR of ranges would scan every open invoice of the owners.
                ranges.Add($"SELECT i.client_id FROM invoices i WHERE i.owner_id {s.InIds("@Ids")} AND i.status = 'open' AND i.due_date >= @Lo{name} AND i.due_date < @Hi{name}");
            }

            // Rows written since the morning's move are for its day: a whole move crosses every limit from both days.
            foreach (var days in dueOnly ? [0] : new[] { 0, 30, 60, 90 })
            {
                Range($"Due{days}", days, from.AsOf, today);
                if (!dueOnly)
                    Range($"Aged{days}", days, from.Aged, today);
            }

            if (ranges.Count == 0)
                continue;
            var crossed = (await s.Connection.QueryAsync<long>(s.Command(string.Join(" UNION ", ranges), limits)).ConfigureAwait(false)).ToList();
            if (crossed.Count == 0)
                continue;
            // Seek each (owner, client) key: the key begins with owner_id, and two IN lists would seek their product.
            await s.Connection.ExecuteAsync(s.Command(
                $"DELETE FROM client_balances WHERE (owner_id, client_id) IN (SELECT c.owner_id, c.id FROM clients c WHERE c.id {s.InIds("@Clients")})",
                new { Clients = s.Ids(crossed) })).ConfigureAwait(false);
            // Through the clients, so each (owner, client) seeks the covering index of open invoices instead of visiting
            // invoice rows (734 clients of a 100 000-invoice book: 40 ms -> 6-17 ms).
            await InsertAggregateAsync($"c.id {s.InIds("@Clients")}", today, new { Clients = s.Ids(crossed) }, "JOIN clients c ON c.owner_id = i.owner_id AND c.id = i.client_id").ConfigureAwait(false);
        }
    }
}
