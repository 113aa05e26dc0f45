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
               MIN(i.due_date) AS oldest_due_date
        FROM invoices i
        """;

    private const string Columns = "client_id, currency, balance_cents, overdue_cents, late0_to30_cents, late31_to60_cents, late61_to90_cents, late90_plus_cents, invoice_count, oldest_due_date";

    internal static object Parameters(long ownerId, DateOnly today, long? clientId = null) => new
    {
        OwnerId = ownerId,
        ClientId = clientId,
        Today = today,
        D30 = today.AddDays(-30),
        D60 = today.AddDays(-60),
        D90 = today.AddDays(-90),
    };

    /// <summary>The day the owner's rows are for, or null when they were never built.</summary>
    public async Task<DateOnly?> AsOfAsync(long ownerId) =>
        await s.Connection.ExecuteScalarAsync<string?>(s.Command("SELECT as_of FROM balance_state WHERE owner_id = @OwnerId", new { OwnerId = ownerId })).ConfigureAwait(false) is { } day
            ? DateOnly.ParseExact(day, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)
            : null;

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
    public async Task RebuildAsync(long ownerId, DateOnly today)
    {
        await s.Connection.ExecuteAsync(s.Command("DELETE FROM client_balances WHERE owner_id = @OwnerId", new { OwnerId = ownerId })).ConfigureAwait(false);
        await s.Connection.ExecuteAsync(s.Command(
            $"INSERT INTO client_balances (owner_id, {Columns}) SELECT @OwnerId, b.* FROM ({Aggregate} WHERE i.owner_id = @OwnerId AND i.status = 'open' GROUP BY i.client_id, i.currency) b",
            Parameters(ownerId, today))).ConfigureAwait(false);
        await s.Connection.ExecuteAsync(s.Command(
            "INSERT INTO balance_state (owner_id, as_of) VALUES (@OwnerId, @Today) ON CONFLICT (owner_id) DO UPDATE SET as_of = excluded.as_of",
            new { OwnerId = ownerId, Today = today })).ConfigureAwait(false);
    }
}
