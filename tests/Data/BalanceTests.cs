using Recouvrement.Data;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Data;

/// <summary>The balances kept up to date answer exactly what adding up every open invoice answers, after any write.</summary>
public sealed class BalanceTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(StoreKind.Sqlite)]
    [InlineData(StoreKind.Postgres)]
    public async Task Balances_AfterEveryKindOfWriteAndANewDay_EqualTheRawAggregate(StoreKind kind)
    {
        await using var store = await TestStore.CreateAsync(kind);
        var chat = new ChatDriver(store, "balances");
        var owner = (await store.Db.ReadAsync(s => s.Owners.FindAsync("test", "balances"), Ct))?.Id;

        async Task SameAsync(string step)
        {
            owner ??= (await store.Db.ReadAsync(s => s.Owners.FindAsync("test", "balances"), Ct))!.Id;
            var today = DateOnly.FromDateTime(chat.Now.Date);
            var kept = await store.Db.BalancesAsync(owner.Value, today, Ct);
            var raw = await store.Db.ReadAsync(s => s.Invoices.BalancesAsync(owner.Value, today), Ct);
            static string Show(IEnumerable<ClientBalance> rows) => string.Join("\n", rows.OrderBy(b => b.ClientId).ThenBy(b => b.Currency).Select(b => b with { }));
            Assert.True(Show(kept) == Show(raw), $"after « {step} »:\nkept:\n{Show(kept)}\nraw:\n{Show(raw)}");
        }

        string[] steps =
        [
            "facture du 01/09/2026 F-1 Dupont SARL 1 200 € échéance 01/10/2026",
            "facture du 01/10/2026 F-2 Dupont SARL 300 € échéance 10/11/2026",
            "facture du 15/11/2026 F-3 Hôtel du Parc 800 € échéance 15/12/2026",
            "facture du 01/11/2026 F-4 Acme Ltd $500 net 30",
            "Dupont SARL a payé 200 €",
            "avoir de 100 € sur F-2 pour Dupont SARL",
            "Hôtel du Parc conteste la facture F-3",
            "corrige la facture F-1 : 1 300 €",
            "[press] Confirmer",
            "change l'échéance de F-2 au 01/08/2026",
            "[press] Confirmer",
            "Dupond SARL et Dupont SARL sont le même client",
            "annule le dernier paiement",
            "[press] Confirmer",
            "supprime la facture F-4",
            "[press] Confirmer",
            "litige Hôtel du Parc résolu",
        ];
        foreach (var step in steps)
        {
            if (step.StartsWith("[press] ", StringComparison.Ordinal))
                await chat.PressAsync(step["[press] ".Length..]);
            else
                await chat.SayAsync(step);
            await SameAsync(step);
        }

        // A new day moves invoices between aging buckets: the rows are rebuilt for it, then kept again.
        chat.Now = chat.Now.AddDays(20);
        await SameAsync("twenty days later");
        await chat.SayAsync("Dupont SARL a payé 150 €");
        await SameAsync("a payment on the new day");
        var rows = await store.Db.BalancesAsync(owner!.Value, DateOnly.FromDateTime(chat.Now.Date), Ct);
        Assert.NotEmpty(rows);
    }
}
