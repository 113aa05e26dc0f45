using Dapper;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Data;

public sealed class ConnectionPoolTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OpenConnection_PooledConnectionLeftInATransaction_NextWriteStillSucceeds()
    {
        await using var store = await TestStore.CreateAsync(Recouvrement.Data.StoreKind.Sqlite);
        // A connection goes back to the pool inside a transaction (as one did under saturation).
        await using (var leaked = await store.Db.OpenConnectionAsync(Ct))
            await leaked.ExecuteAsync("BEGIN; INSERT INTO owners (channel, external_id, language, time_zone, created_at) VALUES ('t', 'ghost', 'fr', 'Europe/Paris', '2026-12-01');");

        var written = await store.Db.WriteAsync(s => s.Connection.ExecuteAsync("INSERT INTO owners (channel, external_id, language, time_zone, created_at) VALUES ('t', 'real', 'fr', 'Europe/Paris', '2026-12-01')", transaction: s.Transaction), Ct);
        var owners = await store.Db.ReadAsync(s => s.Connection.QueryAsync<string>("SELECT external_id FROM owners WHERE channel = 't'"), Ct);

        Assert.Equal(1, written);
        Assert.Equal(["real"], owners.ToArray());
    }
}
