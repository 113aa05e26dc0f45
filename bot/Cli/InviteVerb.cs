using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Recouvrement.Bot.Hosting;
using Recouvrement.Data;

namespace Recouvrement.Bot.Cli;

/// <summary>`invite [--days N]`: a one-time code that admits one Telegram user; only its hash is stored.</summary>
internal static class InviteVerb
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public static async Task<int> RunAsync(CliArgs cli, TextWriter output, CancellationToken ct)
    {
        var days = int.Parse(cli.Option("days") ?? "7", CultureInfo.InvariantCulture);
        if (days is < 1 or > 90)
        {
            await output.WriteLineAsync("--days must be between 1 and 90.").ConfigureAwait(false);
            return 2;
        }

        using var host = BotHost.CreateBuilder(cli).Build();
        var db = host.Services.GetRequiredService<Database>();
        await db.MigrateAsync(ct).ConfigureAwait(false);
        var now = cli.FixedNow() ?? DateTimeOffset.UtcNow;
        var code = new string([.. RandomNumberGenerator.GetItems<char>(Alphabet, 10)]);
        await db.WriteAsync(s => s.Channels.CreateInviteAsync("telegram", code, now, TimeSpan.FromDays(days)), ct).ConfigureAwait(false);
        await output.WriteLineAsync($"Invite code: {code}").ConfigureAwait(false);
        await output.WriteLineAsync($"Valid once, until {now.AddDays(days):yyyy-MM-dd HH:mm} UTC. The new owner sends it to the bot in a private chat (or opens t.me/<your_bot>?start={code}).").ConfigureAwait(false);
        return 0;
    }
}
