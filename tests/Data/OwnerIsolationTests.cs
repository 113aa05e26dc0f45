using Recouvrement.Data;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Data;

public sealed class OwnerIsolationTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public async Task Repositories_TwoOwners_NeverSeeEachOthersClientsOrInvoices()
    {
        await using var store = await TestStore.CreateAsync();
        var (alice, bob, bobInvoice) = await store.Db.WriteAsync(async s =>
        {
            var a = await s.Owners.GetOrCreateAsync(new Owner { Channel = "test", ExternalId = "alice" }, Now);
            var b = await s.Owners.GetOrCreateAsync(new Owner { Channel = "test", ExternalId = "bob" }, Now);
            var bobClient = await s.Clients.CreateAsync(new Client { OwnerId = b.Id, Name = "Dupont SARL", NameKey = "dupont sarl" }, "test", Now);
            var inv = await s.Invoices.InsertAsync(new Invoice { OwnerId = b.Id, ClientId = bobClient.Id, Number = "F-1", AmountCents = 500, Currency = "EUR", IssueDate = new(2026, 10, 1), DueDate = new(2026, 11, 1) }, "test", Now);
            return (a, b, inv);
        }, Ct);

        await store.Db.ReadAsync(async s =>
        {
            Assert.Null(await s.Clients.FindByKeyAsync(alice.Id, "dupont sarl"));
            Assert.Empty(await s.Clients.SearchAsync(alice.Id, ["dupont"]));
            Assert.Null(await s.Invoices.FindByNumberAsync(alice.Id, "F-1"));
            Assert.Null(await s.Invoices.GetAsync(alice.Id, bobInvoice.Id));
            Assert.Empty(await s.Invoices.BalancesAsync(alice.Id, new DateOnly(2026, 11, 23)));
            Assert.Empty(await s.Invoices.DueBetweenAsync(alice.Id, new DateOnly(2026, 1, 1), new DateOnly(2027, 1, 1)));
            Assert.Single(await s.Invoices.BalancesAsync(bob.Id, new DateOnly(2026, 11, 23)));
            return true;
        }, Ct);

        // A payment aimed at another owner's invoice changes nothing.
        var forged = bobInvoice with { OwnerId = alice.Id };
        Assert.False(await store.Db.WriteAsync(s => s.Invoices.ApplyPaymentAsync(forged, 100, new(2026, 11, 23), "test", Now), Ct));
    }

    [Fact]
    public async Task SearchAsync_LikeWildcardsInName_MatchThemselvesOnly()
    {
        await using var store = await TestStore.CreateAsync();
        var owner = await store.Db.WriteAsync(async s =>
        {
            var o = await s.Owners.GetOrCreateAsync(new Owner { Channel = "test", ExternalId = "1" }, Now);
            await s.Clients.CreateAsync(new Client { OwnerId = o.Id, Name = "Alpha", NameKey = "alpha" }, "test", Now);
            return o;
        }, Ct);

        var found = await store.Db.ReadAsync(s => s.Clients.SearchAsync(owner.Id, ["%", "_"]), Ct);

        Assert.Empty(found);
    }
}
