using System.Text.Json.Nodes;
using Dapper;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Telegram;

/// <summary>The Telegram channel end to end: real client, fake Bot API on loopback, real store.</summary>
public sealed class TelegramPollingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Polling_Conversation_ApprovalByButtonThenSecondPressSaysDone()
    {
        await using var rig = await TelegramRig.StartAsync();
        var polling = rig.Polling();
        await polling.StartAsync(Ct);
        try
        {
            // Arrange: an overdue invoice, a client email, then a reminder draft.
            rig.Api.Enqueue(FakeBotApi.TextMessage(TelegramRig.Owner, "facture du 01/10/2026 F-1 Dupont SARL 1 200 € échéance 01/11/2026"));
            await rig.Api.WaitForAsync("sendMessage", b => b["text"]!.ToString().Contains("Facture enregistrée", StringComparison.Ordinal));
            Assert.Contains("deleteWebhook", rig.Api.Calls.Select(c => c.Method));
            rig.Api.Enqueue(FakeBotApi.TextMessage(TelegramRig.Owner, "relance Dupont SARL"));
            var draft = await rig.Api.WaitForAsync("sendMessage", b => b["text"]!.ToString().Contains("Relance amicale", StringComparison.Ordinal));

            // The draft is HTML with an inline keyboard of short callback data.
            Assert.Equal("HTML", draft["parse_mode"]!.ToString(), ignoreCase: true);
            Assert.Contains("<b>Dupont SARL</b>", draft["text"]!.ToString(), StringComparison.Ordinal);
            var keyboard = draft["reply_markup"]!["inline_keyboard"]!.AsArray();
            var approve = keyboard.Select(row => row![0]!).First(b => b["text"]!.ToString().Contains("Approuver", StringComparison.Ordinal))["callback_data"]!.ToString();
            Assert.True(System.Text.Encoding.UTF8.GetByteCount(approve) <= 64);

            // Act: the owner presses Approve.
            rig.Api.Enqueue(FakeBotApi.Callback(TelegramRig.Owner, approve, messageId: 501, id: "cb-approve"));
            var answered = await rig.Api.WaitForAsync("answerCallbackQuery", b => b["callback_query_id"]!.ToString() == "cb-approve");
            var edited = await rig.Api.WaitForAsync("editMessageText", b => b["message_id"]!.GetValue<int>() == 501);

            // Assert: answered, the message shows the outcome without buttons.
            Assert.Contains("Approuvé", answered["text"]!.ToString(), StringComparison.Ordinal);
            Assert.Contains("→ ✅ Approuvé", edited["text"]!.ToString(), StringComparison.Ordinal);
            Assert.Null(edited["reply_markup"]);

            // A second press (another message still showing the button) is told it is done.
            rig.Api.Enqueue(FakeBotApi.Callback(TelegramRig.Owner, approve, messageId: 502, id: "cb-again"));
            var again = await rig.Api.WaitForAsync("answerCallbackQuery", b => b["callback_query_id"]!.ToString() == "cb-again");
            Assert.Contains("déjà approuvé", again["text"]!.ToString(), StringComparison.Ordinal);

            // The offset moves past an update once it is handled (replies included).
            for (var i = 0; i < 200 && await rig.Store.Db.ReadAsync(s => s.Channels.GetStateAsync("telegram", "offset"), Ct) != "5"; i++)
                await Task.Delay(25, Ct);
        }
        finally
        {
            await polling.StopAsync(CancellationToken.None);
        }

        var offset = await rig.Store.Db.ReadAsync(s => s.Channels.GetStateAsync("telegram", "offset"), Ct);
        Assert.Equal("5", offset); // four updates handled: the next one asked for is 5
    }

    [Fact]
    public async Task Polling_Restart_ResumesFromStoredOffsetWithoutReplaying()
    {
        await using var rig = await TelegramRig.StartAsync();
        var first = rig.Polling();
        await first.StartAsync(Ct);
        rig.Api.Enqueue(FakeBotApi.TextMessage(TelegramRig.Owner, "qui me doit ?"));
        await rig.Api.WaitForAsync("sendMessage");
        // The offset is stored once the update is handled: wait for that, not for a fixed time.
        var until = DateTime.UtcNow.AddSeconds(10);
        while (await rig.Store.Db.ReadAsync(s => s.Channels.GetStateAsync("telegram", "offset"), Ct) != "2" && DateTime.UtcNow < until)
            await Task.Delay(20, Ct);
        await first.StopAsync(CancellationToken.None);

        // Act: a new process polls again; Telegram would serve the same update if asked from offset 0.
        var second = rig.Polling();
        await second.StartAsync(Ct);
        rig.Api.Enqueue(FakeBotApi.TextMessage(TelegramRig.Owner, "aide"));
        await rig.Api.WaitForAsync("sendMessage", b => b["text"]!.ToString().Contains("Voici ce que je sais faire", StringComparison.Ordinal));
        await second.StopAsync(CancellationToken.None);

        Assert.Single(rig.Api.CallsTo("sendMessage"), b => b["text"]!.ToString().Contains("Personne ne vous doit", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Handle_Outsider_PoliteRefusalAndNoData()
    {
        await using var rig = await TelegramRig.StartAsync();

        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.TextMessage(99, "qui me doit ?"), 1), Ct);

        var reply = Assert.Single(rig.Api.CallsTo("sendMessage"));
        Assert.Contains("ce bot est privé", reply["text"]!.ToString(), StringComparison.Ordinal);
        var owners = await rig.Store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM owners"), Ct);
        Assert.Equal(0, owners);
    }

    [Fact]
    public async Task Handle_InviteCode_AdmitsOnceThenCodeIsSpent()
    {
        await using var rig = await TelegramRig.StartAsync();
        await rig.Store.Db.WriteAsync(s => s.Channels.CreateInviteAsync("telegram", "ABCD2345XY", rig.Clock.GetUtcNow(), TimeSpan.FromDays(7)), Ct);

        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.TextMessage(77, "/start ABCD2345XY"), 1), Ct);
        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.TextMessage(77, "qui me doit ?"), 2), Ct);
        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.TextMessage(78, "ABCD2345XY"), 3), Ct);

        var texts = rig.Api.CallsTo("sendMessage").Select(b => b["text"]!.ToString()).ToList();
        Assert.Contains("Bienvenue", texts[0], StringComparison.Ordinal);
        Assert.Contains("Personne ne vous doit", texts[1], StringComparison.Ordinal);
        Assert.Contains("ce bot est privé", texts[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Handle_DuplicateUpdate_HandledOnce()
    {
        await using var rig = await TelegramRig.StartAsync();
        var update = FakeBotApi.TextMessage(TelegramRig.Owner, "facture Dupont SARL 100 € demain");

        await rig.Handler.HandleAsync(FakeBotApi.Update(update, 7), Ct);
        await rig.Handler.HandleAsync(FakeBotApi.Update((JsonObject)update.DeepClone(), 7), Ct);

        Assert.Single(rig.Api.CallsTo("sendMessage"));
        var invoices = await rig.Store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM invoices"), Ct);
        Assert.Equal(1, invoices);
    }

    [Fact]
    public async Task Handle_GroupStickerEdited_ClearAnswersNothingDone()
    {
        await using var rig = await TelegramRig.StartAsync();
        var sticker = FakeBotApi.TextMessage(TelegramRig.Owner, "x");
        sticker["message"]!.AsObject().Remove("text");
        sticker["message"]!["sticker"] = new JsonObject { ["file_id"] = "f", ["file_unique_id"] = "u", ["type"] = "regular", ["width"] = 1, ["height"] = 1, ["is_animated"] = false, ["is_video"] = false };
        var edited = new JsonObject { ["edited_message"] = FakeBotApi.TextMessage(TelegramRig.Owner, "facture Alpha 1 € demain")["message"]!.DeepClone() };
        edited["edited_message"]!["edit_date"] = 1_763_888_500;

        await rig.Handler.HandleAsync(FakeBotApi.Update(FakeBotApi.TextMessage(TelegramRig.Owner, "qui me doit ?", chatId: -1001, chatType: "supergroup"), 1), Ct);
        await rig.Handler.HandleAsync(FakeBotApi.Update(sticker, 2), Ct);
        await rig.Handler.HandleAsync(FakeBotApi.Update(edited, 3), Ct);

        var texts = rig.Api.CallsTo("sendMessage").Select(b => b["text"]!.ToString()).ToList();
        Assert.Contains("conversation privée", texts[0], StringComparison.Ordinal);
        Assert.Contains("Je ne lis que du texte", texts[1], StringComparison.Ordinal);
        Assert.Contains("messages modifiés", texts[2], StringComparison.Ordinal);
        var invoices = await rig.Store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM invoices"), Ct);
        Assert.Equal(0, invoices);
    }

}
