using Dapper;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Scheduling;

/// <summary>Owner controls by chat, and bad input that must change nothing.</summary>
public sealed class ScheduleControlsTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Controls_Transcript_SetAndReportClearly()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = Kits.Chat(store, new ScriptedSender());

        await chat.PlayAsync(
            ("pause les relances", "Jusqu'à quand ?&& Rien n'a changé"),
            ("pause les relances jusqu'au 15/12", "⏸️ Relances en pause jusqu'au 15/12/2026 inclus ; elles reprennent le 16/12/2026"),
            ("reprends", "▶️ C'est reparti"),
            ("pause les relances jusqu'à nouvel ordre", "jusqu'à nouvel ordre"),
            ("digest à 25h", "25 h n'est pas une heure&& Rien n'a changé"),
            ("digest à 8h", "✅ point du matin à 8 h."),
            ("pas de digest le lundi", "✅ pas de point du matin le lundi."),
            ("digest le samedi", "✅ point du matin le samedi."),
            ("silence jusqu'à lundi", "🔕 Silence jusqu'au 29/11/2026 inclus&& Je reprends le 30/11/2026, sans rattrapage"),
            ("fuseau horaire Mars/Olympus", "Je ne connais pas le fuseau « Mars/Olympus »&& Rien n'a changé"),
            ("fuseau horaire Indian/Reunion", "🕒 Fuseau horaire : Indian/Reunion (il y est 13:00)"),
            ("time zone London", "🕒 Time zone: Europe/London"));

        var (hour, days, paused) = await store.Db.ReadAsync(s => s.Connection.QuerySingleAsync<(int, int, string)>("SELECT digest_hour, digest_days, reminders_paused_until FROM owner_settings"), Ct);
        Assert.Equal(8, hour);
        Assert.Equal(31 - 1 + 32, days);
        Assert.Equal("9999-12-31", paused);
    }

    [Fact]
    public async Task Silence_NoDigestThenResumesWithoutCatchUp()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = Kits.Chat(store, new ScriptedSender());
        chat.Now = SchedulerHarness.ParisTime(2026, 11, 20, 10);
        await chat.PlayAsync(
            ("facture du 01/10/2026 Alpha SARL 1 000 € échéance 01/11/2026", "✅"),
            ("silence jusqu'à lundi", "Silence jusqu'au 22/11/2026 inclus"));
        var harness = new SchedulerHarness(store);
        harness.Clock.SetUtcNow(SchedulerHarness.ParisTime(2026, 11, 20, 11));

        await harness.RunUntilAsync(SchedulerHarness.ParisTime(2026, 11, 23, 12), TimeSpan.FromMinutes(30));

        var notices = await harness.NoticesAsync();
        var only = Assert.Single(notices);
        Assert.Equal(new DateOnly(2026, 11, 23), SchedulerHarness.LocalDay(only.At));
        Assert.DoesNotContain("Rattrapage", only.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PausedReminders_DigestGoesOnButNoDraft()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = Kits.Chat(store, new ScriptedSender());
        chat.Now = SchedulerHarness.ParisTime(2026, 11, 20, 10);
        await chat.PlayAsync(
            ("facture du 01/10/2026 Alpha SARL 1 000 € échéance 01/11/2026", "✅"),
            ("pause les relances jusqu'au 24/11", "⏸️"));
        var harness = new SchedulerHarness(store);
        harness.Clock.SetUtcNow(SchedulerHarness.ParisTime(2026, 11, 23, 8));

        await harness.RunUntilAsync(SchedulerHarness.ParisTime(2026, 11, 25, 12), TimeSpan.FromMinutes(30));

        var drafts = await harness.DraftsAsync();
        Assert.Equal([("Alpha SARL", "friendly", new DateOnly(2026, 11, 25))], drafts);
        Assert.Contains(await harness.NoticesAsync(), n => n.Text.Contains("Relances en pause jusqu'au 24/11/2026 inclus", StringComparison.Ordinal));
    }
}
