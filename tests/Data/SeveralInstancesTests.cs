using Dapper;
using Recouvrement.Data;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Scheduling;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Data;

/// <summary>
/// The same bot on a real PostgreSQL 15 server, and several instances on one database: migrations once, each
/// outbox message sent once, each morning done once, a conversation never silently overwritten.
/// </summary>
public sealed class SeveralInstancesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1));

    [Fact]
    public async Task Migrate_FourInstancesStartingTogether_EveryScriptAppliedOnce()
    {
        var connection = await PostgresServer.CreateDatabaseAsync();
        var instances = Enumerable.Range(0, 4).Select(_ => new Database(connection)).ToList();
        try
        {
            await Task.WhenAll(instances.Select(i => i.MigrateAsync(Ct)));

            var versions = await instances[0].ReadAsync(s => s.Connection.QueryAsync<string>("SELECT version FROM schema_migrations ORDER BY version"), Ct);
            Assert.Equal(Recouvrement.Data.Migrator.Scripts(StoreKind.Postgres).Select(x => x.Version), versions);
            var rates = await instances[1].ReadAsync(s => s.Rates.AllAsync(), Ct);
            Assert.Equal(21, rates.Count);
        }
        finally
        {
            foreach (var i in instances)
                await i.DisposeAsync();
            await PostgresServer.DropDatabaseAsync(connection);
        }
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Conversation_LogPayUndoAndAsk_SameAnswersOnBothStores(StoreKind kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var chat = new ChatDriver(store, "both-stores");

        await chat.PlayAsync(
            ("facture du 01/10/2026 F-1 Dupont SARL 1 200 € échéance 01/11/2026", "✅ Facture enregistrée : Dupont SARL, 1 200,00 €, n° F-1, échéance le 01/11/2026"),
            ("facture du 15/11/2026 F-2 Hôtel du Parc 800 € échéance 15/12/2026", "✅ Facture enregistrée : Hôtel du Parc, 800,00 €"),
            ("Dupont SARL a payé 200 €", "✅ Paiement de 200,00 € enregistré pour Dupont SARL&& reste 1 000,00 €"),
            ("Dupont SARL a payé 300 € ?", "Dupont SARL"),
            ("annule le dernier paiement", "Confirmer"),
            ("[press] Confirmer", "annulé"),
            ("qui me doit ?", "Dupont SARL — 1 200,00 €&& Hôtel du Parc — 800,00 €&& Total EUR : 2 000,00 €, dont 1 200,00 € en retard"),
            ("relevé de compte Dupont SARL", "📄 Relevé de compte de Dupont SARL"));

        var (payments, events) = await store.Db.ReadAsync(async s => (
            await s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM payments WHERE voided_at IS NULL"),
            await s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM events")), Ct);
        Assert.Equal(0, payments);
        Assert.True(events >= 5);
    }

    [Fact]
    public async Task Outbox_TwoInstancesOnPostgres_EachMessageSentOnce()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Postgres);
        var chat = Kits.Chat(store, new ScriptedSender(), "outbox-race");
        chat.Now = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(1)); // Sunday: approvals wait for Monday.
        for (var i = 0; i < 12; i++)
        {
            await chat.PlayAsync(
                ($"facture du 01/10/2026 Client{i} SARL 100 € échéance 01/11/2026", "✅"),
                ($"l'email de Client{i} SARL est c{i}@example.com", "✅"),
                ($"relance Client{i} SARL", "✉️"),
                ("[press] Approuver", "lundi"));
        }

        var senders = Enumerable.Range(0, 3).Select(_ => new ScriptedSender()).ToList();
        var instances = senders.Select(_ => new Database(store.Path)).ToList();
        try
        {
            var dispatchers = senders.Select((sender, i) => new OutboxDispatcher(instances[i], sender, new ReminderOptions())).ToList();

            await Task.WhenAll(dispatchers.Select(d => d.RunOnceAsync(Monday, Ct)));

            var sent = senders.SelectMany(s => s.Sent).ToList();
            Assert.Equal(12, sent.Count);
            Assert.Equal(12, sent.Select(m => m.To).Distinct().Count());
            var rows = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM outbox WHERE status = 'sent'"), Ct);
            Assert.Equal(12, rows);
        }
        finally
        {
            foreach (var i in instances)
                await i.DisposeAsync();
        }
    }

    [Fact]
    public async Task Scheduler_TwoInstancesSameMorningOnPostgres_OneDigestPerOwnerAndOneDraftPerClient()
    {
        await using var store = await TestStore.CreateAsync(StoreKind.Postgres);
        for (var o = 0; o < 5; o++)
        {
            var chat = new ChatDriver(store, $"sched-{o}");
            await chat.PlayAsync(($"facture du 01/09/2026 F-{o} Client{o} SARL 100 € échéance 01/10/2026", "✅"));
        }

        var a = new Database(store.Path);
        var b = new Database(store.Path);
        try
        {
            var kit = Kits.For(store, new ScriptedSender());
            var first = new SchedulerPass(a, kit, new SchedulerOptions());
            var second = new SchedulerPass(b, kit, new SchedulerOptions());
            var morning = new DateTimeOffset(2026, 11, 23, 9, 5, 0, TimeSpan.FromHours(1));

            var reports = await Task.WhenAll(first.RunAsync(morning, Ct), second.RunAsync(morning, Ct), first.RunAsync(morning.AddMinutes(1), Ct));

            Assert.Contains(reports, r => r.LeaseHeld);
            var (digests, drafts) = await store.Db.ReadAsync(async s => (
                await s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM notices WHERE text LIKE '%point du matin%'"),
                await s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM drafts")), Ct);
            Assert.Equal(5, digests);
            Assert.Equal(5, drafts);
        }
        finally
        {
            await a.DisposeAsync();
            await b.DisposeAsync();
        }
    }

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task ConversationState_SecondInstanceSavedMeanwhile_FirstSaveRefusedNothingOverwritten(StoreKind kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var owner = await store.Db.WriteAsync(s => s.Owners.GetOrCreateAsync(new Owner { Channel = "test", ExternalId = "race" }, Monday), Ct);

        // Both instances read the conversation (none yet), then answer.
        var (_, seenByA) = await store.Db.ReadAsync(s => s.Conversations.GetVersionedAsync(owner.Id, "k"), Ct);
        var (_, seenByB) = await store.Db.ReadAsync(s => s.Conversations.GetVersionedAsync(owner.Id, "k"), Ct);
        var savedB = await store.Db.WriteAsync(s => s.Conversations.SaveIfUnchangedAsync(owner.Id, "k", "{\"b\":1}", seenByB, Monday), Ct);
        var savedA = await store.Db.WriteAsync(s => s.Conversations.SaveIfUnchangedAsync(owner.Id, "k", "{\"a\":1}", seenByA, Monday), Ct);
        var clearedA = await store.Db.WriteAsync(s => s.Conversations.SaveIfUnchangedAsync(owner.Id, "k", null, seenByA, Monday), Ct);

        Assert.True(savedB);
        Assert.False(savedA);
        Assert.False(clearedA);
        var (json, version) = await store.Db.ReadAsync(s => s.Conversations.GetVersionedAsync(owner.Id, "k"), Ct);
        Assert.Equal("{\"b\":1}", json);
        Assert.Equal(1, version);
        Assert.True(await store.Db.WriteAsync(s => s.Conversations.SaveIfUnchangedAsync(owner.Id, "k", null, version, Monday), Ct));
    }

    [Fact]
    public async Task Write_ServerUnreachable_FailsCleanlyAfterRetryingAndWritesNothing()
    {
        var dead = new Database("Host=127.0.0.1;Port=1;Username=postgres;Database=none;Timeout=1");

        var error = await Assert.ThrowsAnyAsync<Npgsql.NpgsqlException>(() => dead.MigrateAsync(Ct));

        Assert.Contains("127.0.0.1:1", error.Message, StringComparison.Ordinal);
        Assert.True(Database.IsTransient(error));
    }
}
