using Microsoft.Extensions.DependencyInjection;
using Recouvrement.Bot.Hosting;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Scheduling;

namespace Recouvrement.Bot.Cli;

/// <summary>`tick --now ISO`: one scheduler pass and one outbox pass at that instant, and what they did.</summary>
internal static class TickVerb
{
    public static async Task<int> RunAsync(CliArgs cli, TextWriter output, CancellationToken ct)
    {
        var now = cli.FixedNow() ?? DateTimeOffset.UtcNow;
        using var host = BotHost.CreateBuilder(cli).Build();
        var db = host.Services.GetRequiredService<Database>();
        await db.MigrateAsync(ct).ConfigureAwait(false);
        var before = await db.ReadAsync(s => s.Notices.LastIdAsync(), ct).ConfigureAwait(false);

        var report = await host.Services.GetRequiredService<SchedulerPass>().RunAsync(now, ct).ConfigureAwait(false);
        await output.WriteLineAsync($"tick {now:O}: {report.OwnersSeen} owner(s) seen, {report.OwnersHandled} handled").ConfigureAwait(false);
        foreach (var line in report.Lines)
            await output.WriteLineAsync("  " + line).ConfigureAwait(false);
        foreach (var sent in await host.Services.GetRequiredService<OutboxDispatcher>().RunOnceAsync(now, ct).ConfigureAwait(false))
            await output.WriteLineAsync($"  outbox {sent.OutboxId} (owner {sent.OwnerId}): {sent.Outcome.ToString().ToLowerInvariant()}{(sent.NextTry is { } t ? $" until {t:O}" : string.Empty)}").ConfigureAwait(false);

        var notices = await db.ReadAsync(s => s.Connection.QueryNoticesAfterAsync(before), ct).ConfigureAwait(false);
        foreach (var (ownerId, text) in notices)
        {
            await output.WriteLineAsync($"  notice for owner {ownerId}:").ConfigureAwait(false);
            foreach (var line in Markup.ToPlain(text).Split('\n'))
                await output.WriteLineAsync("    " + line).ConfigureAwait(false);
        }

        return report.LeaseHeld ? 0 : 4;
    }
}
