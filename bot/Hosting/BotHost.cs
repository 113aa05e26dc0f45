using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Recouvrement.Bot.Cli;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Bot.Hosting;

/// <summary>Builds the host every verb shares: configuration, logging (to stderr), the store and the turn engine.</summary>
internal static class BotHost
{
    public static HostApplicationBuilder CreateBuilder(CliArgs cli)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // appsettings.json travels with the binary: the bot reads it whatever the working directory.
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        builder.Configuration.AddUserSecrets(typeof(BotHost).Assembly, optional: true);
        // Logs go to stderr so that stdout carries only the conversation (chat) or the JSON (parse).
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var dbPath = ResolveStore(cli, builder.Configuration);
        builder.Services.AddSingleton(new Database(dbPath));
        builder.Services.AddSingleton(TimeProviderFor(cli));
        builder.Services.AddSingleton<Recognizer>();
        builder.Services.AddSingleton<TurnEngine>();
        return builder;
    }

    /// <summary>--db wins, then ConnectionStrings:Recouvrement, then the file in the user's data folder.</summary>
    public static string ResolveStore(CliArgs cli, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(cli);
        if (cli.Option("db") is { Length: > 0 } path)
            return path;
        var configured = configuration.GetConnectionString("Recouvrement");
        return string.IsNullOrWhiteSpace(configured) ? Database.DefaultPath() : configured;
    }

    private static TimeProvider TimeProviderFor(CliArgs cli) =>
        cli.FixedNow() is { } fixedNow ? new FixedTimeProvider(fixedNow) : TimeProvider.System;

    /// <summary>The clock stopped at --now/--today, for scripted conversations and operators.</summary>
    private sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now.ToUniversalTime();
    }
}
