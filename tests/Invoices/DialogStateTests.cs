using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Invoices;

/// <summary>Conversation states stored by earlier versions load, or are dropped with one polite line, never an error loop.</summary>
public sealed class DialogStateTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task StoreStateAsync(TestStore store, ChatDriver chat, string json)
    {
        await chat.SayAsync("aide");
        await store.Db.WriteAsync(async s =>
        {
            var owner = await s.Owners.FindAsync(chat.Owner.Channel, chat.Owner.ExternalId);
            var (_, version) = await s.Conversations.GetVersionedAsync(owner!.Id, "chat");
            Assert.True(await s.Conversations.SaveIfUnchangedAsync(owner.Id, "chat", json, version, chat.Now));
        }, Ct);
    }

    [Fact]
    public async Task HandleAsync_StateOfEarlierVersion_Resumes()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);
        await StoreStateAsync(store, chat, """{"Flow":"log_invoice","Awaiting":"amount","Invoice":{"ClientName":"Alpha Conseil","DueDate":"2026-12-15"},"Choices":[]}""");

        await chat.PlayAsync(("500", "✅ Facture enregistrée : Alpha Conseil, 500,00 €, échéance le 15/12/2026"));
    }

    [Fact]
    public async Task HandleAsync_UnreadableState_DroppedWithOneLine()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = new ChatDriver(store);
        await StoreStateAsync(store, chat, """{"Entry":{"$flow":"gone"},"Awaiting":"Amount"}""");

        await chat.PlayAsync(
            ("qui me doit ?", "Après une mise à jour&&ne vous doit rien"),
            ("qui me doit ?", "!Après une mise à jour&&ne vous doit rien"));
    }
}
