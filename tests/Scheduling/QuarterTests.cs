using Dapper;
using Recouvrement.Skills.Common;
using Recouvrement.Skills.Reminders;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Scheduling;

/// <summary>
/// A simulated quarter (fake clock, real SMTP on loopback, the scheduler every three hours, an owner approving each morning): one client
/// logged late, one paying during the ladder, one disputing, one in liquidation, one English — exactly the messages a
/// careful professional would send, on business days, spaced, in each client's language.
/// </summary>
public sealed class QuarterTests(SmtpServer smtp) : IClassFixture<SmtpServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static DateTimeOffset P(int y, int m, int d, int h = 10) => SchedulerHarness.ParisTime(y, m, d, h);

    [Fact]
    public async Task Scheduler_QuarterOfFiveClients_RightMessagesOnRightDaysInRightLanguage()
    {
        await using var store = await TestStore.CreateAsync();
        var harness = new SchedulerHarness(store, sender: smtp.Sender());
        var chat = Kits.Chat(store, smtp.Sender());
        chat.Now = P(2026, 11, 23, 8);
        await chat.PlayAsync(
            ("mon entreprise s'appelle Atelier Nova", "✅"),
            ("facture du 01/09/2026 A-1 Alpha SARL 1 000 € échéance 05/10/2026", "✅"),
            ("l'email de Alpha SARL est compta@alpha.fr", "✅"),
            ("facture du 01/11/2026 B-1 Beta SARL 800 € échéance 20/11/2026", "✅"),
            ("l'email de Beta SARL est compta@beta.fr", "✅"),
            ("facture du 01/11/2026 C-1 Gamma SARL 600 € échéance 20/11/2026", "✅"),
            ("l'email de Gamma SARL est compta@gamma.fr", "✅"),
            ("facture du 01/10/2026 D-1 Delta SARL 900 € échéance 01/11/2026", "✅"),
            ("l'email de Delta SARL est compta@delta.fr", "✅"),
            ("facture du 01/11/2026 E-1 Echo Ltd 700 € échéance 20/11/2026", "✅"),
            ("l'email de Echo Ltd est ap@echo.co.uk", "✅"),
            ("Echo Ltd parle anglais", "✅"));
        // Delta's liquidation, as the watch pass records it from the BODACC.
        await store.Db.WriteAsync(s => s.Connection.ExecuteAsync("UPDATE clients SET proceedings_on = '2026-11-18', proceedings_kind = 'liquidation' WHERE name = 'Delta SARL'", transaction: s.Transaction), Ct);
        harness.Clock.SetUtcNow(P(2026, 11, 24, 0));

        async Task Morning(DateTimeOffset now)
        {
            if (TimeZoneInfo.ConvertTime(now, SchedulerHarness.Paris).Hour == 9)
                await harness.ApproveAllAsync(now);
            await harness.Kit.Dispatcher.RunOnceAsync(now, Ct);
        }

        await harness.RunUntilAsync(P(2026, 12, 2, 7), TimeSpan.FromHours(3), Morning);
        chat.Now = P(2026, 12, 2, 8);
        await chat.PlayAsync(
            ("Beta SARL a payé 800 €", "✅"),
            ("Gamma SARL conteste la facture C-1", "Litige noté"));
        await harness.RunUntilAsync(P(2027, 2, 26, 23), TimeSpan.FromHours(3), Morning);

        var sent = (await store.Db.ReadAsync(s => s.Connection.QueryAsync<(string Client, string Step, string At, string Subject, string Body)>(
            "SELECT c.name, d.step, o.updated_at, o.subject, o.body FROM outbox o JOIN drafts d ON d.id = o.draft_id JOIN clients c ON c.id = o.client_id WHERE o.status = 'sent' ORDER BY o.id"), Ct))
            .Select(r => (r.Client, r.Step, Day: SchedulerHarness.LocalDay(DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture)), r.Subject, r.Body)).ToList();

        // What the SMTP server received is what the outbox says was sent.
        var received = smtp.Received().Where(m => m.RcptTo is "compta@alpha.fr" or "compta@beta.fr" or "compta@gamma.fr" or "compta@delta.fr" or "ap@echo.co.uk").ToList();
        Assert.Equal(sent.Count, received.Count);
        Assert.Equal(sent.Select(m => m.Subject), received.Select(m => m.Message.Subject));
        Assert.All(sent, m => Assert.True(FrenchCalendar.IsBusinessDay(m.Day), $"{m.Client} {m.Step} on {m.Day}"));
        foreach (var client in sent.GroupBy(m => m.Client))
        {
            var days = client.Select(m => m.Day).ToList();
            for (var i = 1; i < days.Count; i++)
                Assert.True(days[i].DayNumber - days[i - 1].DayNumber >= 7, $"{client.Key}: {days[i - 1]} then {days[i]}");
        }

        var alpha = sent.Where(m => m.Client == "Alpha SARL").ToList();
        Assert.Equal([ReminderOptions.Friendly, ReminderOptions.Firm, ReminderOptions.FormalNotice, ReminderOptions.FinalNotice], alpha.Select(m => m.Step));
        Assert.True(alpha[3].Day > new ReminderOptions().NoticeDeadline(alpha[2].Day));
        Assert.All(sent.Where(m => m.Client is "Beta SARL" or "Gamma SARL"), m => Assert.True(m.Day < new DateOnly(2026, 12, 2), $"{m.Client} {m.Step} on {m.Day}"));
        Assert.DoesNotContain(sent, m => m.Client == "Delta SARL");
        var echo = sent.Where(m => m.Client == "Echo Ltd").ToList();
        Assert.NotEmpty(echo);
        Assert.All(echo, m => Assert.DoesNotContain("Bonjour", m.Body, StringComparison.Ordinal));
        Assert.All(sent.Where(m => m.Client != "Echo Ltd"), m => Assert.DoesNotContain("Hello", m.Body, StringComparison.Ordinal));
    }
}
