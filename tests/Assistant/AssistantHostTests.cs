using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Recouvrement.Bot.Cli;
using Recouvrement.Bot.Hosting;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Assistant;

/// <summary>The model as the bot wires it from configuration (section Llm), with every log line kept.</summary>
public sealed class AssistantHostTests
{
    [Fact]
    public async Task Host_LlmConfigured_RoutesAndLogsNoPromptReplyOrKeyAtInformation()
    {
        await using var fake = await FakeOpenAi.StartAsync();
        await using var store = await TestStore.CreateAsync();
        var logs = new CapturingLoggerProvider();
        var builder = BotHost.CreateBuilder(CliArgs.Parse(["run", "--db", store.Path]), new Dictionary<string, string?>
        {
            ["Llm:Endpoint"] = fake.Endpoint,
            ["Llm:Model"] = "fake-model",
            ["Llm:ApiKey"] = "sk-secret-key-4242",
            ["Scheduler:Enabled"] = "false",
            ["Logging:LogLevel:Default"] = "Trace",
        });
        builder.Logging.ClearProviders().AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
        using var host = builder.Build();
        await host.Services.GetRequiredService<Database>().MigrateAsync(TestContext.Current.CancellationToken);
        var engine = host.Services.GetRequiredService<TurnEngine>();
        fake.Script.Enqueue(_ => FakeOpenAi.Text("Avec plaisir, demandez-moi qui vous doit."));

        var replies = await engine.HandleAsync(new Turn(new OwnerIdentity("test", "o1"), "c", "raconte-moi une blague secrète", null, ChatDriver.DefaultNow), TestContext.Current.CancellationToken);

        Assert.Equal("Avec plaisir, demandez-moi qui vous doit.", Assert.Single(replies).Text);
        Assert.Contains("\"model\":\"fake-model\"", Assert.Single(fake.Requests), StringComparison.Ordinal);
        Assert.Contains(logs.Entries, e => e.Level == LogLevel.Debug && e.Line.Contains("blague secrète", StringComparison.Ordinal));
        Assert.DoesNotContain(logs.Entries, e => e.Level >= LogLevel.Information && (e.Line.Contains("blague secrète", StringComparison.Ordinal) || e.Line.Contains("Avec plaisir", StringComparison.Ordinal)));
        Assert.DoesNotContain(logs.Lines, l => l.Contains("sk-secret-key-4242", StringComparison.Ordinal));
    }
}
