using Dapper;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Invoices;

/// <summary>record_payment conversations: partial, full, by number, oldest first, ambiguous, refused.</summary>
public sealed class RecordPaymentTranscriptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ChatDriver> WithInvoicesAsync(TestStore store, params string[] messages)
    {
        var chat = new ChatDriver(store);
        foreach (var m in messages)
            Assert.Contains("✅", await chat.SayAsync(m), StringComparison.Ordinal);
        return chat;
    }

    [Fact]
    public async Task RecordPayment_PartialThenRest_SettlesTheInvoice()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture F-1 Dupont SARL 1 200,50 € échéance 15/12");

        await chat.PlayAsync(
            ("Dupont SARL a payé 500 €", "✅ Paiement de 500,00 € enregistré pour Dupont SARL (le 23/11/2026).&& reste 700,50 €&& Reste dû par Dupont SARL : 700,50 €"),
            ("Dupont SARL a réglé 700,50", "soldée ✔️&& Dupont SARL ne vous doit plus rien 🎉"),
            ("qui me doit ?", "Personne ne vous doit rien"));

        var statuses = await store.Db.ReadAsync(s => s.Connection.QueryAsync<(string, long)>("SELECT status, paid_cents FROM invoices"), Ct);
        Assert.Equal(("paid", 120050L), Assert.Single(statuses));
        Assert.Equal(2, await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM payments"), Ct));
    }

    [Fact]
    public async Task RecordPayment_NoAmount_AsksFullOrPartial()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture F-1 Dupont SARL 1 200 € échéance 15/12");

        await chat.PlayAsync(
            ("la facture F-1 est payée", "Dupont SARL a-t-il réglé la totalité (n° F-1 (1 200,00 €, échéance 15/12/2026), 1 200,00 €) ?&& 1) Oui, la totalité"),
            ("[press] Oui", "✅ Paiement de 1 200,00 € enregistré&& soldée"),
            ("la facture F-1 est payée", "n'est plus en attente de paiement (déjà réglée)"));
    }

    [Fact]
    public async Task RecordPayment_PartialButton_AsksTheAmount()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture Dupont SARL 1 200 € échéance 15/12");

        await chat.PlayAsync(
            ("Dupont SARL a payé", "a-t-il réglé la totalité"),
            ("[press] partiel", "Quel montant avez-vous reçu ?"),
            ("300", "✅ Paiement de 300,00 € enregistré&& reste 900,00 €"));
    }

    [Fact]
    public async Task RecordPayment_Overpayment_IsRefused()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture Dupont SARL 1 000 € échéance 15/12");

        await chat.PlayAsync(("Dupont SARL a payé 1 500 €", "Ce paiement (1 500,00 €) dépasse ce que doit Dupont SARL (1 000,00 €). Rien n'a été enregistré"));

        Assert.Equal(0, await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM payments"), Ct));
    }

    [Fact]
    public async Task RecordPayment_ExactMatchOfOneInvoice_GoesToThatInvoice()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store,
            "facture F-1 Dupont SARL 1 000 € échéance 01/12",
            "facture F-2 Dupont SARL 400 € échéance 15/12");

        await chat.PlayAsync(("Dupont SARL a payé 400 €", "n° F-2 (400,00 €, échéance 15/12/2026) : soldée&& Reste dû par Dupont SARL : 1 000,00 €"));
    }

    [Fact]
    public async Task RecordPayment_WholeBalance_SettlesEveryInvoice()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store,
            "facture F-1 Dupont SARL 1 000 € échéance 01/12",
            "facture F-2 Dupont SARL 400 € échéance 15/12");

        await chat.PlayAsync(("Dupont SARL a payé 1 400 €", "n° F-1&& n° F-2&& ne vous doit plus rien"));
    }

    [Fact]
    public async Task RecordPayment_AmbiguousAmount_AsksWhereAndAppliesOldestFirst()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store,
            "facture F-1 Dupont SARL 1 000 € échéance 01/12",
            "facture F-2 Dupont SARL 400 € échéance 15/12");

        await chat.PlayAsync(
            ("Dupont SARL a payé 1 200 €", "Dupont SARL a 2 factures en attente. Sur laquelle imputer 1 200,00 € ?&& 1) Les plus anciennes d'abord"),
            ("[press] plus anciennes", "n° F-1 (1 000,00 €, échéance 01/12/2026) : soldée&& n° F-2 (400,00 €, échéance 15/12/2026) : reste 200,00 €"));
    }

    [Fact]
    public async Task RecordPayment_AmbiguousAmount_OwnerPicksAnInvoice()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store,
            "facture F-1 Dupont SARL 1 000 € échéance 01/12",
            "facture F-2 Dupont SARL 400 € échéance 15/12");

        await chat.PlayAsync(
            ("Dupont SARL a payé 300 €", "Sur laquelle imputer"),
            ("[press] F-2", "n° F-2 (400,00 €, échéance 15/12/2026) : reste 100,00 €&& !F-1"));
    }

    [Fact]
    public async Task RecordPayment_ByInvoiceNumberWithDate_RecordsThatDate()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "invoice INV-88 Northwind 1,250.00 USD net 30");

        await chat.PlayAsync(("Northwind paid 250 USD on Nov 20 for INV-88", "✅ Payment of $250.00 recorded for Northwind (on 20 Nov 2026)&& $1,000.00 left"));

        var paidOn = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<string>("SELECT paid_on FROM payments"), Ct);
        Assert.Equal("2026-11-20", paidOn);
    }

    [Fact]
    public async Task RecordPayment_OtherCurrency_IsRefused()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture Dupont SARL 1 000 € échéance 15/12");

        await chat.PlayAsync(("Dupont SARL a payé 100 USD", "Aucune facture en USD en attente pour Dupont SARL"));
    }

    [Fact]
    public async Task RecordPayment_Events_RecordWhoWhatWhen()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture F-1 Dupont SARL 1 000 € échéance 15/12");
        await chat.SayAsync("Dupont SARL a payé 100 €");

        var events = await store.Db.ReadAsync(s => s.Connection.QueryAsync<(string Actor, string Kind, string At)>("SELECT actor, kind, at FROM events ORDER BY id"), Ct);

        Assert.Equal(["owner_created", "client_created", "invoice_logged", "payment_recorded"], events.Select(e => e.Kind));
        Assert.All(events.Skip(1), e => Assert.Equal("owner", e.Actor));
        Assert.All(events, e => Assert.Equal("2026-11-23T09:00:00.0000000+00:00", e.At));
    }
}
