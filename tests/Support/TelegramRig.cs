using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Recouvrement.Bot.Telegram;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;
using Telegram.Bot;

namespace Recouvrement.Tests.Support;

/// <summary>The real Telegram adapter (client, sender, handler, polling) wired to a fake Bot API and a test store.</summary>
public sealed class TelegramRig : IAsyncDisposable
{
    public const long Owner = 42;

    private TelegramRig(FakeBotApi api, TestStore store, TelegramOptions options)
    {
        Api = api;
        Store = store;
        Options = options;
        Bot = new TelegramBotClient(new TelegramBotClientOptions(FakeBotApi.Token, api.BaseUrl) { RetryCount = 0 }, new HttpClient());
        // Pacing on the real clock (short intervals); business time on a fake clock, fixed on Monday 23 Nov 2026.
        Sender = new TelegramSender(Bot, Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<TelegramSender>.Instance);
        Engine = new TurnEngine(store.Db, new Recognizer(), Kits.For(store, new ScriptedSender()));
        Handler = new TelegramUpdateHandler(store.Db, Engine, Sender, Microsoft.Extensions.Options.Options.Create(options), Clock, NullLogger<TelegramUpdateHandler>.Instance);
    }

    public FakeBotApi Api { get; }
    public TestStore Store { get; }
    public TelegramOptions Options { get; }
    public ITelegramBotClient Bot { get; }
    public TelegramSender Sender { get; }
    public TurnEngine Engine { get; }
    public TelegramUpdateHandler Handler { get; }
    public FakeTimeProvider Clock { get; } = new(ChatDriver.DefaultNow);

    public static async Task<TelegramRig> StartAsync(TelegramOptions? options = null)
    {
        var api = await FakeBotApi.StartAsync();
        var store = await TestStore.CreateAsync();
        options ??= new TelegramOptions
        {
            BotToken = FakeBotApi.Token,
            BaseUrl = api.BaseUrl,
            AllowedUserIds = [Owner],
            PollTimeoutSeconds = 1,
            PerChatInterval = TimeSpan.FromMilliseconds(5),
            SecretToken = "s3cret-token",
        };
        return new TelegramRig(api, store, options);
    }

    public TelegramPolling Polling() =>
        new(Sender, Handler, Store.Db, Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System, NullLogger<TelegramPolling>.Instance);

    public async ValueTask DisposeAsync()
    {
        await Api.DisposeAsync();
        await Store.DisposeAsync();
    }
}
