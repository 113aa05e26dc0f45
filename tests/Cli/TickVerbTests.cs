using Recouvrement.Bot.Cli;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Cli;

public sealed class TickVerbTests
{
    [Fact]
    public async Task TickVerb_Morning_PrintsWhatItDidOnceOnly()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = Kits.Chat(store, new ScriptedSender());
        chat.Now = SchedulerHarness.ParisTime(2026, 11, 20, 10);
        await chat.PlayAsync(("facture du 01/10/2026 F-1 Alpha SARL 1 000 € échéance 01/11/2026", "✅"));
        var first = new StringWriter();
        var second = new StringWriter();

        var code = await TickVerb.RunAsync(CliArgs.Parse(["tick", "--db", store.Path, "--now", "2026-12-01T09:00:00+01:00"]), first, TestContext.Current.CancellationToken);
        await TickVerb.RunAsync(CliArgs.Parse(["tick", "--db", store.Path, "--now", "2026-12-01T09:05:00+01:00"]), second, TestContext.Current.CancellationToken);

        Assert.Equal(0, code);
        var text = ChatDriver.Normalize(first.ToString());
        Assert.Contains("1 owner(s) seen, 1 handled", text, StringComparison.Ordinal);
        Assert.Contains("2026-12-01: digest; drafts: Alpha SARL (friendly)", text, StringComparison.Ordinal);
        Assert.Contains("Votre point du matin — mardi 01/12/2026", text, StringComparison.Ordinal);
        Assert.Contains("1 owner(s) seen, 0 handled", second.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("notice for owner", second.ToString(), StringComparison.Ordinal);
    }
}
