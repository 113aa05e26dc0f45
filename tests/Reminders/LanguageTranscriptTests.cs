using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Reminders;

/// <summary>Each client reads its own language; the owner's chat language is a setting, not flipped by one message.</summary>
public sealed class LanguageTranscriptTests
{
    [Fact]
    public async Task DraftReminder_ClientSpeaksEnglish_EnglishWhateverTheOwnerWrites()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = Kits.Chat(store, new ScriptedSender());

        await chat.PlayAsync(
            ("facture du 01/10/2026 F-1 Smith & Sons Ltd 1 000 € échéance 01/11/2026", "✅"),
            ("facture du 01/10/2026 F-2 Dupont SARL 500 € échéance 01/11/2026", "✅"),
            ("Smith & Sons Ltd parle anglais", "✅ Smith & Sons Ltd : messages en anglais"),
            ("relance Smith & Sons Ltd", "Hello Smith & Sons Ltd&&!Bonjour Smith"),
            ("remind Dupont SARL", "Bonjour Dupont SARL&&!Hello Dupont"));
    }

    [Fact]
    public async Task HandleAsync_OneEnglishMessage_DoesNotChangeTheOwnersLanguage()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("qui me doit ?", "Personne ne vous doit rien"),
            ("who owes me?", "Nobody owes you anything"),
            ("aide", "Voici ce que je sais faire"));
        var owner = await store.Db.ReadAsync(s => s.Owners.FindAsync("test", "owner-1"), TestContext.Current.CancellationToken);
        Assert.Equal("fr", owner!.Language);
    }

    [Fact]
    public async Task HandleAsync_SpeakEnglishToMe_FixesTheChatLanguage()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("parle-moi en anglais", "From now on I'll answer in English"),
            ("qui me doit ?", "Nobody owes you anything"),
            ("speak to me in French", "Je vous réponds désormais en français"),
            ("who owes me?", "Personne ne vous doit rien"));
    }

    [Fact]
    public async Task Settings_ContractRateThenLegalRate_BackToTheDefault()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("taux de pénalités 5 %", "5,00 %"),
            ("taux légal", "le taux légal (BCE + 10 points)"),
            ("BCE + 10", "déjà le taux légal"));
    }

    [Fact]
    public async Task Settings_Undo_PutsBackThePreviousValue()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);

        await chat.PlayAsync(
            ("mon entreprise s'appelle Atelier Nova", "✅ Réglages enregistrés"),
            ("mon entreprise s'appelle Studio Lumen", "Studio Lumen&&Annuler ce réglage"),
            ("[press] Annuler ce réglage", "↩️ Réglages remis comme avant"));
        var settings = await store.Db.ReadAsync(async s => await s.Settings.GetAsync((await s.Owners.FindAsync("test", "owner-1"))!.Id), TestContext.Current.CancellationToken);
        Assert.Equal("Atelier Nova", settings.BusinessName);
    }
}
