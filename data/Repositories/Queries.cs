using System.Data.Common;
using Dapper;

namespace Recouvrement.Data;

/// <summary>Small operator queries (the tick verb's report).</summary>
public static class Queries
{
    public static async Task<IReadOnlyList<(long OwnerId, string Text)>> QueryNoticesAfterAsync(this DbConnection connection, long afterId)
    {
        var rows = await connection.QueryAsync<(long, string)>("SELECT owner_id, text FROM notices WHERE id > @AfterId ORDER BY id", new { AfterId = afterId }).ConfigureAwait(false);
        return [.. rows];
    }
}
