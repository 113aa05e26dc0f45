using Dapper;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Reminders;

/// <summary>Draft -> approve -> a real SMTP server receives it; and the ways it must not happen.</summary>
public sealed class ReminderTranscriptTests(SmtpServer smtp) : IClassFixture<SmtpServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ChatDriver> BookAsync(TestStore store, string owner = "owner-1")
    {
        var chat = Kits.Chat(store, smtp.Sender(), owner);
        await chat.PlayAsync(
            ("facture du 01/10/2026 F-1 Dupont SARL 1 200 € échéance 01/11/2026", "✅"),
            ("facture du 01/10/2026 F-2 Dupont SARL 300 € échéance 10/11/2026", "✅"),
            ("l'email de Dupont SARL est compta@dupont.fr", "✅ Dupont SARL : email : compta@dupont.fr"),
            ("mon IBAN est FR76 3000 6000 0112 3456 7890 189", "✅ Réglages enregistrés : IBAN FR76 3000 6000 0112 3456 7890 189"),
            ("mon entreprise s'appelle Atelier Nova", "✅ Réglages enregistrés : nom : Atelier Nova"));
        return chat;
    }

    private int MailsTo(string address) => smtp.Received().Count(m => m.RcptTo == address);

    [Fact]
    public async Task DraftReminder_Approve_SendsOneEmailWithTheFigures()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store, "approve");
        var to = "compta@dupont.fr";
        var before = MailsTo(to);

        await chat.PlayAsync(
            ("relance Dupont SARL", "✉️ Relance amicale pour Dupont SARL → compta@dupont.fr&& Montant dû : 1 500,00 €&& Facture n° F-1 du 01/10/2026 – 1 200,00 € – échéance 01/11/2026&& IBAN : FR76 3000 6000 0112 3456 7890 189&& Atelier Nova&& 1) ✅ Approuver&& 2) ✏️ Modifier&& 3) 🗑️ Rejeter"),
            ("[press] Approuver", "✅ Approuvé et envoyé à compta@dupont.fr."),
            ("[press] Approuver", "déjà approuvé : rien n'a été envoyé une seconde fois"));

        Assert.Equal(before + 1, MailsTo(to));
        var mail = smtp.Received().Last(m => m.RcptTo == to).Message;
        Assert.Equal("Relance – règlement arrivé à échéance", mail.Subject);
        Assert.Contains("Bonjour Dupont SARL", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<strong>1 500,00 €</strong>", ChatDriver.Normalize(System.Net.WebUtility.HtmlDecode(mail.HtmlBody ?? string.Empty)), StringComparison.Ordinal);
        Assert.Contains("F-2", mail.TextBody, StringComparison.Ordinal);
        Assert.Empty(mail.Attachments); // a friendly reminder carries no statement
        var events = await store.Db.ReadAsync(s => s.Connection.QueryAsync<string>("SELECT kind FROM events WHERE entity = 'draft' ORDER BY id"), Ct);
        Assert.Equal(["draft_created", "draft_approved", "draft_sent"], events);
    }

    [Fact]
    public async Task DraftReminder_FormalNotice_StatesPenaltiesAndLawAndGivesALetter()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store, "formal");

        await chat.PlayAsync(
            ("rédige une mise en demeure pour Dupont SARL", "Mise en demeure pour Dupont SARL&& article 1344 du Code civil&& L441-10&& D441-5&& 40 € par facture&& 80,00 €&& au plus tard le 01/12/2026&& 4) 📄 Lettre recommandée"),
            ("[press] Lettre", "LETTRE RECOMMANDÉE AVEC ACCUSÉ DE RÉCEPTION&& Madame, Monsieur"));

        Assert.NotNull(chat.LastReplies[0].Attachment);
        Assert.StartsWith("mise-en-demeure-dupont-sarl-", chat.LastReplies[0].Attachment!.FileName, StringComparison.Ordinal);
        Assert.EndsWith(".pdf", chat.LastReplies[0].Attachment!.FileName, StringComparison.Ordinal);
        PdfText.ContainsAll(chat.LastReplies[0].Attachment!.Content, "LETTRE RECOMMANDÉE AVEC ACCUSÉ DE RÉCEPTION", "Mise en demeure de payer", "Dupont SARL", "article 1344 du Code civil", "80,00 €", "01/12/2026");
    }

    [Fact]
    public async Task FormalNotice_Sent_EmailCarriesTheStatementAsOfTheSendingDay()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store, "statement-mail");
        await chat.SayAsync("Dupont SARL a payé 200 € le 20/11 pour la facture F-1");

        await chat.PlayAsync(
            ("rédige une mise en demeure pour Dupont SARL", "Mise en demeure pour Dupont SARL&& 📎 Le relevé de compte, à la date d'envoi, sera joint en PDF."),
            ("[press] Approuver", "✅ Approuvé et envoyé à compta@dupont.fr."));

        var mail = smtp.Received().Last(m => m.RcptTo == "compta@dupont.fr").Message;
        var pdf = Assert.Single(mail.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("releve-dupont-sarl-2026-11-23.pdf", pdf.FileName);
        Assert.Equal("application/pdf", pdf.ContentType.MimeType);
        using var content = new MemoryStream();
        pdf.Content!.DecodeTo(content, Ct);
        PdfText.ContainsAll(content.ToArray(), "Relevé de compte", "Atelier Nova", "Dupont SARL", "F-1", "F-2", "200,00", "1 300,00", "FR76");
    }

    [Fact]
    public async Task Letter_OwnerAndDebtorIdentified_NameFormSirenAddressesAndPlace()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store, "identity");

        await chat.PlayAsync(
            ("ma forme juridique est SARL", "✅ Réglages enregistrés : forme juridique : SARL"),
            ("mon SIREN est 552 100 554", "✅ Réglages enregistrés : SIREN 552100554"),
            ("mon SIREN est 552 100 555", "n'est pas valide&& rien n'a changé"),
            ("mon adresse est 12 rue de la Paix, 75002 Paris", "✅ Réglages enregistrés : adresse : 12 rue de la Paix, 75002 Paris"),
            ("l'adresse de Dupont SARL est 3 place Bellecour, 69002 Lyon", "✅ Dupont SARL : adresse : 3 place Bellecour, 69002 Lyon"),
            ("rédige une mise en demeure pour Dupont SARL", "Mise en demeure pour Dupont SARL&& 4) 📄 Lettre recommandée"),
            ("[press] Lettre", "Atelier Nova SARL&& SIREN 552 100 554&& 12 rue de la Paix, 75002 Paris&& Dupont SARL&& 3 place Bellecour, 69002 Lyon&& À Paris, le 23/11/2026&& LETTRE RECOMMANDÉE"));
        PdfText.ContainsAll(chat.LastReplies[0].Attachment!.Content, "Atelier Nova SARL", "SIREN 552 100 554", "12 rue de la Paix, 75002 Paris", "3 place Bellecour, 69002 Lyon", "À Paris, le 23/11/2026");

        var invoices = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM invoices"), Ct);
        Assert.Equal(2, invoices); // the address's numbers were never read as an invoice
    }

    [Fact]
    public async Task Approve_AccountantInCopyAndAuditorInBlindCopy_BothReceiveOnlyTheBlindOneHidden()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store, "copies");

        await chat.PlayAsync(
            ("mets ma comptable en copie : compta@cabinet.example", "✅ Réglages enregistrés : compta@cabinet.example en copie de chaque message à vos clients"),
            ("relance Dupont SARL", "Relance amicale pour Dupont SARL"),
            ("[press] Approuver", "✅ Approuvé et envoyé à compta@dupont.fr."),
            ("mets audit@cabinet.example en copie cachée pour Dupont SARL", "✅ Dupont SARL : audit@cabinet.example en copie cachée de ses messages"));

        var visible = smtp.Received().Last(m => m.RcptTo.Contains("compta@cabinet.example", StringComparison.Ordinal));
        Assert.Equal("compta@dupont.fr,compta@cabinet.example", visible.RcptTo);
        Assert.Equal("compta@cabinet.example", Assert.Single(visible.Message.Cc.Mailboxes).Address);
        var client = await store.Db.ReadAsync(s => s.Connection.QuerySingleAsync<(string Email, string Copy, long Hidden)>("SELECT email, copy_email, copy_hidden FROM clients WHERE name = 'Dupont SARL'"), Ct);
        Assert.Equal(("compta@dupont.fr", "audit@cabinet.example", 1L), client);
    }

    [Fact]
    public async Task DraftReminder_InTenDays_PendingDraftWithdrawnAndLadderWaitsUntilThen()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store, "later");

        await chat.PlayAsync(
            ("relance Dupont SARL", "Relance amicale pour Dupont SARL"),
            ("relance Dupont SARL dans 10 jours", "⏰ D'accord : je relancerai Dupont SARL le 03/12/2026&& Rien ne part d'ici là.&& Le brouillon en attente est retiré.&& 1) Annuler"));
        var paused = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<string>("SELECT paused_until FROM clients WHERE name = 'Dupont SARL'"), Ct);
        var pending = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM drafts WHERE status = 'pending'"), Ct);

        Assert.Equal("2026-12-02", paused);
        Assert.Equal(0, pending);
        await chat.PlayAsync(("[press] Annuler", "↩️ Relances reprises comme avant."));
        Assert.Null(await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<string?>("SELECT paused_until FROM clients WHERE name = 'Dupont SARL'"), Ct));
    }

    [Fact]
    public async Task DraftReminder_Edit_ReplacesTheBodyAndEmptyEditChangesNothing()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store, "edit");

        await chat.PlayAsync(
            ("relance Dupont SARL", "Relance amicale"),
            ("[press] Modifier", "Envoyez le nouveau texte"),
            ("   ", "Votre message est vide"),
            ("Bonjour, pouvez-vous régler les 1 500 € cette semaine ? Merci, Atelier Nova", "Brouillon modifié&& pouvez-vous régler les 1 500 €"),
            ("[press] Approuver", "✅ Approuvé et envoyé"),
            ("brouillons", "Aucun brouillon n'attend"));

        var mail = smtp.Received().Last(m => m.RcptTo == "compta@dupont.fr").Message;
        Assert.Contains("pouvez-vous régler les 1 500 € cette semaine", mail.TextBody, StringComparison.Ordinal);
        var kinds = await store.Db.ReadAsync(s => s.Connection.QueryAsync<string>("SELECT kind FROM events WHERE entity = 'draft' ORDER BY id"), Ct);
        Assert.Contains("draft_edited", kinds);
    }

    [Fact]
    public async Task DraftReminder_EditAfterSending_IsRefused()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store, "edit-sent");
        await chat.PlayAsync(("relance Dupont SARL", "Relance amicale"));
        var edit = chat.LastReplies[0].Buttons.Single(b => b.Label.Contains("Modifier", StringComparison.Ordinal)).Payload;
        await chat.PlayAsync(("[press] Approuver", "envoyé"));

        var reply = await chat.PressPayloadAsync(edit);

        Assert.Contains("n'est plus modifiable", reply, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DraftReminder_Reject_SendsNothing()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store, "reject");
        var before = MailsTo("compta@dupont.fr");

        await chat.PlayAsync(
            ("relance Dupont SARL", "Relance amicale"),
            ("[press] Rejeter", "🗑️ Brouillon rejeté : rien n'a été envoyé."),
            ("[press] Rejeter", "Ce brouillon a été rejeté."));

        Assert.Equal(before, MailsTo("compta@dupont.fr"));
    }

    [Fact]
    public async Task DraftReminder_Dispute_StopsRemindersUntilResolved()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store, "dispute");

        await chat.PlayAsync(
            ("relance Dupont SARL", "Relance amicale"),
            ("Dupont SARL conteste la facture F-1", "⏸️ Litige noté pour Dupont SARL (n° F-1)"),
            ("brouillons", "Aucun brouillon"),
            ("relance Dupont SARL", "Montant dû : 300,00 €&& !F-1&& Un oubli arrive à tout le monde"),
            ("Dupont SARL conteste", "⏸️ Litige noté pour Dupont SARL (n° F-2)"),
            ("relance Dupont SARL", "Rien à relancer pour Dupont SARL"),
            ("litige Dupont SARL résolu", "▶️ Litige résolu pour Dupont SARL (n° F-1, n° F-2)"),
            ("relance Dupont SARL", "Montant dû : 1 500,00 €&& Suite à nos échanges&& !Un oubli"));
    }

    [Fact]
    public async Task DraftReminder_PromiseToPay_PausesUntilTheDayAfter()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store, "promise");

        await chat.PlayAsync(
            ("relance Dupont SARL", "Relance amicale"),
            ("Dupont SARL promet de payer le 10/12", "🤝 Promesse notée : pas de relance à Dupont SARL jusqu'au 10/12/2026 inclus&& reprennent le 11/12/2026"),
            ("relance Dupont SARL", "en pause jusqu'au 10/12/2026 inclus"),
            ("brouillons", "Aucun brouillon"));

        chat.Now = new DateTimeOffset(2026, 12, 11, 10, 0, 0, TimeSpan.FromHours(1));
        await chat.PlayAsync(("relance Dupont SARL", "✉️"));
    }

    [Fact]
    public async Task Approve_ClientPaidMeanwhile_WithdrawsTheDraft()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store, "paid");
        var before = MailsTo("compta@dupont.fr");

        await chat.PlayAsync(
            ("relance Dupont SARL", "Relance amicale"),
            ("Dupont SARL a payé 1 500 €", "ne vous doit plus rien"),
            ("[press] Approuver", "ne doit plus rien sur ces factures&& rien n'a été envoyé"));

        Assert.Equal(before, MailsTo("compta@dupont.fr"));
    }

    [Fact]
    public async Task Outbox_PaidBetweenApprovalAndSending_NotSentAndOwnerTold()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store, "paid-later");
        var before = MailsTo("compta@dupont.fr");
        chat.Now = new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.FromHours(1)); // a Saturday: it leaves on Monday

        await chat.PlayAsync(
            ("relance Dupont SARL", "Relance amicale"),
            ("[press] Approuver", "✅ Approuvé"),
            ("Dupont SARL a payé 1 500 €", "ne vous doit plus rien"));
        var monday = new DateTimeOffset(2026, 11, 30, 10, 0, 0, TimeSpan.FromHours(1));
        var dispatched = await Kits.For(store, smtp.Sender()).Dispatcher.RunOnceAsync(monday, Ct);
        chat.Now = monday;

        Assert.Equal(Recouvrement.Skills.Reminders.DispatchOutcome.Withdrawn, Assert.Single(dispatched).Outcome);
        Assert.Equal(before, MailsTo("compta@dupont.fr"));
        await chat.PlayAsync(("qui me doit ?", "↩️ La relance à Dupont SARL n'est pas partie : plus rien n'est dû"));
    }

    [Fact]
    public async Task Approve_NoEmail_HandsTheTextToTheOwnerWhoConfirms()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = Kits.Chat(store, smtp.Sender(), "no-email");

        await chat.PlayAsync(
            ("facture du 01/10/2026 Roux 400 € échéance 01/11/2026", "✅"),
            ("relance Roux", "pas d'email enregistré"),
            ("[press] Approuver", "Pas d'adresse email pour ce client : voici le texte final&& 1) 📨 C'est envoyé"),
            ("[press] C'est envoyé", "📨 Noté : envoyé aujourd'hui."),
            ("[press] C'est envoyé", "déjà noté"),
            ("historique des relances Roux", "✉️ envoyé : Relance amicale"));
    }

    [Fact]
    public async Task Approve_RecipientRefused_OwnerToldAndDraftFailed()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = Kits.Chat(store, smtp.Sender(), "refused");

        await chat.PlayAsync(
            ("facture du 01/10/2026 Roux 400 € échéance 01/11/2026", "✅"),
            ("l'email de Roux est reject@roux.fr", "✅"),
            ("relance Roux", "→ reject@roux.fr"),
            ("[press] Approuver", "❌ Approuvé, mais l'envoi à reject@roux.fr a échoué : SMTP 550"));
    }

    [Fact]
    public async Task LateFees_Business_BreakdownWithRateAndIndemnities()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store, "fees");

        // F-1: 1 200 € 22 days late at 12.15 % = 1 200 × 0.1215 × 22/365 = 8,79 €; F-2: 300 € 13 days late = 1,30 €.
        await chat.PlayAsync(("pénalités de retard pour Dupont SARL", "n° F-1 : 22 jours de retard, intérêts 8,79 € + indemnité 40,00 €&& n° F-2 : 13 jours de retard, intérêts 1,30 €&& Total : 10,09 € d'intérêts + 80,00 €&& 12,15 %&& dernier taux connu"));
    }

    [Fact]
    public async Task SetClient_InvalidEmailOrSiren_ChangesNothing()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = await BookAsync(store, "bad-details");

        await chat.PlayAsync(
            ("l'email de Dupont SARL est compta@@dupont", "n'est pas une adresse email valide"),
            ("le siren de Dupont SARL est 552 100 555", "n'est pas valide"),
            ("le siren de Dupont SARL est 552 100 554", "✅ Dupont SARL : SIREN 552100554"),
            ("Dupont SARL est un mauvais payeur", "plan « mauvais payeur »"),
            ("Mme Durand est une particulière", "Je ne connais pas de client « Mme Durand »"));

        var email = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<string>("SELECT email FROM clients WHERE name = 'Dupont SARL'"), Ct);
        Assert.Equal("compta@dupont.fr", email);
    }

    [Fact]
    public async Task Settings_InvalidIbanOrLink_ChangesNothing()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = Kits.Chat(store, smtp.Sender(), "settings");

        await chat.PlayAsync(
            ("mon IBAN est FR76 3000 6000 0112 3456 7890 180", "n'est pas valide (clé de contrôle) : rien n'a changé"),
            ("mon lien de paiement est http://pay.example.com/x", "https://"),
            ("taux de pénalités 5 %", "taux de pénalités contractuel 5,00 %"),
            ("active l'envoi automatique", "Pour quelle étape"),
            ("envoi automatique pour la relance amicale", "envoi automatique activé pour « Relance amicale »"));

        var iban = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<string?>("SELECT iban FROM owner_settings"), Ct);
        Assert.Null(iban);
    }
}
