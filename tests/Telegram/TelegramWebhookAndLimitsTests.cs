using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Recouvrement.Bot.Telegram;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Scheduling;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Telegram;

public sealed class TelegramWebhookAndLimitsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<WebApplication> WebhookAsync(TelegramRig rig)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(rig.Handler);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(rig.Options));
        var app = builder.Build();
        TelegramWebhook.Map(app);
        await app.StartAsync(Ct);
        return app;
    }

    [Fact]
    public async Task Webhook_WithoutOrWithWrongSecret_401AndNothingHandled()
    {
        await using var rig = await TelegramRig.StartAsync();
        await using var app = await WebhookAsync(rig);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var update = FakeBotApi.TextMessage(TelegramRig.Owner, "facture Alpha 100 € demain");
        update["update_id"] = 1;

        var none = await http.PostAsync(TelegramWebhook.Path, new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json"), Ct);
        using var forged = new HttpRequestMessage(HttpMethod.Post, TelegramWebhook.Path) { Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json") };
        forged.Headers.Add(TelegramWebhook.SecretHeader, "guess");
        var wrong = await http.SendAsync(forged, Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Empty(rig.Api.CallsTo("sendMessage"));
    }

    [Fact]
    public async Task Webhook_WithSecret_HandlesTheUpdateAndARetryOnce()
    {
        await using var rig = await TelegramRig.StartAsync();
        await using var app = await WebhookAsync(rig);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        var update = FakeBotApi.TextMessage(TelegramRig.Owner, "facture Alpha 100 € demain");
        update["update_id"] = 10;

        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, TelegramWebhook.Path) { Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json") };
            request.Headers.Add(TelegramWebhook.SecretHeader, rig.Options.SecretToken);
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request, Ct)).StatusCode);
        }

        var reply = Assert.Single(rig.Api.CallsTo("sendMessage"));
        Assert.Contains("Facture enregistrée", reply["text"]!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookRegistration_Start_RegistersUrlAndSecret()
    {
        await using var rig = await TelegramRig.StartAsync();
        rig.Options.WebhookUrl = "https://bot.example.fr";

        await new TelegramWebhookRegistration(rig.Sender, Microsoft.Extensions.Options.Options.Create(rig.Options), NullLogger<TelegramWebhookRegistration>.Instance).StartAsync(Ct);

        var call = Assert.Single(rig.Api.CallsTo("setWebhook"));
        Assert.Equal("https://bot.example.fr/api/telegram", call["url"]!.ToString());
        Assert.Equal("s3cret-token", call["secret_token"]!.ToString());
    }

    [Fact]
    public async Task Send_429ThenSuccess_WaitsRetryAfterAndSendsOnce()
    {
        await using var rig = await TelegramRig.StartAsync();
        rig.Api.FailNext("sendMessage", 429, """{"ok":false,"error_code":429,"description":"Too Many Requests: retry after 1","parameters":{"retry_after":1}}""");
        var started = DateTime.UtcNow;

        await rig.Sender.SendAsync(TelegramRig.Owner, new Reply("bonjour"), Ct);

        Assert.Equal(2, rig.Api.CallsTo("sendMessage").Count);
        Assert.True(DateTime.UtcNow - started >= TimeSpan.FromSeconds(0.9));
    }

    [Fact]
    public async Task Send_500ThenSuccess_Retries()
    {
        await using var rig = await TelegramRig.StartAsync();
        rig.Api.FailNext("sendMessage", 500, """{"ok":false,"error_code":500,"description":"Internal Server Error"}""");

        await rig.Sender.SendAsync(TelegramRig.Owner, new Reply("bonjour"), Ct);

        Assert.Equal(2, rig.Api.CallsTo("sendMessage").Count);
    }

    [Fact]
    public async Task Send_LongReply_SplitUnder4096WithBalancedTagsAndButtonsOnTheLastPart()
    {
        await using var rig = await TelegramRig.StartAsync();
        var text = string.Join('\n', Enumerable.Range(1, 400).Select(i => $"• {Markup.Bold($"Client <{i}> & Co")} — 1 200,00 €"));

        await rig.Sender.SendAsync(TelegramRig.Owner, new Reply(text, [new ReplyButton("OK", "x:1")]), Ct);

        var parts = rig.Api.CallsTo("sendMessage");
        Assert.True(parts.Count >= 4);
        Assert.All(parts, p => Assert.True(p["text"]!.ToString().Length <= 4096));
        Assert.All(parts, p => Assert.Equal(CountOf(p["text"]!.ToString(), "<b>"), CountOf(p["text"]!.ToString(), "</b>")));
        Assert.Contains("Client &lt;400&gt; &amp; Co", parts[^1]["text"]!.ToString(), StringComparison.Ordinal);
        Assert.NotNull(parts[^1]["reply_markup"]);
        Assert.All(parts.SkipLast(1), p => Assert.Null(p["reply_markup"]));
    }

    [Fact]
    public void ToHtml_OwnerText_EscapedAndBoldRendered()
    {
        var html = TelegramRenderer.ToHtml("Client " + Markup.Bold("<script>&**x**") + " ok");

        Assert.Equal("Client <b>&lt;script&gt;&amp;**x**</b> ok", html);
    }

    [Fact]
    public async Task Notifier_PendingNotice_ReachesThePrivateChatOnce()
    {
        await using var rig = await TelegramRig.StartAsync();
        var owner = await rig.Store.Db.WriteAsync(s => s.Owners.GetOrCreateAsync(new Owner { Channel = "telegram", ExternalId = "42" }, rig.Clock.GetUtcNow()), Ct);
        await rig.Store.Db.WriteAsync(s => s.Notices.AddAsync(owner.Id, "☀️ **Votre point du matin**", rig.Clock.GetUtcNow()), Ct);
        var pump = new NoticePump(rig.Store.Db, [new TelegramNotifier(rig.Sender)]);

        var first = await pump.RunOnceAsync(rig.Clock.GetUtcNow(), Ct);
        var second = await pump.RunOnceAsync(rig.Clock.GetUtcNow(), Ct);

        Assert.Equal(1, first);
        Assert.Equal(0, second);
        var sent = Assert.Single(rig.Api.CallsTo("sendMessage"));
        Assert.Equal("42", sent["chat_id"]!.ToString());
        Assert.Equal("☀️ <b>Votre point du matin</b>", sent["text"]!.ToString());
    }

    private static int CountOf(string text, string tag) => (text.Length - text.Replace(tag, string.Empty, StringComparison.Ordinal).Length) / tag.Length;
}
