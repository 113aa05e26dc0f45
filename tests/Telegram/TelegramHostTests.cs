using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Recouvrement.Bot.Cli;
using Recouvrement.Bot.Hosting;
using Recouvrement.Data;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Telegram;

/// <summary>The service as `dotnet run --project bot` builds it, with Telegram configured: the real wiring.</summary>
public sealed class TelegramHostTests
{
    [Fact]
    public async Task Host_TelegramConfigured_PollsAndAnswersAnAllowedOwner()
    {
        await using var api = await FakeBotApi.StartAsync();
        await using var store = await TestStore.CreateAsync();
        var logs = new CapturingLoggerProvider();
        var builder = BotHost.CreateBuilder(CliArgs.Parse(["run", "--db", store.Path]), new Dictionary<string, string?>
        {
            ["Telegram:BotToken"] = FakeBotApi.Token,
            ["Telegram:BaseUrl"] = api.BaseUrl,
            ["Telegram:AllowedUserIds:0"] = "42",
            ["Telegram:PollTimeoutSeconds"] = "1",
            ["Scheduler:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Trace",
            ["Logging:LogLevel:System"] = "Trace",
            ["Logging:LogLevel:Microsoft"] = "Trace",
        });
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        using var host = builder.Build();
        await host.Services.GetRequiredService<Database>().MigrateAsync(TestContext.Current.CancellationToken);

        await host.StartAsync(TestContext.Current.CancellationToken);
        try
        {
            api.Enqueue(FakeBotApi.TextMessage(42, "bonjour"));
            var reply = await api.WaitForAsync("sendMessage");
            Assert.Contains("Bonjour", reply["text"]!.ToString(), StringComparison.Ordinal);
            api.Enqueue(FakeBotApi.TextMessage(99, "qui me doit ?"));
            await api.WaitForAsync("sendMessage", b => b["text"]!.ToString().Contains("privé", StringComparison.Ordinal));
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        // Secrets never reach a log, whatever the level.
        Assert.Contains(logs.Lines, l => l.Contains("Telegram user 99 refused", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("TEST-token", StringComparison.Ordinal));
    }
}
