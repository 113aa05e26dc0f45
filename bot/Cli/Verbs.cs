using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Recouvrement.Bot.Console;
using Recouvrement.Bot.Hosting;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Bot.Cli;

internal static class Verbs
{
    private const string Usage = """
        Recouvrement — a chat assistant that helps small businesses get paid.

        Usage: dotnet run --project bot -- [verb] [options]
          (no verb)        the service: every configured channel; with none and a terminal, a chat in the terminal
          chat             terminal chat; reads stdin line by line when piped
          parse ["text"]   recognizer JSON; without text, one JSON line per stdin line
          bench            generates a store and measures parse, who_owes_me and log_invoice
          tick --now ISO   one scheduler pass (pings, digests, ladder drafts) and one outbox pass at that instant
          rates [set KIND YYYY-MM-DD PERCENT]   the late-payment rate table; add or correct a half-year
        Options: --db PATH, --today YYYY-MM-DD, --now ISO-8601
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        var cli = CliArgs.Parse(args);
        using var cts = new CancellationTokenSource();
        System.Console.CancelKeyPress += (_, e) => { e.Cancel = true; cts.Cancel(); };
        try
        {
            return cli.Verb switch
            {
                "parse" => await ParseVerb.RunAsync(cli, TodayOf(cli), System.Console.In, System.Console.Out, cts.Token).ConfigureAwait(false),
                "chat" => await ChatAsync(cli, interactive: !System.Console.IsInputRedirected, cts.Token).ConfigureAwait(false),
                "run" => await RunServiceAsync(cli, cts.Token).ConfigureAwait(false),
                "bench" when cli.Option("scheduler") is not null => await SchedulerBench.RunAsync(cli, System.Console.Out, cts.Token).ConfigureAwait(false),
                "bench" => await BenchVerb.RunAsync(cli, System.Console.Out, cts.Token).ConfigureAwait(false),
                "rates" => await RatesVerb.RunAsync(cli, System.Console.Out, cts.Token).ConfigureAwait(false),
                "tick" => await TickVerb.RunAsync(cli, System.Console.Out, cts.Token).ConfigureAwait(false),
                "help" or "--help" or "-h" => await WriteUsageAsync(0).ConfigureAwait(false),
                _ => await WriteUsageAsync(2, $"Unknown verb '{cli.Verb}'.").ConfigureAwait(false),
            };
        }
        catch (FormatException e)
        {
            await System.Console.Error.WriteLineAsync($"Bad option: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (OperationCanceledException)
        {
            return 130;
        }
    }

    private static async Task<int> WriteUsageAsync(int code, string? error = null)
    {
        if (error is not null)
            await System.Console.Error.WriteLineAsync(error).ConfigureAwait(false);
        await (code == 0 ? System.Console.Out : System.Console.Error).WriteLineAsync(Usage).ConfigureAwait(false);
        return code;
    }

    private static DateOnly TodayOf(CliArgs cli)
    {
        var now = cli.FixedNow() ?? DateTimeOffset.Now;
        return TurnEngine.TodayFor(new Owner { Channel = "cli", ExternalId = "cli" }, now);
    }

    private static async Task<int> ChatAsync(CliArgs cli, bool interactive, CancellationToken ct)
    {
        var builder = BotHost.CreateBuilder(cli);
        // In an interactive terminal, pings and digests appear as they come; piped, they lead the next reply.
        if (interactive)
            builder.Services.AddSingleton<Recouvrement.Skills.Scheduling.INotifier>(new ConsoleNotifier(System.Console.Out));
        else
            builder.Configuration["Scheduler:Enabled"] = "false";
        using var host = builder.Build();
        var db = host.Services.GetRequiredService<Database>();
        await db.MigrateAsync(ct).ConfigureAwait(false);
        // The host's workers (outbox, scheduler) run while the owner chats.
        await host.StartAsync(ct).ConfigureAwait(false);
        try
        {
            var chat = new ConsoleChat(host.Services.GetRequiredService<TurnEngine>(), host.Services.GetRequiredService<TimeProvider>(),
                new OwnerIdentity("console", Environment.UserName is { Length: > 0 } user ? user : "local", Environment.UserName));
            await chat.RunAsync(System.Console.In, System.Console.Out, interactive, ct).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>The service. Channels (Telegram, Teams) plug in here; with none configured, a terminal gets the chat.</summary>
    private static async Task<int> RunServiceAsync(CliArgs cli, CancellationToken ct)
    {
        var builder = BotHost.CreateBuilder(cli);
        var channels = new[] { "Telegram:BotToken", "Teams:AppId" }.Where(k => !string.IsNullOrWhiteSpace(builder.Configuration[k])).ToList();
        if (channels.Count > 0)
        {
            await System.Console.Error.WriteLineAsync($"Configured channel(s) {string.Join(", ", channels.Select(c => c.Split(':')[0]))} are not served by this version yet; only the terminal chat is.").ConfigureAwait(false);
            return 3;
        }

        if (System.Console.IsInputRedirected)
        {
            // Piped input without a channel: treat it as a scripted chat rather than idling forever.
            return await ChatAsync(cli, interactive: false, ct).ConfigureAwait(false);
        }

        return await ChatAsync(cli, interactive: true, ct).ConfigureAwait(false);
    }
}
