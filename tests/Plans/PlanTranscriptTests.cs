using Dapper;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Plans;

/// <summary>Negotiation, acceptance, the written agreement, payment matching, breach and resume.</summary>
public sealed class PlanTranscriptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(ChatDriver Chat, ScriptedSender Sender)> BookAsync(TestStore store)
    {
        var sender = new ScriptedSender();
        var chat = Kits.Chat(store, sender);
        await chat.PlayAsync(
            ("facture du 01/09/2026 F-1 Dupont SARL 900 € échéance 01/10/2026", "✅"),
            ("facture du 01/10/2026 F-2 Dupont SARL 300 € échéance 01/11/2026", "✅"),
            ("l'email de Dupont SARL est compta@dupont.fr", "✅"),
            ("mon entreprise s'appelle Atelier Nova", "✅"));
        return (chat, sender);
    }

    [Fact]
    public async Task ProposePlan_AcceptApproveAndPay_InstalmentsFollowed()
    {
        await using var store = await TestStore.CreateAsync();
        var (chat, sender) = await BookAsync(store);

        await chat.PlayAsync(
            ("Dupont SARL propose de payer en 3 fois", "Échéancier pour Dupont SARL — solde 1 200,00 €&& Offre 1 — la proposition du client, 3 échéance(s)&& 1. 30/11/2026 : 400,00 €&& 2. 30/12/2026 : 400,00 €&& 3. 30/01/2027 : 400,00 €&& 1) Accepter l'offre 1"),
            ("[press] Accepter l'offre 1", "✅ Plan enregistré pour Dupont SARL (3 échéance(s))&& Accord d'échéancier pour Dupont SARL&& Échéance 1 : 400,00 € le 30/11/2026&& seront abandonnées si l'échéancier est intégralement respecté&& 4) 📄 Accord à signer"),
            ("[press] Accord à signer", "ACCORD D'ÉCHÉANCIER DE PAIEMENT&& (signature, précédée de « bon pour accord »)"));
        var agreement = chat.LastReplies[0].Attachment!;
        Assert.StartsWith("accord-echeancier-dupont-sarl-", agreement.FileName, StringComparison.Ordinal);
        PdfText.ContainsAll(agreement.Content, "ACCORD D'ÉCHÉANCIER DE PAIEMENT", "Dupont SARL", "1 200,00 €", "30/11/2026", "Pour le créancier :", "Pour le débiteur :", "bon pour accord");

        await chat.PlayAsync(
            ("[press] Approuver", "✅ Approuvé et envoyé à compta@dupont.fr."),
            ("relance Dupont SARL", "Un plan de paiement est en cours pour Dupont SARL : pas de relance"),
            ("Dupont SARL propose de payer en 2 fois", "Un plan de paiement est déjà en cours"),
            ("Dupont SARL a payé 500 €", "🗓️ Plan de paiement : échéance 1 (400,00 €), échéance 2 (100,00 €)"),
            ("où en est le plan de Dupont SARL ?", "Plan de Dupont SARL — en cours&& ✅ 1. 30/11/2026 : 400,00 €&& 2. 30/12/2026 : 400,00 € (payé 100,00 €)&& Payé : 500,00 € sur 1 200,00 €"),
            ("Dupont SARL a payé 700 €", "ne vous doit plus rien"),
            ("où en est le plan de Dupont SARL ?", "terminé, tout est payé"));

        Assert.Single(sender.Sent);
        Assert.Contains("selon l'échéancier suivant", sender.Sent[0].Markup, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProposePlan_OutsidePolicy_ReasonAndClosestOffer()
    {
        await using var store = await TestStore.CreateAsync();
        var (chat, _) = await BookAsync(store);

        await chat.PlayAsync(
            ("Dupont SARL peut payer 20 € par mois", "⚠️ Les échéances proposées (20,00 €) sont sous votre minimum de 50,00 €&& Offre 1 — la plus proche acceptable, 6 échéance(s)"),
            ("Aucune", "rien n'a été enregistré"),
            ("plan de 12 mois maximum", "✅ plan de 12 mois au plus."),
            ("mensualité minimale 100 €", "✅ échéance minimale 100,00 €."),
            ("Dupont SARL propose de payer en 24 fois", "⚠️ La proposition (sur 24 mois) dépasse votre limite de 12 mois&& Offre 1 — la plus proche acceptable, 12 échéance(s)"));
    }

    [Theory]
    [InlineData("Dupont SARL propose de payer en 0 fois", "au moins 1")]
    [InlineData("Dupont SARL peut payer 0 € par mois", "supérieur à zéro")]
    [InlineData("Roux propose de payer en 3 fois", "Je ne connais pas de client « Roux »")]
    public async Task ProposePlan_BadInput_ClearReplyNothingCreated(string message, string expected)
    {
        await using var store = await TestStore.CreateAsync();
        var (chat, _) = await BookAsync(store);

        await chat.PlayAsync((message, expected));

        Assert.Equal(0, await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM plans"), Ct));
    }

    [Fact]
    public async Task ProposePlan_PaidOrDisputedInvoices_Refused()
    {
        await using var store = await TestStore.CreateAsync();
        var (chat, _) = await BookAsync(store);

        await chat.PlayAsync(
            ("Dupont SARL conteste", "Litige noté"),
            ("Dupont SARL propose de payer en 3 fois", "n'a aucune facture en attente de paiement (les factures réglées ou contestées ne s'échelonnent pas)"));
    }

    [Fact]
    public async Task Scheduler_MissedInstalment_BreachAskedThenCancelResumesReminders()
    {
        await using var store = await TestStore.CreateAsync();
        var (chat, _) = await BookAsync(store);
        await chat.PlayAsync(
            ("Dupont SARL propose de payer en 3 fois", "Offre 1"),
            ("[press] Accepter l'offre 1", "Plan enregistré"),
            ("[press] Approuver", "envoyé"));
        var harness = new SchedulerHarness(store);

        // Act: the month goes by; the first instalment (30/11) is never paid; grace is 5 days.
        harness.Clock.SetUtcNow(SchedulerHarness.ParisTime(2026, 11, 24, 0));
        await harness.RunUntilAsync(SchedulerHarness.ParisTime(2026, 12, 7, 12), TimeSpan.FromHours(1));

        var notices = await harness.NoticesAsync();
        Assert.Contains(notices, n => n.Text.Contains("Échéances de plans de paiement à venir", StringComparison.Ordinal) && n.Text.Contains("échéance 1 : 400,00 € le 30/11/2026", StringComparison.Ordinal));
        var breach = Assert.Single(notices, n => n.Text.Contains("n'est pas respecté", StringComparison.Ordinal));
        Assert.Equal(new DateOnly(2026, 12, 6), SchedulerHarness.LocalDay(breach.At));
        Assert.DoesNotContain(await harness.DraftsAsync(), d => d.Step is "friendly" or "firm" or "formal_notice");
        Assert.Contains(await harness.DraftsAsync(), d => d.Step == "plan_instalment");

        chat.Now = SchedulerHarness.ParisTime(2026, 12, 7, 12);
        await chat.PlayAsync(
            ("où en est le plan de Dupont SARL ?", "non respecté, en attente de votre décision&& 🔴 1. 30/11/2026 : 400,00 € — en retard de 1 semaine"),
            ("annule le plan de Dupont SARL", "⏹️ Plan de Dupont SARL annulé : les relances reprennent sur tout le solde"),
            ("relance Dupont SARL", "✉️"));
    }
}
