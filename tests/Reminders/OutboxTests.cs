using Dapper;
using Recouvrement.Data;
using Recouvrement.Skills.Reminders;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Reminders;

/// <summary>The outbox: nothing is ever sent twice, nothing approved is lost.</summary>
public sealed class OutboxTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 10, 0, 0, TimeSpan.FromHours(1));

    private static async Task<(ChatDriver Chat, ScriptedSender Sender)> ApprovedAsync(TestStore store, ScriptedSender sender, DateTimeOffset now, string client = "Dupont SARL")
    {
        var chat = Kits.Chat(store, sender);
        chat.Now = now;
        await chat.PlayAsync(
            ($"facture du 01/10/2026 {client} 1 200 € échéance 01/11/2026", "✅"),
            ($"l'email de {client} est compta@dupont.fr", "✅"),
            ($"relance {client}", "✉️"));
        return (chat, sender);
    }

    private static Task<string> StatusAsync(TestStore store) =>
        store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<string>("SELECT status FROM outbox ORDER BY id DESC LIMIT 1")!, Ct)!;

    [Fact]
    public async Task CrashDuringSend_RowLeftSending_IsShownToOwnerNotResent()
    {
        await using var store = await TestStore.CreateAsync();
        // A sender that "crashes" the process: it throws something the dispatcher does not handle.
        var (chat, _) = await ApprovedAsync(store, new ScriptedSender(SendOutcome.Sent), Monday);
        var crashing = Kits.Chat(store, new CrashingSender());
        crashing.Now = Monday;
        var reply = await crashing.Engine.HandleAsync(new(crashing.Owner, "chat", null, chat.LastReplies[0].Buttons[0].Payload, Monday), Ct);
        Assert.Contains("incident technique", reply[0].Text, StringComparison.Ordinal);
        Assert.Equal("sending", await StatusAsync(store));

        // Act: the service restarts.
        var restarted = Kits.For(store, new ScriptedSender());
        var recovered = await restarted.Dispatcher.RecoverInterruptedAsync(Monday.AddMinutes(5), Ct);
        var again = await restarted.Dispatcher.RunOnceAsync(Monday.AddMinutes(6), Ct);

        // Assert: nothing resent; the owner is told on their next turn and decides.
        Assert.Equal(1, recovered);
        Assert.Empty(again);
        Assert.Equal("unknown", await StatusAsync(store));
        await chat.PlayAsync(
            ("qui me doit ?", "L'envoi de la relance à Dupont SARL a été interrompu&& je ne la renvoie pas à l'aveugle&& Qui vous doit"),
            ("brouillons", "a été interrompu : je ne sais pas s'il est arrivé&& 1) ✔️ Il est bien parti&& 2) 🔁 Renvoyer"),
            ("[press] Il est bien parti", "Noté : ce message était bien parti."),
            ("[press] Renvoyer", "n'est plus en attente de décision"));
        Assert.Equal("sent", await StatusAsync(store));
    }

    [Fact]
    public async Task TransientFailure_RetriesWithBackoffThenSendsOnce()
    {
        await using var store = await TestStore.CreateAsync();
        var sender = new ScriptedSender(SendOutcome.Transient, SendOutcome.Transient, SendOutcome.Sent);
        var (chat, _) = await ApprovedAsync(store, sender, Monday);

        await chat.PlayAsync(("[press] Approuver", "Le serveur d'envoi ne répond pas ; nouvel essai aujourd'hui à 10:02"));
        var kit = Kits.For(store, sender);
        Assert.Empty(await kit.Dispatcher.RunOnceAsync(Monday.AddMinutes(1), Ct));
        var second = await kit.Dispatcher.RunOnceAsync(Monday.AddMinutes(2), Ct);
        Assert.Equal(DispatchOutcome.Retry, Assert.Single(second).Outcome);
        Assert.Equal(Monday.AddMinutes(6), second[0].NextTry);
        var third = await kit.Dispatcher.RunOnceAsync(Monday.AddMinutes(6), Ct);

        Assert.Equal(DispatchOutcome.Sent, Assert.Single(third).Outcome);
        Assert.Equal(3, sender.Calls);
        Assert.Single(sender.Sent);
        Assert.Empty(await kit.Dispatcher.RunOnceAsync(Monday.AddHours(1), Ct));
    }

    [Fact]
    public async Task TransientFailure_TooManyAttempts_FailsAndTellsTheOwner()
    {
        await using var store = await TestStore.CreateAsync();
        var sender = new ScriptedSender(SendOutcome.Transient);
        var (chat, _) = await ApprovedAsync(store, sender, Monday);
        await chat.PressAsync("Approuver");
        var kit = Kits.For(store, sender);

        for (var minutes = 1; minutes < 120; minutes++)
            await kit.Dispatcher.RunOnceAsync(Monday.AddMinutes(minutes), Ct);

        Assert.Equal(5, sender.Calls);
        Assert.Equal("failed", await StatusAsync(store));
        await chat.PlayAsync(("qui me doit ?", "❌ La relance à Dupont SARL (compta@dupont.fr) n'a pas pu être envoyée"));
    }

    [Fact]
    public async Task ApprovedOnSaturday_LeavesMondayMorning()
    {
        await using var store = await TestStore.CreateAsync();
        var saturday = new DateTimeOffset(2026, 11, 28, 15, 0, 0, TimeSpan.FromHours(1));
        var sender = new ScriptedSender();
        var (chat, _) = await ApprovedAsync(store, sender, saturday);

        await chat.PlayAsync(("[press] Approuver", "Il partira le lundi 30/11 à 09:00 (pas d'envoi le week-end"));
        var kit = Kits.For(store, sender);
        Assert.Empty(await kit.Dispatcher.RunOnceAsync(saturday.AddDays(1), Ct));
        Assert.Empty(sender.Sent);
        var monday = await kit.Dispatcher.RunOnceAsync(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.FromHours(1)), Ct);

        Assert.Equal(DispatchOutcome.Sent, Assert.Single(monday).Outcome);
    }

    [Fact]
    public async Task SecondMessageSameDay_WaitsForNextBusinessDay()
    {
        await using var store = await TestStore.CreateAsync();
        var sender = new ScriptedSender();
        var (chat, _) = await ApprovedAsync(store, sender, Monday);
        await chat.PlayAsync(
            ("[press] Approuver", "envoyé"),
            ("rédige une mise en demeure pour Dupont SARL", "Mise en demeure"),
            ("[press] Approuver", "Il partira le mardi 24/11 à 09:00"));

        Assert.Single(sender.Sent);
        var tuesday = await Kits.For(store, sender).Dispatcher.RunOnceAsync(new DateTimeOffset(2026, 11, 24, 9, 30, 0, TimeSpan.FromHours(1)), Ct);
        Assert.Equal(DispatchOutcome.Sent, Assert.Single(tuesday).Outcome);
        Assert.Equal(2, sender.Sent.Count);
        var formalNotice = await store.Db.ReadAsync(s => s.Connection.ExecuteScalarAsync<string>("SELECT formal_notice_on FROM clients"), Ct);
        Assert.Equal("2026-11-24", formalNotice);
    }

    [Fact]
    public async Task TwoDispatchersRacing_SendEachMessageOnce()
    {
        await using var store = await TestStore.CreateAsync();
        var idle = new ScriptedSender();
        var chat = Kits.Chat(store, idle);
        chat.Now = new DateTimeOffset(2026, 11, 22, 10, 0, 0, TimeSpan.FromHours(1)); // Sunday: approvals wait for Monday.
        for (var i = 0; i < 10; i++)
        {
            await chat.PlayAsync(
                ($"facture du 01/10/2026 Client{i} SARL 100 € échéance 01/11/2026", "✅"),
                ($"l'email de Client{i} SARL est c{i}@example.com", "✅"),
                ($"relance Client{i} SARL", "✉️"),
                ("[press] Approuver", "lundi"));
        }

        var a = new ScriptedSender();
        var b = new ScriptedSender();
        var first = Kits.For(store, a).Dispatcher;
        var second = new OutboxDispatcher(new Database(store.Path), b, new ReminderOptions());

        await Task.WhenAll(first.RunOnceAsync(Monday, Ct), second.RunOnceAsync(Monday, Ct));

        Assert.Equal(10, a.Sent.Count + b.Sent.Count);
        Assert.Equal(10, a.Sent.Concat(b.Sent).Select(m => m.To).Distinct().Count());
    }

    private sealed class CrashingSender : IEmailSender
    {
        public bool IsConfigured => true;

        public Task<SendResult> SendAsync(EmailMessage message, CancellationToken ct) => throw new ProcessDied();

        /// <summary>Stands for the process dying mid-send: nothing after this line runs.</summary>
        public sealed class ProcessDied : OperationCanceledException
        {
        }
    }
}
