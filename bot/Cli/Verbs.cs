using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
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
          import FILE [--yes] [--lang en]   invoices (CSV, XLSX, Factur-X, UBL, CII) or a bank statement (CSV, OFX,
                           CFONB 120, camt.053): a preview; --yes saves the invoices / records the certain payments
          import-sanctions FILE   the DGCCRF list of fines for payment delays, matched by SIREN
          invite [--days N]   a one-time code that admits a Telegram user (valid 7 days)
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
                "bench" when cli.Option("load") is not null => await LoadBench.RunAsync(cli, System.Console.Out, cts.Token).ConfigureAwait(false),
                "bench" when cli.Option("import") is not null => await ImportBench.RunAsync(cli, System.Console.Out, cts.Token).ConfigureAwait(false),
                "bench" when cli.Option("scheduler") is not null => await SchedulerBench.RunAsync(cli, System.Console.Out, cts.Token).ConfigureAwait(false),
                "bench" => await BenchVerb.RunAsync(cli, System.Console.Out, cts.Token).ConfigureAwait(false),
                "rates" => await RatesVerb.RunAsync(cli, System.Console.Out, cts.Token).ConfigureAwait(false),
                "tick" => await TickVerb.RunAsync(cli, System.Console.Out, cts.Token).ConfigureAwait(false),
                "import" => await ImportVerb.RunAsync(cli, System.Console.Out, System.Console.Error, cts.Token).ConfigureAwait(false),
                "import-sanctions" => await ImportSanctionsVerb.RunAsync(cli, System.Console.Out, cts.Token).ConfigureAwait(false),
                "invite" => await InviteVerb.RunAsync(cli, System.Console.Out, cts.Token).ConfigureAwait(false),
                "help" or "--help" or "-h" => await WriteUsageAsync(0).ConfigureAwait(false),
                _ => await WriteUsageAsync(2, $"Unknown verb '{cli.Verb}'.").ConfigureAwait(false),
            };
        }
        catch (BadConfigurationException e)
        {
            await System.Console.Error.WriteLineAsync($"Configuration refused: {e.Message}").ConfigureAwait(false);
            return 2;
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
        catch (Npgsql.NpgsqlException e)
        {
            // The database server cannot be reached: say so in one line (never the connection string: it may hold a password).
            await System.Console.Error.WriteLineAsync($"Error: the PostgreSQL server cannot be reached ({e.Message.Split('\n')[0]}). Check that it runs and that ConnectionStrings:Recouvrement points to it, then start again.").ConfigureAwait(false);
            return 1;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or InvalidOperationException or ArgumentException)
        {
            // One clear line, never a stack trace: a store that cannot be opened, a file that cannot be read, a bad argument.
            await System.Console.Error.WriteLineAsync($"Error: {e.Message}").ConfigureAwait(false);
            return 1;
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
            builder.Services.AddSingleton<Recouvrement.Skills.Scheduling.INotifier>(new ConsoleNotifier(System.Console.Out, DocumentFolder.From(builder.Configuration)));
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
                new OwnerIdentity("console", Environment.UserName is { Length: > 0 } user ? user : "local", Environment.UserName), DocumentFolder.From(builder.Configuration));
            await chat.RunAsync(System.Console.In, System.Console.Out, interactive, ct).ConfigureAwait(false);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None).ConfigureAwait(false);
        }

        return 0;
    }

    /// <summary>The service: every configured channel; with none, the chat in the terminal.</summary>
    private static async Task<int> RunServiceAsync(CliArgs cli, CancellationToken ct)
    {
        var probe = BotHost.CreateBuilder(cli).Configuration;
        var telegram = !string.IsNullOrWhiteSpace(probe["Telegram:BotToken"]);
        var webhook = telegram && !string.IsNullOrWhiteSpace(probe["Telegram:WebhookUrl"]);
        var teams = !string.IsNullOrWhiteSpace(probe["Teams:AppId"]) || string.Equals(probe["Teams:Emulator"], "true", StringComparison.OrdinalIgnoreCase);
        if (!telegram && !teams)
            return await ChatAsync(cli, interactive: !System.Console.IsInputRedirected, ct).ConfigureAwait(false);

        if (webhook || teams)
        {
            var web = BotHost.CreateWebBuilder(cli).Build();
            await using (web.ConfigureAwait(false))
            {
                await web.Services.GetRequiredService<Database>().MigrateAsync(ct).ConfigureAwait(false);
                if (webhook)
                    Recouvrement.Bot.Telegram.TelegramWebhook.Map(web);
                if (teams)
                    Recouvrement.Bot.Teams.TeamsEndpoint.Map(web);
                await web.StartAsync(ct).ConfigureAwait(false);
                await web.WaitForShutdownAsync(ct).ConfigureAwait(false);
            }

            return 0;
        }

        using var host = BotHost.CreateBuilder(cli).Build();
        await host.Services.GetRequiredService<Database>().MigrateAsync(ct).ConfigureAwait(false);
        await host.RunAsync(ct).ConfigureAwait(false);
        return 0;
    }
}
