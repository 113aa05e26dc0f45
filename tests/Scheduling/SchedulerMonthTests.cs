using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Scheduling;

/// <summary>A simulated month on a FakeTimeProvider, with invoices in every state, and each day's pings checked.</summary>
public sealed class SchedulerMonthTests
{
    private static DateTimeOffset P(int m, int d, int h = 10) => SchedulerHarness.ParisTime(2026, m, d, h);

    [Fact]
    public async Task RunUntil_SimulatedNovember_EachPingDigestAndRungOnce()
    {
        await using var store = await TestStore.CreateAsync();
        var chat = Kits.Chat(store, new ScriptedSender());
        chat.Now = P(10, 30);
        await chat.PlayAsync(
            ("facture du 01/10/2026 F-1 Alpha SARL 1 000 € échéance 03/11/2026", "✅"),   // overdue from Wed 4 Nov
            ("facture du 01/10/2026 F-2 Beta SARL 500 € échéance 07/11/2026", "✅"),      // due on a Saturday
            ("facture du 01/10/2026 F-3 Gamma SARL 300 € échéance 16/11/2026", "✅"),     // paid before it falls due
            ("facture du 01/10/2026 F-4 Delta SARL 800 € échéance 20/11/2026", "✅"),     // disputed before it falls due
            ("facture du 01/10/2026 F-5 Epsilon SARL 200 € échéance 25/11/2026", "✅"));  // promise to pay until 27 Nov
        foreach (var c in new[] { "Alpha", "Beta", "Gamma", "Delta", "Epsilon" })
            await chat.PlayAsync(($"l'email de {c} SARL est compta@{c.ToLowerInvariant()}.fr", "✅"));

        var harness = new SchedulerHarness(store);
        harness.Clock.SetUtcNow(P(11, 1, 0));

        // Act: a month of ticks every 30 minutes; the owner approves what waits; life happens on some days.
        await harness.RunUntilAsync(P(11, 30, 23), TimeSpan.FromMinutes(30), async now =>
        {
            await harness.ApproveAllAsync(now);
            var local = TimeZoneInfo.ConvertTime(now, SchedulerHarness.Paris);
            if (local is { Day: 10, Hour: 12, Minute: 0 })
                await Act(chat, now, "Delta SARL conteste la facture F-4");
            if (local is { Day: 12, Hour: 12, Minute: 0 })
                await Act(chat, now, "Gamma SARL a payé 300 €");
            if (local is { Day: 20, Hour: 12, Minute: 0 })
                await Act(chat, now, "Epsilon SARL promet de payer le 27/11");
        });

        // Assert: one digest on each weekday, at the digest hour, none at weekends.
        var notices = await harness.NoticesAsync();
        var digests = notices.Where(n => n.Text.Contains("Votre point du matin", StringComparison.Ordinal)).ToList();
        var weekdays = Enumerable.Range(2, 29).Select(d => new DateOnly(2026, 11, d)).Where(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)).ToList();
        Assert.Equal(weekdays, digests.Select(n => SchedulerHarness.LocalDay(n.At)));
        Assert.All(digests, n => Assert.Equal(9, TimeZoneInfo.ConvertTime(n.At, SchedulerHarness.Paris).Hour));

        // The Saturday due date gets its own ping; a paid invoice gets none.
        var saturday = Assert.Single(notices, n => SchedulerHarness.LocalDay(n.At) == new DateOnly(2026, 11, 7));
        Assert.Contains("Arrive à échéance aujourd'hui", saturday.Text, StringComparison.Ordinal);
        Assert.Contains("Beta SARL", saturday.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(notices, n => n.Text.Contains("Gamma SARL — 300,00 € (n° F-3), échéance aujourd'hui", StringComparison.Ordinal));

        // Each rung once, when it has come and a week has passed since the last message left (the owner approves, so
        // the ladder climbs). Alpha's heads-up is drafted on Sunday 1/11 and leaves on Monday 2/11: the friendly
        // reminder comes on 9/11, not on 4/11. Beta's friendly reminder, drafted on 11/11 (a public holiday), leaves on the 12th,
        // so the firm one comes on the 19th. No final notice before the formal notice's own deadline (23/11 + 8 days).
        var drafts = await harness.DraftsAsync();
        Assert.Equal(
            [("courtesy", new DateOnly(2026, 11, 1)), ("friendly", new DateOnly(2026, 11, 9)), ("firm", new DateOnly(2026, 11, 16)), ("formal_notice", new DateOnly(2026, 11, 23))],
            drafts.Where(d => d.Client == "Alpha SARL").Select(d => (d.Step, d.Day)));
        Assert.Equal(
            [("courtesy", new DateOnly(2026, 11, 4)), ("friendly", new DateOnly(2026, 11, 11)), ("firm", new DateOnly(2026, 11, 19)), ("formal_notice", new DateOnly(2026, 11, 26))],
            drafts.Where(d => d.Client == "Beta SARL").Select(d => (d.Step, d.Day)));
        Assert.DoesNotContain(drafts, d => d.Client == "Gamma SARL" && d.Step != "courtesy");
        Assert.DoesNotContain(drafts, d => d.Client == "Delta SARL");

        // The promise pauses Epsilon (no courtesy on the 22nd, no friendly on the 26th); the ladder resumes on the 28th.
        Assert.Equal([("friendly", new DateOnly(2026, 11, 28))], drafts.Where(d => d.Client == "Epsilon SARL").Select(d => (d.Step, d.Day)));
        Assert.Single(digests, n => n.Text.Contains("Epsilon SARL avait promis de payer le 27/11/2026", StringComparison.Ordinal));
        Assert.Equal(SchedulerHarness.LocalDay(digests.Single(n => n.Text.Contains("avait promis", StringComparison.Ordinal)).At), new DateOnly(2026, 11, 30));

        // Nothing reached a debtor twice on one day, nor at a weekend.
        Assert.Equal(harness.Kit.Dispatcher.Sender is ScriptedSender s ? s.Sent.Count : -1, drafts.Count);
    }

    private static async Task Act(ChatDriver chat, DateTimeOffset now, string message)
    {
        chat.Now = now;
        await chat.SayAsync(message);
    }
}
