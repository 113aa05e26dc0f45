using Dapper;

namespace Recouvrement.Data;

/// <summary>The rate table (ECB refinancing rate, legal interest rates), seeded by migration and updatable.</summary>
public sealed class RateRepository(Session s)
{
    /// <summary>The whole table, read once per session: a morning pass composes hundreds of reminders in one.</summary>
    public async Task<IReadOnlyList<Rate>> AllAsync() =>
        s.CachedRates ??= [.. await s.Connection.QueryAsync<Rate>(s.Command("SELECT kind, valid_from, rate_bp FROM rates ORDER BY kind, valid_from")).ConfigureAwait(false)];

    public Task UpsertAsync(string kind, DateOnly validFrom, int rateBp, string source)
    {
        s.CachedRates = null;
        return s.Connection.ExecuteAsync(s.Command(
            """
            INSERT INTO rates (kind, valid_from, rate_bp, source) VALUES (@Kind, @ValidFrom, @RateBp, @Source)
            ON CONFLICT (kind, valid_from) DO UPDATE SET rate_bp = excluded.rate_bp, source = excluded.source
            """,
            new { Kind = kind, ValidFrom = validFrom, RateBp = rateBp, Source = source }));
    }
}
