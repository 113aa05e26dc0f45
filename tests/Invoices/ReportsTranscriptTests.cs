using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Invoices;

/// <summary>who_owes_me, client_status and due_soon over a small book with invoices in every state.</summary>
public sealed class ReportsTranscriptTests
{
    private static async Task<ChatDriver> BookAsync(TestStore store, string owner = "owner-1")
    {
        var chat = new ChatDriver(store, owner);
        foreach (var m in new[]
        {
            "facture du 01/07/2026 F-1 Garage Petit 500 € échéance 01/08/2026",   // 114 days late: 90+
            "facture du 01/08/2026 F-2 Cabinet Roux 800 € échéance 01/09/2026",   // 83 days late: 61-90
            "facture du 01/09/2026 F-3 Cabinet Roux 200 € échéance 10/10/2026",   // 44 days late: 31-60
            "facture du 01/10/2026 F-4 Pixel & Co 300 € échéance 13/11/2026",     // 10 days late: 0-30
            "facture F-5 Dupont SARL 1 000 € échéance 25/11/2026",                // due in 2 days
            "facture F-6 Dupont SARL 50 € échéance 23/12/2026",                   // due in a month
            "invoice INV-7 Northwind 1,250.00 USD due Nov 30",                    // USD, due in a week
        })
        {
            Assert.Contains("✅", await chat.SayAsync(m), StringComparison.Ordinal);
        }

        return chat;
    }

    [Fact]
    public async Task WhoOwesMe_Book_OverdueFirstWithAgingAndTotalsPerCurrency()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store);

        var reply = ChatDriver.Normalize(await chat.SayAsync("qui me doit ?"));

        Assert.Contains("Qui vous doit : 5 clients", reply, StringComparison.Ordinal);
        var order = new[] { "Garage Petit — 500,00 €", "Cabinet Roux — 1 000,00 €", "Pixel & Co — 300,00 €", "Dupont SARL — 1 050,00 €", "Northwind — 1 250,00 $" }
            .Select(s => reply.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.DoesNotContain(-1, order);
        Assert.Equal(order.Order(), order);
        Assert.Contains("(plus ancien : en retard de 3 mois)", reply, StringComparison.Ordinal);
        Assert.Contains("Total EUR : 2 850,00 €, dont 1 800,00 € en retard", reply, StringComparison.Ordinal);
        Assert.Contains("0-30 j 300,00 € · 31-60 j 200,00 € · 61-90 j 800,00 € · 90+ j 500,00 €", reply, StringComparison.Ordinal);
        Assert.Contains("Total USD : 1 250,00 $, rien en retard", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WhoOwesMe_English_SameFiguresInEnglish()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store);

        var reply = await chat.SayAsync("who owes me?");

        Assert.Contains("Total EUR: €2,850.00, €1,800.00 overdue", reply, StringComparison.Ordinal);
        Assert.Contains("0-30 d €300.00 · 31-60 d €200.00 · 61-90 d €800.00 · 90+ d €500.00", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ClientStatus_Client_ShowsOpenInvoicesAndPayments()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store);
        await chat.SayAsync("Cabinet Roux a payé 100 € pour F-3");

        await chat.PlayAsync(("où en est Cabinet Roux ?", "Cabinet Roux&& Doit : 900,00 €, dont 900,00 € en retard&& n° F-2 (800,00 €, échéance 01/09/2026) — en retard de 2 mois&& déjà payé 100,00 €&& Payé à ce jour : 100,00 €"));
    }

    [Fact]
    public async Task ClientStatus_NearName_FindsTheClient()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store);

        await chat.PlayAsync(("où en est Dupont ?", "Dupont SARL&& Doit : 1 050,00 €"));
    }

    [Fact]
    public async Task DueSoon_Book_ListsTheNextSevenDays()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store);

        await chat.PlayAsync(("échéances à venir", "Échéances d'ici le 30/11/2026&& échéance dans 2 jours — Dupont SARL, 1 000,00 € (n° F-5)&& Northwind, 1 250,00 $&& !F-6&& !F-4"));
    }

    [Fact]
    public async Task Reports_TwoOwners_NeverSeeEachOthersData()
    {
        await using var store = await TestStore.CreateAsync();
        await BookAsync(store, "alice");
        var bob = new ChatDriver(store, "bob");

        await bob.PlayAsync(
            ("qui me doit ?", "Personne ne vous doit rien"),
            ("où en est Cabinet Roux ?", "Je ne connais pas de client « Cabinet Roux »"),
            ("échéances à venir", "Rien n'arrive à échéance"),
            ("Dupont SARL a payé 100 €", "Je ne connais pas de client"),
            ("la facture F-5 est payée", "Je ne trouve pas de facture n° F-5"),
            ("facture F-5 Bob Client 10 € demain", "✅ Facture enregistrée"));
    }
}
