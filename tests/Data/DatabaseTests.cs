using Dapper;
using Microsoft.Data.Sqlite;
using Recouvrement.Data;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Data;

public sealed class DatabaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public async Task MigrateAsync_FreshFile_AppliesEveryScriptOnceInWalMode()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Sqlite);

        // Act: a second start-up must change nothing.
        await store.Db.MigrateAsync(Ct);

        // Assert
        var (mode, versions, tables) = await store.Db.ReadAsync(async s => (
            await s.Connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"),
            (await s.Connection.QueryAsync<string>("SELECT version FROM schema_migrations ORDER BY version")).ToList(),
            (await s.Connection.QueryAsync<string>("SELECT name FROM sqlite_master WHERE type = 'table'")).ToHashSet()), Ct);
        Assert.Equal("wal", mode);
        Assert.Equal(Recouvrement.Data.Migrator.Scripts().Select(x => x.Version), versions);
        Assert.Superset(new HashSet<string> { "owners", "clients", "invoices", "payments", "conversations", "events" }, tables);
    }

    [Fact]
    public async Task MigrateAsync_TwoInstancesAtOnce_BothSucceed()
    {
        var path = Path.Combine(Path.GetTempPath(), "recouvrement-tests", $"{Guid.NewGuid():N}.db");
        var a = new Database(path);
        var b = new Database(path);

        await Task.WhenAll(a.MigrateAsync(Ct), b.MigrateAsync(Ct));

        var count = await a.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM schema_migrations"), Ct);
        Assert.Equal(Recouvrement.Data.Migrator.Scripts().Count, count);
        SqliteConnection.ClearAllPools();
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Events_UpdateOrDelete_IsRefused(StoreKind kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var owner = await store.Db.WriteAsync(s => s.Owners.GetOrCreateAsync(new Owner { Channel = "test", ExternalId = "1" }, Now), Ct);

        var update = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.Db.WriteAsync(s => s.Connection.ExecuteAsync("UPDATE events SET kind = 'forged'", transaction: s.Transaction), Ct));
        var delete = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => store.Db.WriteAsync(s => s.Connection.ExecuteAsync("DELETE FROM events", transaction: s.Transaction), Ct));

        Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        var events = await store.Db.ReadAsync(s => s.Events.ForOwnerAsync(owner.Id), Ct);
        Assert.Equal("owner_created", Assert.Single(events).Kind);
    }

    [Fact]
    public async Task Invoices_DateOnlyAndCents_RoundTrip()
    {
        await using var store = await TestStore.CreateAsync();

        var read = await store.Db.WriteAsync(async s =>
        {
            var owner = await s.Owners.GetOrCreateAsync(new Owner { Channel = "test", ExternalId = "1" }, Now);
            var client = await s.Clients.CreateAsync(new Client { OwnerId = owner.Id, Name = "Dupont SARL", NameKey = TextKey.Key("Dupont SARL") }, "test", Now);
            var invoice = await s.Invoices.InsertAsync(new Invoice
            {
                OwnerId = owner.Id,
                ClientId = client.Id,
                Number = "F-2026-041",
                AmountCents = 120050,
                Currency = "EUR",
                IssueDate = new DateOnly(2026, 11, 23),
                DueDate = new DateOnly(2027, 2, 28),
            }, "test", Now);
            return await s.Invoices.GetAsync(owner.Id, invoice.Id);
        }, Ct);

        Assert.NotNull(read);
        Assert.Equal(120050, read.AmountCents);
        Assert.Equal(new DateOnly(2027, 2, 28), read.DueDate);
        Assert.Equal(new DateOnly(2026, 11, 23), read.IssueDate);
        Assert.Equal("Dupont SARL", read.ClientName);
    }

    [Fact]
    public async Task WriteAsync_FailureMidway_KeepsNothing()
    {
        await using var store = await TestStore.CreateAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => store.Db.WriteAsync(async s =>
        {
            await s.Owners.GetOrCreateAsync(new Owner { Channel = "test", ExternalId = "crash" }, Now);
            throw new InvalidOperationException("crash between two writes");
        }, Ct));

        var owner = await store.Db.ReadAsync(s => s.Owners.FindAsync("test", "crash"), Ct);
        var events = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events"), Ct);
        Assert.Null(owner);
        Assert.Equal(0, events);
    }

    [Fact]
    public async Task ApplyPaymentAsync_Overpayment_IsRefusedByTheStore()
    {
        await using var store = await TestStore.CreateAsync();
        var invoice = await store.Db.WriteAsync(async s =>
        {
            var owner = await s.Owners.GetOrCreateAsync(new Owner { Channel = "test", ExternalId = "1" }, Now);
            var client = await s.Clients.CreateAsync(new Client { OwnerId = owner.Id, Name = "A", NameKey = "a" }, "test", Now);
            return await s.Invoices.InsertAsync(new Invoice { OwnerId = owner.Id, ClientId = client.Id, AmountCents = 1000, Currency = "EUR", IssueDate = new(2026, 11, 1), DueDate = new(2026, 12, 1) }, "test", Now);
        }, Ct);

        var first = await store.Db.WriteAsync(s => s.Invoices.ApplyPaymentAsync(invoice, 600, new(2026, 11, 23), "test", Now), Ct);
        var second = await store.Db.WriteAsync(s => s.Invoices.ApplyPaymentAsync(invoice, 600, new(2026, 11, 23), "test", Now), Ct);
        var third = await store.Db.WriteAsync(s => s.Invoices.ApplyPaymentAsync(invoice, 400, new(2026, 11, 23), "test", Now), Ct);

        Assert.True(first);
        Assert.False(second);
        Assert.True(third);
        var read = await store.Db.ReadAsync(s => s.Invoices.GetAsync(invoice.OwnerId, invoice.Id), Ct);
        Assert.Equal(InvoiceStatuses.Paid, read!.Status);
        Assert.Equal(1000, read.PaidCents);
    }
}
