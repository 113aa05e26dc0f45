using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Recouvrement.Bot.Telegram;

/// <summary>
/// Webhook mode: the bot registers its URL with a secret token at start, and POST /api/telegram answers 401 to any
/// request that does not carry that secret in X-Telegram-Bot-Api-Secret-Token.
/// </summary>
public static partial class TelegramWebhook
{
    public const string Path = "/api/telegram";
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost(Path, async (HttpContext http, TelegramUpdateHandler handler, IOptions<TelegramOptions> options, ILoggerFactory loggers) =>
        {
            var expected = options.Value.SecretToken ?? string.Empty;
            var given = http.Request.Headers[SecretHeader].ToString();
            if (expected.Length == 0 || !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected)))
            {
                LogForged(loggers.CreateLogger(typeof(TelegramWebhook)), http.Connection.RemoteIpAddress?.ToString());
                return Results.Unauthorized();
            }

            Update? update;
            try
            {
                update = await JsonSerializer.DeserializeAsync<Update>(http.Request.Body, JsonBotAPI.Options, http.RequestAborted).ConfigureAwait(false);
            }
            catch (JsonException)
            {
                return Results.BadRequest();
            }

            if (update is not null)
                await handler.HandleAsync(update, http.RequestAborted).ConfigureAwait(false);
            return Results.Ok();
        });
    }

    [LoggerMessage(EventId = 100, Level = LogLevel.Warning, Message = "Telegram webhook call without the right secret from {Remote}: 401")]
    private static partial void LogForged(ILogger logger, string? remote);
}

/// <summary>Registers the webhook (URL + secret) with Telegram when the service starts.</summary>
public sealed partial class TelegramWebhookRegistration(TelegramSender sender, IOptions<TelegramOptions> options, ILogger<TelegramWebhookRegistration> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var url = o.WebhookUrl!.TrimEnd('/');
        if (!url.EndsWith(TelegramWebhook.Path, StringComparison.Ordinal))
            url += TelegramWebhook.Path;
        await sender.Bot.SetWebhook(url, allowedUpdates: [UpdateType.Message, UpdateType.CallbackQuery, UpdateType.EditedMessage], secretToken: o.SecretToken, cancellationToken: cancellationToken).ConfigureAwait(false);
        LogRegistered(logger, url);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Telegram webhook registered at {Url}")]
    private static partial void LogRegistered(ILogger logger, string url);
}
