using Dapper;
using Microsoft.Extensions.Time.Testing;
using Recouvrement.Data;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Scheduling;

namespace Recouvrement.Tests.Support;

/// <summary>Drives scheduler passes on a FakeTimeProvider and reads back what the owners were told.</summary>
public sealed class SchedulerHarness(TestStore store, SchedulerOptions? options = null, IEmailSender? sender = null)
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public FakeTimeProvider Clock { get; } = new();
    public ScriptedSender Sender { get; } = sender as ScriptedSender ?? new ScriptedSender();
    public ReminderKit Kit { get; } = Kits.For(store, sender ?? new ScriptedSender());
    public SchedulerPass Pass => _pass ??= new SchedulerPass(store.Db, Kit, options ?? new SchedulerOptions());

    private SchedulerPass? _pass;

    public static DateTimeOffset ParisTime(int y, int m, int d, int h, int min = 0)
    {
        var local = new DateTime(y, m, d, h, min, 0);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local));
    }

    /// <summary>Ticks every <paramref name="step"/> up to <paramref name="until"/>; after each tick, an optional action (an owner approving drafts).</summary>
    public async Task RunUntilAsync(DateTimeOffset until, TimeSpan step, Func<DateTimeOffset, Task>? afterTick = null)
    {
        while (Clock.GetUtcNow() <= until)
        {
            await Pass.RunAsync(Clock.GetUtcNow(), TestContext.Current.CancellationToken);
            if (afterTick is not null)
                await afterTick(Clock.GetUtcNow());
            Clock.Advance(step);
        }
    }

    /// <summary>An owner who approves every waiting draft (sending goes through the outbox).</summary>
    public async Task ApproveAllAsync(DateTimeOffset now)
    {
        var drafts = await store.Db.ReadAsync(s => s.Connection.QueryAsync<(long Id, long OwnerId)>("SELECT id, owner_id FROM drafts WHERE status = 'pending'"), TestContext.Current.CancellationToken);
        foreach (var (id, ownerId) in drafts)
        {
            var owner = await store.Db.ReadAsync(s => s.Owners.GetAsync(ownerId), TestContext.Current.CancellationToken);
            await Drafting.EnqueueAsync(store.Db, Kit, owner!, id, now, "owner", TestContext.Current.CancellationToken);
        }

        await Kit.Dispatcher.RunOnceAsync(now, TestContext.Current.CancellationToken);
    }

    public async Task<IReadOnlyList<(DateTimeOffset At, long OwnerId, string Text)>> NoticesAsync()
    {
        var rows = await store.Db.ReadAsync(s => s.Connection.QueryAsync<(string At, long OwnerId, string Text)>("SELECT created_at, owner_id, text FROM notices ORDER BY id"), TestContext.Current.CancellationToken);
        return [.. rows.Select(r => (DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture), r.OwnerId, ChatDriver.Normalize(Recouvrement.Skills.Conversation.Markup.ToPlain(r.Text))))];
    }

    public async Task<IReadOnlyList<(string Client, string Step, DateOnly Day)>> DraftsAsync()
    {
        var rows = await store.Db.ReadAsync(s => s.Connection.QueryAsync<(string Client, string Step, string At)>(
            "SELECT c.name, d.step, d.created_at FROM drafts d JOIN clients c ON c.id = d.client_id WHERE d.created_by = 'scheduler' ORDER BY d.id"), TestContext.Current.CancellationToken);
        return [.. rows.Select(r => (r.Client, r.Step, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.Parse(r.At, System.Globalization.CultureInfo.InvariantCulture), Paris).DateTime)))];
    }

    public static DateOnly LocalDay(DateTimeOffset at) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(at, Paris).DateTime);
}
