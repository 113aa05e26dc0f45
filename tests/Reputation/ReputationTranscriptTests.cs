using Dapper;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Reputation;
using Recouvrement.Skills.Understanding;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Reputation;

/// <summary>check_reputation against the loopback registries, in the real formats.</summary>
public sealed class ReputationTranscriptTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ChatDriver Chat(TestStore store, FakeRegistry registry, string owner = "owner-1", TimeProvider? clock = null) =>
        new(store, owner) { Engine = new TurnEngine(store.Db, new Recognizer(), Kits.For(store, new ScriptedSender()), null, registry.Kit(store.Db, clock)) };

    [Fact]
    public async Task Check_ActiveCompany_GreenWithSourcesAndAdvice()
    {
        await using var registry = await FakeRegistry.StartAsync();
        await using var store = await TestStore.CreateAsync();

        await Chat(store, registry).PlayAsync(("vérifie le SIREN 552 100 554", "🟢 ATELIER DUPONT (SIREN 552100554) — rien d'inquiétant&& Active depuis 1990 — API Recherche d'entreprises, 01/03/1990&& Aucune procédure collective publiée — BODACC&& CA 2023 : 1 250 000,00 €&& dirigeants : Marie DUPONT&& Conseil : conditions habituelles"));

        Assert.Contains(registry.Requests, r => r.StartsWith("search 552100554 ua=Recouvrement/1.0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("vérifie le SIREN 732829320", "🔴 ANCIENNE MENUISERIE&& Entreprise cessée (état administratif C) — API Recherche d'entreprises, 31/05/2024&& Radiée du RCS — BODACC, 05/06/2024&& paiement d'avance")]
    [InlineData("vérifie le SIREN 443061841", "🔴 TRANSPORTS LEBLANC&& Liquidation judiciaire (TRIBUNAL DE COMMERCE DE LYON) — BODACC, 04/03/2025")]
    [InlineData("vérifie le SIREN 552032534", "🟠 IMPRIMERIE MARTIN&& Procédure collective passée, clôturée — BODACC, 16/09/2024&& !Liquidation")]
    [InlineData("vérifie le SIREN 300000007", "🟠&& Informations non diffusibles : vérification limitée&& !NON-DIFFUSIBLE")]
    public async Task Check_RegistryStates_VerdictAndReasons(string message, string expected)
    {
        await using var registry = await FakeRegistry.StartAsync();
        await using var store = await TestStore.CreateAsync();

        await Chat(store, registry).PlayAsync((message, expected));
    }

    [Fact]
    public async Task Check_SeveralMatches_OwnerPicksWithAButton()
    {
        await using var registry = await FakeRegistry.StartAsync();
        await using var store = await TestStore.CreateAsync();
        var chat = Chat(store, registry);

        await chat.PlayAsync(
            ("Est-ce que Transports Girard est fiable ?", "Plusieurs entreprises répondent à « Transports Girard » : laquelle ?&& 1) TRANSPORTS GIRARD SAS — 482309382 (3 RUE DU PORT 59000 LILLE)"),
            ("[press] TRANSPORTS GIRARD ET FILS", "ATELIER DUPONT (SIREN 552100554)"));
    }

    [Fact]
    public async Task Check_SoleTraderOrIndividual_NoRegistryNoScore()
    {
        await using var registry = await FakeRegistry.StartAsync();
        await using var store = await TestStore.CreateAsync();
        var chat = Chat(store, registry);

        await chat.PlayAsync(
            ("vérifie le SIREN 100 000 009", "🔒 JEAN PAUL ARTISAN est une personne physique&& cadre de la CNIL&& !🟢&& !🔴&& !Conseil"),
            ("facture du 01/09/2026 Mme Durand 300 € échéance 01/10/2026", "✅"),
            ("Mme Durand est-elle fiable ?", "🔒 Mme Durand est une personne physique&& 1 facture(s) échue(s) non contestée(s), 300,00 €"));

        Assert.DoesNotContain(registry.Requests, r => r.StartsWith("bodacc", StringComparison.Ordinal));
        Assert.DoesNotContain(registry.Requests, r => r.Contains("Durand", StringComparison.OrdinalIgnoreCase));
    }

    [Theory]
    [InlineData("vérifie le SIREN 552 100 555", "n'est pas valide (9 chiffres avec une clé de contrôle)")]
    [InlineData("vérifie le SIRET 55210055400014", "n'est pas valide (clé de contrôle)")]
    [InlineData("est-ce que \"Ab\" est fiable ?", "au moins 3 lettres")]
    [InlineData("est-ce que Zzyzx Inconnue est fiable ?", "Aucune entreprise trouvée pour « Zzyzx Inconnue »")]
    public async Task Check_BadInput_ClearAnswerNothingCached(string message, string expected)
    {
        await using var registry = await FakeRegistry.StartAsync();
        await using var store = await TestStore.CreateAsync();

        await Chat(store, registry).PlayAsync((message, expected));

        var cached = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM registry_cache WHERE body LIKE '%\"siren\"%'"), Ct);
        Assert.Equal(0, cached);
    }

    [Theory]
    [InlineData("panne", "API Recherche d'entreprises injoignable (HTTP 500)")]
    [InlineData("lent", "API Recherche d'entreprises injoignable (timeout)")]
    [InlineData("casse", "API Recherche d'entreprises injoignable (malformed answer)")]
    public async Task Check_SourceFails_AnswerStillComesNotRedNothingCached(string name, string expected)
    {
        await using var registry = await FakeRegistry.StartAsync();
        await using var store = await TestStore.CreateAsync();

        await Chat(store, registry).PlayAsync(($"est-ce que \"{name}\" est fiable ?", $"{expected}&& vérification incomplète&& !🔴"));

        Assert.Equal(0, await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM registry_cache"), Ct));
    }

    [Fact]
    public async Task Check_429ThenSuccess_WaitsRetryAfterAndAnswers()
    {
        await using var registry = await FakeRegistry.StartAsync();
        await using var store = await TestStore.CreateAsync();

        // The register's answer has another name than the one asked: a suggestion to confirm, then the verdict.
        await Chat(store, registry).PlayAsync(
            ("est-ce que \"trop-demande\" est fiable ?", "Pas de correspondance exacte&&ATELIER DUPONT"),
            ("[press] ATELIER DUPONT", "🟢 ATELIER DUPONT"));

        Assert.Equal(2, registry.Requests.Count(r => r.StartsWith("search trop-demande", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Check_Twice_SecondAnswerFromTheCache()
    {
        await using var registry = await FakeRegistry.StartAsync();
        await using var store = await TestStore.CreateAsync();
        var chat = Chat(store, registry);

        await chat.PlayAsync(("vérifie le SIREN 552100554", "🟢"), ("vérifie le SIREN 552100554", "🟢"));

        Assert.Single(registry.Requests, r => r.StartsWith("search 552100554", StringComparison.Ordinal));
        Assert.Single(registry.Requests, r => r.StartsWith("bodacc", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Check_SanctionsAndNotesAndOwnHistory_AllCount()
    {
        await using var registry = await FakeRegistry.StartAsync();
        await using var store = await TestStore.CreateAsync();
        await store.Db.WriteAsync(s => s.Reputation.ImportSanctionsAsync(SanctionList.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reputation", "Fixtures", "sanctions.html"))), DateTimeOffset.UtcNow), Ct);
        var chat = Chat(store, registry);

        await chat.PlayAsync(
            ("facture du 01/06/2026 Atelier Dupont 500 € échéance 01/07/2026", "✅"),
            ("le siren de Atelier Dupont est 552100554", "✅"),
            ("note sur Atelier Dupont : a payé en retard chez un confrère", "📝 Noté pour Atelier Dupont (visible de vous seul)"),
            ("est-ce que Atelier Dupont est fiable ?", "🔴&& Chez vous : note D&& 📝 a payé en retard chez un confrère&& Vous avez noté des réserves (voir vos notes) — vos notes"),
            ("vérifie le SIREN 443061841", "Sanctionnée par la DGCCRF pour retards de paiement&& DGCCRF, 12/03/2025"));

        var other = Chat(store, registry, "owner-2");
        await other.PlayAsync(("vérifie le SIREN 552100554", "!a payé en retard chez un confrère&& 🟢"));
    }

    [Fact]
    public async Task Watch_NewDirectorAWeekLater_OwnerTold()
    {
        await using var registry = await FakeRegistry.StartAsync();
        await using var store = await TestStore.CreateAsync();
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider(ChatDriver.DefaultNow);
        var chat = Chat(store, registry, clock: clock);
        await chat.PlayAsync(("surveille SIREN 552100554", "👀 Je surveille ATELIER DUPONT (SIREN 552100554)"));

        // The register changes (a new director), the cache expires, a week passes.
        await store.Db.WriteAsync(async s => await s.Reputation.SetSnapshotAsync(await OwnerIdAsync(s), "552100554", """{"Ceased":false,"Proceeding":"None:False:False","Directors":[]}""", ChatDriver.DefaultNow), Ct);
        clock.Advance(TimeSpan.FromDays(8));
        var told = await new WatchPass(store.Db, registry.Kit(store.Db, clock)).RunOnceAsync(clock.GetUtcNow(), Ct);

        Assert.Equal(1, told);
        var notice = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<string>("SELECT text FROM notices"), Ct);
        Assert.Contains("Du nouveau pour **ATELIER DUPONT** : nouveau dirigeant : Marie DUPONT", notice, StringComparison.Ordinal);
    }

    private static async Task<long> OwnerIdAsync(Session s) => (await s.Owners.FindAsync("test", "owner-1"))!.Id;

    [Theory]
    [InlineData("est-ce que Mme Durand est fiable ?")]
    [InlineData("est-ce que Julie Martin est fiable ?")]
    [InlineData("is John Smith reliable?")]
    public async Task Check_Person_NeverLookedUp(string question)
    {
        await using var registry = await FakeRegistry.StartAsync();
        await using var store = await TestStore.CreateAsync();

        var reply = await Chat(store, registry).SayAsync(question);

        Assert.True(reply.Contains("CNIL", StringComparison.Ordinal), reply);
        Assert.Empty(registry.Requests);
    }

    [Fact]
    public async Task Check_ClientInLiquidation_RemindersStopAndClaimDeadlineGiven()
    {
        await using var registry = await FakeRegistry.StartAsync();
        await using var store = await TestStore.CreateAsync();
        var chat = Chat(store, registry);

        await chat.PlayAsync(
            ("facture du 01/10/2026 F-1 Transports Leblanc SARL 900 € échéance 01/11/2026", "✅"),
            ("le siren de Transports Leblanc SARL est 443061841", "✅"),
            ("vérifie le SIREN 443061841", "🔴&&les relances sont arrêtées&&avant le 04/05/2025&&L622-24"),
            ("relance Transports Leblanc SARL", "liquidation judiciaire&&Déclarez votre créance&&!Approuver"));

        // The registry's head office became the client's postal address, for letters.
        var address = await store.Db.ReadAsync(s => Dapper.SqlMapper.ExecuteScalarAsync<string>(s.Connection, "SELECT address FROM clients WHERE name = 'Transports Leblanc SARL'"), TestContext.Current.CancellationToken);
        Assert.Equal("12 RUE DES LILAS 69001 LYON", address);
    }
}
