using Dapper;
using Recouvrement.Skills.Reminders;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Scheduling;

/// <summary>The ladder as a debtor lives it: one rung per interval, never a step before the previous one's deadline.</summary>
public sealed class LadderSpacingTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset P(int y, int m, int d, int h = 10) => SchedulerHarness.ParisTime(y, m, d, h);

    private async Task<List<(string Step, DateOnly Day, string Body)>> SentAsync(TestStore store) =>
        [.. (await store.Db.ReadAsync(s => s.Connection.QueryAsync<(string Step, string At, string Body)>(
            "SELECT d.step, o.updated_at, o.body FROM outbox o JOIN drafts d ON d.id = o.draft_id WHERE o.status = 'sent' ORDER BY o.updated_at"), Ct))
            .Select(r => (r.Step, SchedulerHarness.LocalDay(DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture)), r.Body))];

    [Fact]
    public async Task Scheduler_InvoiceLoggedSevenWeeksLateAllAutomatic_OneRungPerWeekAndDeadlinesKept()
    {
        await using var store = await TestStore.CreateAsync();
        var harness = new SchedulerHarness(store);
        var chat = Kits.Chat(store, harness.Sender);
        chat.Now = P(2026, 11, 23);
        await chat.PlayAsync(
            ("facture du 01/09/2026 F-1 Alpha SARL 1 000 € échéance 05/10/2026", "✅"),
            ("l'email de Alpha SARL est compta@alpha.fr", "✅"),
            ("envoi automatique pour la relance amicale", "activé"),
            ("envoi automatique pour la relance ferme", "activé"),
            ("envoi automatique pour la mise en demeure", "activé"),
            ("envoi automatique pour le dernier avis", "activé"));
        harness.Clock.SetUtcNow(P(2026, 11, 24, 0));

        await harness.RunUntilAsync(P(2027, 1, 31, 23), TimeSpan.FromHours(1), async now => await harness.Kit.Dispatcher.RunOnceAsync(now, Ct));

        var sent = await SentAsync(store);
        Assert.Equal([ReminderOptions.Friendly, ReminderOptions.Firm, ReminderOptions.FormalNotice, ReminderOptions.FinalNotice], sent.Select(x => x.Step));
        for (var i = 1; i < sent.Count; i++)
            Assert.True(sent[i].Day.DayNumber - sent[i - 1].Day.DayNumber >= 7, $"{sent[i - 1].Step} {sent[i - 1].Day} then {sent[i].Step} {sent[i].Day}");
        var notice = sent.Single(x => x.Step == ReminderOptions.FormalNotice);
        var deadline = new ReminderOptions().NoticeDeadline(notice.Day);
        Assert.True(sent.Single(x => x.Step == ReminderOptions.FinalNotice).Day > deadline);
        Assert.Contains(Recouvrement.Skills.Conversation.Format.Date(deadline, "fr"), notice.Body, StringComparison.Ordinal);
        Assert.True(Recouvrement.Skills.Common.FrenchCalendar.IsBusinessDay(deadline));
    }

    [Fact]
    public async Task Scheduler_DraftRejected_StepComesBackAfterTheInterval()
    {
        await using var store = await TestStore.CreateAsync();
        var harness = new SchedulerHarness(store);
        var chat = Kits.Chat(store, harness.Sender);
        chat.Now = P(2026, 11, 23);
        await chat.PlayAsync(
            ("facture du 01/09/2026 F-1 Alpha SARL 1 000 € échéance 05/11/2026", "✅"),
            ("l'email de Alpha SARL est compta@alpha.fr", "✅"));
        harness.Clock.SetUtcNow(P(2026, 11, 24, 0));
        await harness.RunUntilAsync(P(2026, 11, 24, 12), TimeSpan.FromHours(1));
        var first = Assert.Single(await harness.DraftsAsync());
        await store.Db.WriteAsync(s => s.Connection.ExecuteAsync("UPDATE drafts SET status = 'rejected', decided_at = @At", new { At = P(2026, 11, 24, 12).ToUniversalTime().ToString("O") }, s.Transaction), Ct);

        await harness.RunUntilAsync(P(2026, 12, 5, 23), TimeSpan.FromHours(6));

        var drafts = await harness.DraftsAsync();
        Assert.Equal(2, drafts.Count);
        Assert.Equal(first.Step, drafts[1].Step);
        Assert.Equal(new DateOnly(2026, 12, 1), drafts[1].Day);
    }

    [Fact]
    public async Task Approve_FormalNoticeApprovedTwoWeeksLater_DeadlineFromTheDayItLeavesAndLetterAgrees()
    {
        await using var store = await TestStore.CreateAsync();
        var sender = new ScriptedSender();
        var chat = Kits.Chat(store, sender);
        chat.Now = P(2026, 12, 1);
        await chat.PlayAsync(
            ("facture du 01/09/2026 F-1 Alpha SARL 1 000 € échéance 05/10/2026", "✅"),
            ("l'email de Alpha SARL est compta@alpha.fr", "✅"),
            ("rédige une mise en demeure pour Alpha SARL", "au plus tard le 09/12/2026"));

        chat.Now = P(2026, 12, 14);
        await chat.PlayAsync(("[press] Approuver", "✅ Approuvé et envoyé"));
        chat.Now = P(2026, 12, 16);
        await chat.PlayAsync(("[press] Lettre", "au plus tard le 22/12/2026&& Le 14/12/2026"));

        var mail = Assert.Single(sender.Sent);
        Assert.Contains("au plus tard le 22/12/2026", ChatDriver.Normalize(mail.Markup), StringComparison.Ordinal);
        Assert.DoesNotContain("09/12/2026", mail.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void NoticeDeadline_EndsOnAWeekendOrHoliday_MovesToTheNextBusinessDay()
    {
        var options = new ReminderOptions();

        Assert.Equal(new DateOnly(2026, 12, 28), options.NoticeDeadline(new DateOnly(2026, 12, 17))); // 25/12 holiday + weekend
        Assert.Equal(new DateOnly(2026, 12, 7), options.NoticeDeadline(new DateOnly(2026, 11, 27)));  // Saturday 5/12 → Monday 7/12
        Assert.Equal(new DateOnly(2027, 5, 18), options.NoticeDeadline(new DateOnly(2027, 5, 9)));    // 17/05/2027 is Whit Monday
    }
}
