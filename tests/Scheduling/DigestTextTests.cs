using Dapper;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Scheduling;

/// <summary>
/// The morning digest's exact text in both languages, every section at once: a catch-up after two days down, an
/// invoice that fell due meanwhile, one due today, one due soon, the overdue total, the rungs drafted this morning and
/// waiting, a promise that ended with a balance left, and reminders paused until a day or until further notice.
/// </summary>
public sealed class DigestTextTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset P(int m, int d, int h = 10) => SchedulerHarness.ParisTime(2026, m, d, h);

    [Theory]
    [InlineData("fr")]
    [InlineData("en")]
    public async Task RunAsync_EverySection_ExactText(string lang)
    {
        await using var store = await TestStore.CreateAsync();
        var harness = new SchedulerHarness(store);
        var owners = new[] { "owner-a", "owner-b", "owner-c" }.Select(o => Kits.Chat(store, new ScriptedSender(), o)).ToArray();
        foreach (var chat in owners)
        {
            chat.Now = P(11, 25);
            if (lang == "en")
                await chat.PlayAsync(("parle-moi en anglais", "English"));
            await chat.PlayAsync(("facture du 01/09/2026 F-5 Epsilon SARL 700 € échéance 01/10/2026", "✅"));
        }

        var (a, b, c) = (owners[0], owners[1], owners[2]);
        await a.PlayAsync(("Epsilon SARL promet de payer le 27/11", "Epsilon SARL"));
        await b.PlayAsync(("pause les relances jusqu'au 15/12", "⏸️"));
        await c.PlayAsync(("pause les relances jusqu'à nouvel ordre", "⏸️"));
        await harness.Pass.RunAsync(P(11, 27), Ct);

        // Down over the weekend and Monday: Delta fell due meanwhile.
        a.Now = P(11, 27, 11);
        await a.PlayAsync(
            ("facture du 01/10/2026 F-1 Alpha SARL 1 000 € échéance 01/11/2026", "✅"),
            ("facture du 01/11/2026 F-2 Beta SARL 500 € échéance 01/12/2026", "✅"),
            ("facture du 01/11/2026 F-3 Gamma SARL 300 € échéance 03/12/2026", "✅"),
            ("facture du 01/11/2026 F-4 Delta SARL 200 € échéance 30/11/2026", "✅"));
        await harness.Pass.RunAsync(P(12, 1), Ct);

        var digests = (await store.Db.ReadAsync(s => s.Connection.QueryAsync<string>(
            "SELECT n.text FROM notices n JOIN owners o ON o.id = n.owner_id WHERE n.created_at >= '2026-12-01' ORDER BY o.external_id"), Ct)).ToList();
        Assert.Equal(lang == "en" ? English : French, digests);
    }

    private static readonly string[] French =
    [
        """
            ☀️ **Votre point du matin** — mardi 01/12/2026
            ☕ Rattrapage : je n'ai pas pu tourner depuis le 28/11/2026 ; voici en une fois ce qui s'est passé.

            📅 Arrivées à échéance pendant l'interruption :
            • **Delta SARL** — 200,00 € (n° F-4), en retard de 1 jour

            📅 Échéance aujourd'hui :
            • **Beta SARL** — 500,00 € (n° F-2), échéance aujourd'hui

            🔜 Dans les prochains jours :
            • **Gamma SARL** — 300,00 € (n° F-3), échéance dans 2 jours

            🔴 En retard : 3 facture(s), **1 900,00 €** — « qui me doit ? » pour le détail.

            ✉️ Relances préparées ce matin : Epsilon SARL (relance amicale), Alpha SARL (relance amicale), Beta SARL (rappel courtois avant échéance), Gamma SARL (rappel courtois avant échéance), Delta SARL (relance amicale)
            📝 5 brouillon(s) attendent votre validation : tapez « brouillons ».

            ⏰ **Epsilon SARL** avait promis de payer le 27/11/2026 : il reste un solde, les relances reprennent.
            """,
        """
            ☀️ **Votre point du matin** — mardi 01/12/2026
            ☕ Rattrapage : je n'ai pas pu tourner depuis le 28/11/2026 ; voici en une fois ce qui s'est passé.

            🔴 En retard : 1 facture(s), **700,00 €** — « qui me doit ? » pour le détail.

            ⏸️ Relances en pause jusqu'au 15/12/2026 inclus.
            """,
        """
            ☀️ **Votre point du matin** — mardi 01/12/2026
            ☕ Rattrapage : je n'ai pas pu tourner depuis le 28/11/2026 ; voici en une fois ce qui s'est passé.

            🔴 En retard : 1 facture(s), **700,00 €** — « qui me doit ? » pour le détail.

            ⏸️ Relances en pause : « reprends » pour les relancer.
            """,
    ];

    private static readonly string[] English =
    [
        """
            ☀️ **Your morning digest** — Tuesday 1 Dec 2026
            ☕ Catching up: I could not run since 28 Nov 2026; here is everything at once.

            📅 Fell due while I was down:
            • **Delta SARL** — €200.00 (n° F-4), 1 day late

            📅 Due today:
            • **Beta SARL** — €500.00 (n° F-2), due today

            🔜 In the next few days:
            • **Gamma SARL** — €300.00 (n° F-3), due in 2 days

            🔴 Overdue: 3 invoice(s), **€1,900.00** — "who owes me?" for details.

            ✉️ Reminders drafted this morning: Epsilon SARL (friendly reminder), Alpha SARL (friendly reminder), Beta SARL (courtesy heads-up), Gamma SARL (courtesy heads-up), Delta SARL (friendly reminder)
            📝 5 draft(s) await your approval: type "drafts".

            ⏰ **Epsilon SARL** promised to pay by 27 Nov 2026: a balance remains, reminders resume.
            """,
        """
            ☀️ **Your morning digest** — Tuesday 1 Dec 2026
            ☕ Catching up: I could not run since 28 Nov 2026; here is everything at once.

            🔴 Overdue: 1 invoice(s), **€700.00** — "who owes me?" for details.

            ⏸️ Reminders paused until 15 Dec 2026 inclusive.
            """,
        """
            ☀️ **Your morning digest** — Tuesday 1 Dec 2026
            ☕ Catching up: I could not run since 28 Nov 2026; here is everything at once.

            🔴 Overdue: 1 invoice(s), **€700.00** — "who owes me?" for details.

            ⏸️ Reminders paused: "resume" to restart them.
            """,
    ];
}
