using Dapper;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Invoices;

/// <summary>log_invoice conversations, as transcript tables: (owner says, reply contains).</summary>
public sealed class LogInvoiceTranscriptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<long> CountAsync(TestStore store, string table) =>
        store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"), Ct);

    [Fact]
    public async Task LogInvoice_AllInOneMessage_SavesAndConfirms()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("Facture F-2026-041 Dupont SARL 1 200,50 € échéance 15/12", "✅ Facture enregistrée : Dupont SARL, 1 200,50 €, n° F-2026-041, échéance le 15/12/2026 (dans 3 semaines)&& Nouveau client créé"),
            ("qui me doit ?", "Dupont SARL — 1 200,50 € (échéance dans 3 semaines)"));

        Assert.Equal(1, await CountAsync(store, "invoices"));
        Assert.Equal(1, await CountAsync(store, "clients"));
    }

    [Fact]
    public async Task LogInvoice_MissingAmountAndDueDate_AsksForEachInTurn()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("facture pour Dupont SARL", "Quel est le montant de la facture pour Dupont SARL"),
            ("1 200,50 €", "Quelle est l'échéance ?&& 1) À 30 jours"),
            ("15/12", "✅ Facture enregistrée : Dupont SARL, 1 200,50 €, échéance le 15/12/2026"));
    }

    [Fact]
    public async Task LogInvoice_NoClient_AsksWhichClient()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("nouvelle facture de 800 € à 30 jours", "Pour quel client ?"),
            ("Boulangerie Martin", "✅ Facture enregistrée : Boulangerie Martin, 800,00 €, échéance le 23/12/2026"));
    }

    [Fact]
    public async Task LogInvoice_DueDateButton_ComputesTermsFromToday()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("facture Alpha Conseil 500 €", "Quelle est l'échéance ?"),
            ("[press] 45", "échéance le 07/01/2027"));
    }

    [Fact]
    public async Task LogInvoice_TypedChoiceNumber_PicksThatChoice()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("facture Alpha Conseil 500 €", "4) Fin du mois"),
            ("4", "échéance le 30/11/2026"));
    }

    [Fact]
    public async Task LogInvoice_Cancel_AbandonsAndWritesNothing()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("facture Dupont SARL 300 €", "Quelle est l'échéance ?"),
            ("annule", "D'accord, j'abandonne : rien n'a été enregistré."),
            ("15/12", "Je n'ai pas compris"),
            ("qui me doit ?", "Personne ne vous doit rien"));

        Assert.Equal(0, await CountAsync(store, "invoices"));
        Assert.Equal(0, await CountAsync(store, "clients"));
    }

    [Fact]
    public async Task LogInvoice_SameNumberTwice_IsRefused()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("facture F-12 Pixel & Co 99 € fin du mois", "✅ Facture enregistrée"),
            ("facture f-12 Alpha 10 € demain", "La facture n° f-12 existe déjà (Pixel & Co, 99,00 €) : rien n'a été enregistré."),
            ("facture F-12 Pixel & Co 99 € fin du mois", "existe déjà"));

        Assert.Equal(1, await CountAsync(store, "invoices"));
        Assert.Equal(1, await CountAsync(store, "clients"));
    }

    [Fact]
    public async Task LogInvoice_NearDuplicateClient_AsksWhichOneAndUsesTheAnswer()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("facture Dupont SARL 100 € demain", "✅"),
            ("facture Dupont 200 € demain", "Vous avez déjà un client proche de « Dupont ». Lequel est-ce ?&& 1) Dupont SARL&& 2) Nouveau client « Dupont »"),
            ("[press] Dupont SARL", "✅ Facture enregistrée : Dupont SARL, 200,00 €&& !Nouveau client"),
            ("facture dupont sarl 50 € demain", "✅ Facture enregistrée : Dupont SARL&& !proche"),
            ("facture DUPONT 70 € demain", "proche"),
            ("[press] Nouveau client", "✅ Facture enregistrée : DUPONT, 70,00 €&& Nouveau client créé"));

        Assert.Equal(2, await CountAsync(store, "clients"));
        Assert.Equal(4, await CountAsync(store, "invoices"));
    }

    [Fact]
    public async Task LogInvoice_IdenticalInvoiceWithoutNumber_AsksBeforeSavingTwice()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("facture Roux 900 € échéance 15/12", "✅"),
            ("facture Roux 900 € échéance 15/12", "Une facture identique existe déjà pour Roux&& L'enregistrer quand même ?"),
            ("[press] Non", "rien n'a été enregistré"),
            ("facture Roux 900 € échéance 15/12", "identique"),
            ("[press] Oui", "✅ Facture enregistrée : Roux"));

        Assert.Equal(2, await CountAsync(store, "invoices"));
    }

    [Fact]
    public async Task LogInvoice_Undo_CancelsTheInvoice()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("facture Roux 900 € échéance 15/12", "1) Annuler cette saisie"),
            ("[press] Annuler cette saisie", "Saisie annulée"),
            ("qui me doit ?", "Personne ne vous doit rien"));

        var kinds = await store.Db.ReadAsync(s => s.Connection.QueryAsync<string>("SELECT kind FROM events ORDER BY id"), Ct);
        Assert.Contains("invoice_cancelled", kinds);
    }

    [Fact]
    public async Task LogInvoice_DueBeforeIssue_AcceptedWithWarning()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("facture Roux 900 € émise le 20/11/2026 échéance 10/11/2026", "✅ Facture enregistrée&& ⚠️ L'échéance est antérieure à la date de facture (20/11/2026)"));
    }

    [Fact]
    public async Task LogInvoice_English_RepliesInEnglishWithEnglishFormats()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("invoice INV-88 Acme Ltd 1,200.50 USD net 30", "✅ Invoice saved: Acme Ltd, $1,200.50, no. INV-88, due 23 Dec 2026 (in 4 weeks)"),
            ("who owes me?", "Who owes you&& Acme Ltd — $1,200.50 (due in 4 weeks)"),
            ("qui me doit ?", "Qui vous doit&& Acme Ltd — 1 200,50 $"));
    }

    [Fact]
    public async Task LogInvoice_RestartMidDialog_ContinuesWhereItStopped()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);
        await chat.PlayAsync(("facture Dupont SARL 300 €", "Quelle est l'échéance ?"));

        // Act: a new process (new Database, new engine) on the same file.
        var restarted = new ChatDriver(store) { Engine = new(new Recouvrement.Data.Database(store.Path), new()) };
        await restarted.PlayAsync(("15/12", "✅ Facture enregistrée : Dupont SARL, 300,00 €"));

        Assert.Equal(1, await CountAsync(store, "invoices"));
    }

    [Fact]
    public async Task LogInvoice_StaleButton_IsRefusedAndChangesNothing()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);
        await chat.SayAsync("facture Alpha 500 €");
        var old = chat.LastReplies[0].Buttons[0].Payload;
        await chat.SayAsync("annule");

        var reply = await chat.PressPayloadAsync(old);

        Assert.Contains("n'est plus valable", reply, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(store, "invoices"));
    }
}
