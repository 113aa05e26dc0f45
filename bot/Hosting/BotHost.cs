using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recouvrement.Bot.Cli;
using Recouvrement.Bot.Email;
using Recouvrement.Bot.Scheduling;
using Recouvrement.Data;
using Recouvrement.Skills.Assistant;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Scheduling;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Bot.Hosting;

/// <summary>Builds the host every verb shares: configuration, logging (to stderr), the store and the turn engine.</summary>
public static class BotHost
{
    internal static HostApplicationBuilder CreateBuilder(CliArgs cli, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            // appsettings.json travels with the binary: the bot reads it whatever the working directory.
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        if (overrides is not null)
            builder.Configuration.AddInMemoryCollection(overrides);
        Configure(builder, cli);
        return builder;
    }

    /// <summary>The host with Kestrel, for webhooks (Telegram webhook mode, Teams); listens on `Urls` (http://localhost:3978).</summary>
    internal static Microsoft.AspNetCore.Builder.WebApplicationBuilder CreateWebBuilder(CliArgs cli, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var builder = Microsoft.AspNetCore.Builder.WebApplication.CreateBuilder(new Microsoft.AspNetCore.Builder.WebApplicationOptions
        {
            ContentRootPath = AppContext.BaseDirectory,
            Args = [],
        });
        if (overrides is not null)
            builder.Configuration.AddInMemoryCollection(overrides);
        if (string.IsNullOrWhiteSpace(builder.Configuration["Urls"]))
            builder.WebHost.UseUrls("http://localhost:3978");
        Configure(builder, cli);
        return builder;
    }

    private static void Configure(IHostApplicationBuilder builder, CliArgs cli)
    {
        builder.Configuration.AddUserSecrets(typeof(BotHost).Assembly, optional: true);
        // Refused at once, with the key and what is allowed, rather than accepted and failing later.
        OptionsRules.ThrowIfInvalid(builder.Configuration);
        // Logs go to stderr so that stdout carries only the conversation (chat) or the JSON (parse).
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        var dbPath = ResolveStore(cli, builder.Configuration);
        builder.Services.AddSingleton(new Database(dbPath));
        builder.Services.AddSingleton(TimeProviderFor(cli));
        builder.Services.AddSingleton<Recognizer>();
        builder.Services.AddRemindersSkill(builder.Configuration);
        builder.Services.AddSchedulerSkill(builder.Configuration);
        builder.Services.AddReputationSkill(builder.Configuration);
        builder.Services.AddSingleton(sp => new TurnEngine(
            sp.GetRequiredService<Database>(), sp.GetRequiredService<Recognizer>(), sp.GetRequiredService<ReminderKit>(), sp.GetRequiredService<ILogger<TurnEngine>>(),
            sp.GetRequiredService<Recouvrement.Skills.Reputation.RegistryKit>(),
            sp.GetRequiredService<LlmAssistant>()));
        builder.Services.AddOptions<AssistantOptions>().Bind(builder.Configuration.GetSection(AssistantOptions.Section));
        builder.Services.AddSingleton(sp => new LlmAssistant(
            sp.GetRequiredService<IOptions<AssistantOptions>>().Value, sp.GetRequiredService<TemplateLibrary>(), sp.GetRequiredService<ILogger<LlmAssistant>>()));
        builder.Services.AddTelegramChannel(builder.Configuration);
        builder.Services.AddTeamsChannel(builder.Configuration);
        builder.Services.AddHostedService<IdleTrimmer>();
    }

    /// <summary>Teams over the Bot Framework Connector REST protocol, when an App ID is set (or Emulator mode is asked for).</summary>
    public static IServiceCollection AddTeamsChannel(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Recouvrement.Bot.Teams.TeamsOptions.Section);
        services.AddOptions<Recouvrement.Bot.Teams.TeamsOptions>().Bind(section);
        if (!(section.Get<Recouvrement.Bot.Teams.TeamsOptions>()?.Enabled ?? false))
            return services;
        services.AddHttpClient("teams-openid").RemoveAllLoggers();
        services.AddHttpClient("teams-connector").RemoveAllLoggers();
        services.AddSingleton<Recouvrement.Bot.Teams.BotAuthenticator>();
        services.AddSingleton<Recouvrement.Bot.Teams.IConnectorTokens, Recouvrement.Bot.Teams.MsalConnectorTokens>();
        services.AddSingleton<Recouvrement.Bot.Teams.ConnectorClient>();
        services.AddSingleton<Recouvrement.Bot.Teams.TeamsHandler>();
        services.AddSingleton<Recouvrement.Bot.Teams.TeamsFiles>();
        services.AddSingleton<Recouvrement.Bot.Teams.TeamsInbox>();
        services.AddHostedService<Recouvrement.Bot.Teams.TeamsWorker>();
        services.AddSingleton<INotifier, Recouvrement.Bot.Teams.TeamsNotifier>();
        return services;
    }

    /// <summary>The public registries (API Recherche d'entreprises, BODACC) behind IHttpClientFactory with a resilience pipeline.</summary>
    public static IServiceCollection AddReputationSkill(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(Recouvrement.Skills.Reputation.RegistryOptions.Section).Get<Recouvrement.Skills.Reputation.RegistryOptions>() ?? new();
        services.AddSingleton(options);
        foreach (var name in new[] { "registry-search", "registry-bodacc" })
        {
            services.AddHttpClient(name, c => c.Timeout = options.Timeout + TimeSpan.FromSeconds(5))
                .AddStandardResilienceHandler(r =>
                {
                    // Our client waits out a short Retry-After itself and reports the rest: keep retries few and quick.
                    r.Retry.MaxRetryAttempts = 2;
                    r.Retry.Delay = TimeSpan.FromMilliseconds(500);
                    r.AttemptTimeout.Timeout = options.Timeout;
                    r.TotalRequestTimeout.Timeout = options.Timeout * 3;
                    r.CircuitBreaker.SamplingDuration = options.Timeout * 6;
                });
        }

        services.AddSingleton(sp => new Recouvrement.Skills.Reputation.CompanySearch(sp.GetRequiredService<IHttpClientFactory>().CreateClient("registry-search"),
            sp.GetRequiredService<Database>(), options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new Recouvrement.Skills.Reputation.BodaccSearch(sp.GetRequiredService<IHttpClientFactory>().CreateClient("registry-bodacc"),
            sp.GetRequiredService<Database>(), options, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton(sp => new Recouvrement.Skills.Reputation.RegistryKit(
            sp.GetRequiredService<Recouvrement.Skills.Reputation.CompanySearch>(), sp.GetRequiredService<Recouvrement.Skills.Reputation.BodaccSearch>()));
        services.AddSingleton<Recouvrement.Skills.Reputation.WatchPass>();
        return services;
    }

    /// <summary>Telegram, when a bot token is configured: long polling, or a webhook when WebhookUrl is set.</summary>
    public static IServiceCollection AddTelegramChannel(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(Recouvrement.Bot.Telegram.TelegramOptions.Section);
        services.AddOptions<Recouvrement.Bot.Telegram.TelegramOptions>().Bind(section).PostConfigure(o =>
        {
            // Without a configured secret, a fresh random one is registered with the webhook at each start.
            if (string.IsNullOrWhiteSpace(o.SecretToken))
                o.SecretToken = Convert.ToHexString(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24));
        });
        var options = section.Get<Recouvrement.Bot.Telegram.TelegramOptions>() ?? new();
        if (!options.Enabled)
            return services;
        // The token is part of every request URI: the HttpClient's own request logging must stay off.
        services.AddHttpClient("telegram").RemoveAllLoggers();
        services.AddSingleton<global::Telegram.Bot.ITelegramBotClient>(sp =>
        {
            var o = sp.GetRequiredService<IOptions<Recouvrement.Bot.Telegram.TelegramOptions>>().Value;
            // 429s are waited out by TelegramSender, where the per-chat pacing lives.
            var clientOptions = new global::Telegram.Bot.TelegramBotClientOptions(o.BotToken!, string.IsNullOrWhiteSpace(o.BaseUrl) ? null : o.BaseUrl) { RetryCount = 0 };
            return new global::Telegram.Bot.TelegramBotClient(clientOptions, sp.GetRequiredService<IHttpClientFactory>().CreateClient("telegram"));
        });
        services.AddSingleton<Recouvrement.Bot.Telegram.TelegramSender>();
        services.AddSingleton<Recouvrement.Bot.Telegram.TelegramUpdateHandler>();
        services.AddSingleton<INotifier, Recouvrement.Bot.Telegram.TelegramNotifier>();
        if (string.IsNullOrWhiteSpace(options.WebhookUrl))
            services.AddHostedService<Recouvrement.Bot.Telegram.TelegramPolling>();
        else
            services.AddHostedService<Recouvrement.Bot.Telegram.TelegramWebhookRegistration>();
        return services;
    }

    /// <summary>Ladder and fees from `Reminders`, SMTP from `Smtp`, the outbox worker from `Scheduler`.</summary>
    public static IServiceCollection AddRemindersSkill(this IServiceCollection services, IConfiguration configuration)
    {
        // Binding appends to a list: configured steps replace the built-in ladder instead of adding to it.
        services.AddOptions<ReminderOptions>()
            .Configure(o =>
            {
                if (configuration.GetSection($"{ReminderOptions.Section}:Steps").GetChildren().Any())
                    o.Steps.Clear();
            })
            .Bind(configuration.GetSection(ReminderOptions.Section));
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section));
        services.AddOptions<OutboxWorkerOptions>().Bind(configuration.GetSection("Scheduler"));
        services.AddSingleton(_ => TemplateLibrary.FindDefault());
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddSingleton(sp => new DraftComposer(sp.GetRequiredService<TemplateLibrary>(), sp.GetRequiredService<IOptions<ReminderOptions>>().Value));
        services.AddSingleton(sp => new OutboxDispatcher(sp.GetRequiredService<Database>(), sp.GetRequiredService<IEmailSender>(),
            sp.GetRequiredService<IOptions<ReminderOptions>>().Value, sp.GetRequiredService<ILogger<OutboxDispatcher>>()));
        services.AddOptions<Recouvrement.Skills.Plans.PlanPolicy>().Bind(configuration.GetSection(Recouvrement.Skills.Plans.PlanPolicy.Section));
        services.AddSingleton(sp => new ReminderKit(sp.GetRequiredService<DraftComposer>(), sp.GetRequiredService<OutboxDispatcher>(),
            sp.GetRequiredService<IOptions<Recouvrement.Skills.Plans.PlanPolicy>>().Value));
        services.AddHostedService<OutboxWorker>();
        return services;
    }

    /// <summary>The scheduler pass and its worker, and the pump that pushes notices to channels that can push.</summary>
    public static IServiceCollection AddSchedulerSkill(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SchedulerOptions>().Bind(configuration.GetSection(SchedulerOptions.Section));
        services.AddSingleton(sp => new SchedulerPass(sp.GetRequiredService<Database>(), sp.GetRequiredService<ReminderKit>(),
            sp.GetRequiredService<IOptions<SchedulerOptions>>().Value, sp.GetRequiredService<ILogger<SchedulerPass>>()));
        services.AddSingleton(sp => new NoticePump(sp.GetRequiredService<Database>(), sp.GetServices<INotifier>(), sp.GetRequiredService<ILogger<NoticePump>>()));
        services.AddHostedService<SchedulerWorker>();
        return services;
    }

    /// <summary>--db wins, then ConnectionStrings:Recouvrement, then the file in the user's data folder.</summary>
    internal static string ResolveStore(CliArgs cli, IConfiguration configuration)
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
