using Dapper;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Corrections;

/// <summary>Correct, undo, delete, credit notes, and sentences that must never write (issue 14), in French and English.</summary>
public sealed class CorrectionTranscriptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<ChatDriver> WithInvoicesAsync(TestStore store, params string[] messages)
    {
        var chat = new ChatDriver(store);
        foreach (var m in messages)
            Assert.Contains("✅", await chat.SayAsync(m), StringComparison.Ordinal);
        return chat;
    }

    private static Task<long> CountAsync(TestStore store, string sql) => store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>(sql), Ct);

    public static TheoryData<string> NotPayments => new()
    {
        "Transports Girard dit qu'il a payé 1000 mais j'ai rien reçu",
        "est-ce que Transports Girard a payé ?",
        "Transports Girard a payé ?",
        "Transports Girard n'a pas payé",
        "si Transports Girard paie 1000 il reste combien ?",
        "Transports Girard doit payer 1000 demain",
        "Transports Girard says they paid 1000",
        "did Transports Girard pay?",
        "if Transports Girard pays 1000 tomorrow",
        "I haven't received anything from Transports Girard",
    };

    [Theory]
    [MemberData(nameof(NotPayments))]
    public async Task HandleAsync_NotAPayment_WritesNothing(string sentence)
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture F-1 Transports Girard 3 000 € échéance 15/12");

        var reply = await chat.SayAsync(sentence);

        Assert.DoesNotContain("✅ Paiement", reply, StringComparison.Ordinal);
        Assert.Equal(0, await CountAsync(store, "SELECT COUNT(*) FROM payments"));
    }

    [Fact]
    public async Task HandleAsync_ReportedPayment_SaysNothingWasRecorded()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture F-1 Transports Girard 3 000 € échéance 15/12");

        await chat.PlayAsync(("Transports Girard dit qu'il a payé 1000 mais j'ai rien reçu", "je n'enregistre rien&&Transports Girard&&3 000,00 €"));
    }

    [Fact]
    public async Task UndoPayment_ByChatAfterOtherMessages_ReopensInvoice()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture F-1 Transports Girard 3 000 € échéance 15/12");

        await chat.PlayAsync(
            ("Transports Girard a payé 1000 €", "✅ Paiement de 1 000,00 €&&Annuler ce paiement"),
            ("qui me doit ?", "2 000,00 €"),
            ("supprime le paiement de 1000 de Transports Girard", "Je propose de annuler le paiement de 1 000,00 € de Transports Girard&&Confirmer"),
            ("[press] Confirmer", "↩️&&Reste dû par Transports Girard : 3 000,00 €"));

        Assert.Equal(1, await CountAsync(store, "SELECT COUNT(*) FROM payments WHERE voided_at IS NOT NULL"));
        Assert.Equal(0, await CountAsync(store, "SELECT paid_cents FROM invoices"));
        Assert.Equal(1, await CountAsync(store, "SELECT COUNT(*) FROM events WHERE kind = 'payment_voided'"));
    }

    [Fact]
    public async Task UndoButton_OnPayment_UndoesIt()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "invoice F-1 Acme Ltd €3,000 due 15/12");

        await chat.PlayAsync(
            ("Acme Ltd paid €1,000", "✅ Payment of €1,000.00"),
            ("[press] Undo this payment", "↩️&&Still owed by Acme Ltd: €3,000.00"),
            ("undo the last payment", "can't find a payment"));
    }

    [Fact]
    public async Task Correct_LastInvoiceAmount_ShowsBeforeAfterAndApplies()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture F-2026-110 Dupont SARL 1 200 € échéance 15/12");

        await chat.PlayAsync(
            ("oups c'était 1 300 pas 1 200", "corriger la facture n° F-2026-110&&1 200,00 € → 1 300,00 €&&Confirmer"),
            ("oui", "✅ Facture corrigée&&1 300,00 €"));

        Assert.Equal(130000, await CountAsync(store, "SELECT amount_cents FROM invoices"));
        Assert.Equal(1, await CountAsync(store, "SELECT COUNT(*) FROM events WHERE kind = 'invoice_corrected'"));
    }

    [Fact]
    public async Task Correct_ByNumberAfterRestart_Applies()
    {
        await using var store = await TestStore.CreateAsync();
        await WithInvoicesAsync(store, "facture F-2026-110 Dupont SARL 1 200 € échéance 15/12");
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("corrige la facture F-2026-110 : 1 300 €", "1 200,00 € → 1 300,00 €"),
            ("[press] Confirmer", "✅ Facture corrigée"),
            ("change l'échéance de F-2026-110 au 15/01", "échéance 15/12/2026 → 15/01/2027"),
            ("[press] Confirmer", "échéance le 15/01/2027"),
            ("la facture F-2026-110 est pour Dupond SARL, pas Dupont SARL", "client Dupont SARL → Dupond SARL (nouveau client)"),
            ("[press] Confirmer", "Dupond SARL"));
    }

    [Fact]
    public async Task Correct_Cancelled_ChangesNothing()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture F-1 Dupont SARL 1 200 € échéance 15/12");

        await chat.PlayAsync(
            ("corrige la facture F-1 : 1 300 €", "Confirmer"),
            ("non", "rien n'a été enregistré"));
        Assert.Equal(120000, await CountAsync(store, "SELECT amount_cents FROM invoices"));
    }

    [Fact]
    public async Task DeleteInvoice_Confirmed_LeavesTotals()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture F-1 Dupont SARL 1 200 € échéance 15/12", "facture F-2 Dupont SARL 300 € échéance 15/12");

        await chat.PlayAsync(
            ("supprime la facture F-1", "supprimer la facture n° F-1&&Confirmer"),
            ("[press] Confirmer", "🗑️&&Reste dû par Dupont SARL : 300,00 €"),
            ("qui me doit ?", "300,00 €&&!1 500,00 €"),
            ("delete invoice F-404", "can't find invoice no. F-404"));
    }

    [Fact]
    public async Task CreditNote_OnInvoice_ReducesWhatIsOwed()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture F-1 Dupont SARL 1 200 € échéance 15/12");

        await chat.PlayAsync(
            ("avoir de 100 € sur F-1 pour Dupont SARL", "✅ Avoir de 100,00 €&&Reste dû sur cette facture : 1 100,00 €"),
            ("combien j'ai encaissé ce mois-ci ?", "Rien d'encaissé ce mois-ci"),
            ("[press] Annuler cet avoir", "↩️"));
    }

    [Fact]
    public async Task RecordPayment_SameAmountTwiceSameDay_Asks()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture F-1 Dupont SARL 3 000 € échéance 15/12");

        await chat.PlayAsync(
            ("Dupont SARL a payé 1000 €", "✅ Paiement"),
            ("Dupont SARL a payé 1000 €", "Encore un paiement ?"),
            ("non", "rien n'a été enregistré"));
        Assert.Equal(1, await CountAsync(store, "SELECT COUNT(*) FROM payments"));
    }

    [Fact]
    public async Task RecordPayment_OneInvoiceByNumber_SaysWhatIsStillOwed()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture F-1 Dupont SARL 1 000 € échéance 15/12", "facture F-2 Dupont SARL 500 € échéance 20/12");

        await chat.PlayAsync(("la facture F-1 est payée", "a-t-il réglé la totalité"), ("[press] Oui", "Reste dû par Dupont SARL : 500,00 €&&!plus rien"));
    }

    [Fact]
    public async Task LogInvoice_QuestionInBetween_KeepsTheEntry()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("facture Sanitaires Leroy 900 €", "Quelle est l'échéance"),
            ("qui me doit ?", "Je garde la facture Sanitaires Leroy 900,00 € : quelle échéance ?"),
            ("à 30 jours", "✅ Facture enregistrée : Sanitaires Leroy, 900,00 €"));
    }

    [Fact]
    public async Task LogInvoice_NewCompleteRequest_DoesNotInheritSlots()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("facture Alpha Conseil échéance 15/01", "Quel est le montant"),
            ("facture Beta Studio 500 € à 30 jours", "✅ Facture enregistrée : Beta Studio, 500,00 €&&23/12/2026"));
    }

    [Fact]
    public async Task LogInvoice_FarAboveUsual_IsConfirmed()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture Dupont SARL 1 200 € à 30 jours");

        await chat.PlayAsync(
            ("facture Dupont SARL 150 000 € à 30 jours", "c'est bien ce montant ?"),
            ("[press] Oui", "✅ Facture enregistrée"));
    }

    [Fact]
    public async Task LogInvoice_TypoOfKnownClient_AsksWhich()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture Dupont SARL 1 200 € à 30 jours");

        await chat.PlayAsync(("facture Dupond SARL 300 € à 30 jours", "proche de « Dupond SARL »&&Dupont SARL"));
        Assert.Equal(1, await CountAsync(store, "SELECT COUNT(*) FROM clients"));
    }

    [Fact]
    public async Task Cancel_NothingInProgress_ProposesUndoingLastEntry()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture F-9 Dupont SARL 1 200 € à 30 jours");

        await chat.PlayAsync(
            ("qui me doit ?", "1 200,00 €"),
            ("annule ça", "supprimer la facture n° F-9"),
            ("oui", "🗑️"));
        Assert.Equal(1, await CountAsync(store, "SELECT COUNT(*) FROM invoices WHERE status = 'cancelled'"));
    }

    [Fact]
    public async Task Reports_IncomeAndPaidList_AnswerFromTheBook()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture F-1 Dupont SARL 1 000 € échéance 15/12");

        await chat.PlayAsync(
            ("Dupont SARL a payé 1000 €", "✅"),
            ("combien j'ai encaissé ce mois-ci ?", "Encaissé ce mois-ci&&1 000,00 €"),
            ("CA facturé en novembre", "Facturé en novembre 2026&&1 000,00 €"),
            ("liste des factures payées", "Dupont SARL — F-1"),
            ("how much did I receive this month?", "Received this month"));
    }

    [Fact]
    public async Task MergeClients_OwnerKeepsOneName_InvoicesMoveAndHistoryKeepsTrace()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture F-1 Dupont SARL 1 200 € échéance 15/12");

        await chat.PlayAsync(
            ("facture F-2 Dupond SARL 300 € échéance 15/12", "proche de « Dupond SARL »"),
            ("[press] Nouveau client", "✅ Facture enregistrée"),
            ("Dupond SARL et Dupont SARL sont le même client", "Quel nom garder ?&&Garder « Dupont SARL »"),
            ("[press] Garder « Dupont SARL »", "✅ Dupond SARL est réuni à Dupont SARL&&Reste dû par Dupont SARL : 1 500,00 €"),
            ("qui me doit ?", "Dupont SARL&&1 500,00 €&&!Dupond"));

        Assert.Equal(1, await CountAsync(store, "SELECT COUNT(*) FROM clients"));
        Assert.Equal(1, await CountAsync(store, "SELECT COUNT(*) FROM events WHERE kind = 'clients_merged'"));
    }

    [Fact]
    public async Task LateFees_InvoicePaidLate_InterestAndIndemnityStillDue()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture du 01/09/2026 F-1 Dupont SARL 1 000 € échéance 01/10/2026");

        await chat.PlayAsync(
            ("Dupont SARL a payé 1 000 €", "ne vous doit plus rien"),
            ("pénalités de retard pour Dupont SARL", "n° F-1 (payée en retard) : 53 jours de retard&&indemnité 40,00 €&&!aucune facture"));
    }

    [Fact]
    public async Task LogInvoice_TwoAmounts_AsksInsteadOfPicking()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("facture Dupont SARL 1 200 € échéance 15/12 1 300 €", "deux montants différents&&Quel est le montant"),
            ("1 300 €", "✅ Facture enregistrée : Dupont SARL, 1 300,00 €"));
    }

    [Fact]
    public async Task Correct_NumberOfLastInvoice_AndDeleteLastInvoice()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "facture Dupont SARL 1 200 € à 30 jours");

        await chat.PlayAsync(
            ("le numéro c'est F-12", "numéro — → F-12&&Confirmer"),
            ("oui", "✅ Facture corrigée : facture n° F-12"),
            ("efface la dernière facture", "supprimer la facture n° F-12"),
            ("[press] Confirmer", "🗑️"),
            ("qui me doit ?", "Personne ne vous doit rien"));
        Assert.Equal(2, await CountAsync(store, "SELECT COUNT(*) FROM events WHERE kind IN ('invoice_corrected', 'invoice_cancelled')"));
    }

    [Fact]
    public async Task English_CorrectUndoDelete_WorkTheSame()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await WithInvoicesAsync(store, "invoice F-7 Acme Ltd €1,200 due 15/12");

        await chat.PlayAsync(
            ("correct invoice F-7: €1,300", "I suggest to correct the invoice no. F-7&&€1,200.00 → €1,300.00"),
            ("yes", "✅ Invoice corrected"),
            ("Acme Ltd paid €300", "✅ Payment of €300.00"),
            ("undo the last payment", "undo the payment of €300.00"),
            ("[press] Confirm", "↩️&&Still owed by Acme Ltd: €1,300.00"),
            ("delete invoice F-7", "delete the invoice no. F-7"),
            ("[press] Confirm", "🗑️"));
    }
}
