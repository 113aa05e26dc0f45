using Dapper;
using Recouvrement.Data;
using Recouvrement.Skills.Reminders;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Reminders;

/// <summary>The morning pass composes a page of reminders from what it reads for all of them at once: each must be the one composed alone.</summary>
public sealed class ComposerSetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task ComposeManyAsync_ClientsOfTwoOwners_SameDraftsAsComposedOneAtATime(StoreKind kind)
    {
        // Arrange: two owners with the same client names; payments, a settled dispute, an IBAN on one side only.
        await using var store = await TestStore.CreateAsync(kind);
        var a = new ChatDriver(store, "compose-a");
        var b = new ChatDriver(store, "compose-b");
        foreach (var line in new[]
        {
            "mon IBAN est FR7630006000011234567890189",
            "mon entreprise s'appelle Atelier A",
            "facture du 01/09/2026 F-1 Dupont SARL 1 200 € échéance 01/10/2026",
            "facture du 01/10/2026 F-2 Dupont SARL 300 € échéance 20/10/2026",
            "Dupont SARL a payé 200 €",
            "facture du 15/09/2026 F-3 Hôtel du Parc 800 € échéance 15/10/2026",
            "Hôtel du Parc conteste la facture F-3",
            "litige Hôtel du Parc résolu",
        })
            await a.SayAsync(line);
        foreach (var line in new[]
        {
            "facture du 01/08/2026 F-9 Dupont SARL 950 € échéance 31/08/2026",
            "facture du 20/09/2026 F-10 Hôtel du Parc 120 € échéance 20/10/2026",
            "Hôtel du Parc a payé 20 €",
        })
            await b.SayAsync(line);
        var composer = new DraftComposer(Kits.Templates, new ReminderOptions());
        var today = DateOnly.FromDateTime(a.Now.Date).AddDays(10);

        // Act: the same (owner, client, step) composed one at a time, then all at once.
        var (alone, together) = await store.Db.ReadAsync(async s =>
        {
            var requests = new List<(Owner, Client, DateOnly, string)>();
            foreach (var external in new[] { "compose-a", "compose-b" })
            {
                var owner = (await s.Owners.FindAsync("test", external))!;
                foreach (var id in await s.Connection.QueryAsync<long>("SELECT id FROM clients WHERE owner_id = @Id ORDER BY id", new { owner.Id }))
                {
                    foreach (var step in new[] { ReminderOptions.Friendly, ReminderOptions.Firm })
                        requests.Add((owner, (await s.Clients.GetAsync(owner.Id, id))!, today, step));
                }
            }

            var one = new List<Composition>();
            foreach (var (owner, client, day, step) in requests.Where((_, i) => i % 2 == 0))
                one.Add(await composer.ComposeAsync(s, owner, client, "fr", day, step, "test", Ct));
            foreach (var (owner, client, day, step) in requests.Where((_, i) => i % 2 == 1))
                one.Add(await composer.ComposeAsync(s, owner, client, "fr", day, step, "test", Ct));
            var many = (await composer.ComposeManyAsync(s, [.. requests.Where((_, i) => i % 2 == 0)], "test", Ct))
                .Concat(await composer.ComposeManyAsync(s, [.. requests.Where((_, i) => i % 2 == 1)], "test", Ct)).ToList();
            return (one, many);
        }, Ct);

        // Assert: four clients, each with its own invoices, payments, dispute and owner's details.
        Assert.Equal(8, alone.Count);
        Assert.All(alone, c => Assert.NotNull(c.Draft));
        Assert.Equal(alone.Select(c => c.Draft), together.Select(c => c.Draft));
        static string Fees(Composition c) => $"{c.Fees!.InterestCents}/{c.Fees.IndemnityCents}/{c.Fees.RateBpNow}/{string.Join(',', c.Fees.Lines)}";
        Assert.Equal(alone.Select(Fees), together.Select(Fees));
        Assert.Equal(alone.Select(c => string.Join('|', c.OwnerWarnings)), together.Select(c => string.Join('|', c.OwnerWarnings)));
        Assert.Contains(alone, c => c.Draft!.Body.Contains("Suite à nos échanges", StringComparison.Ordinal));
        Assert.Contains(alone, c => c.Draft!.Body.Contains("Un oubli arrive", StringComparison.Ordinal));
        Assert.Contains(alone, c => c.Draft!.Body.Contains("FR76", StringComparison.Ordinal));
        Assert.Contains(alone, c => !c.Draft!.Body.Contains("FR76", StringComparison.Ordinal));
        Assert.Equal(4, alone.Select(c => c.Draft!.AmountCents).Distinct().Count());
    }
}
