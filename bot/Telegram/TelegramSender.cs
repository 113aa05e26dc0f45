using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recouvrement.Skills.Common;
using Recouvrement.Skills.Conversation;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;
using Telegram.Bot.Types.ReplyMarkups;

namespace Recouvrement.Bot.Telegram;

/// <summary>
/// Everything the bot says on Telegram goes through here: at most about one message a second per chat and thirty a
/// second overall, waiting out a 429's retry_after, long texts split cleanly. Errors are logged without the token.
/// </summary>
public sealed partial class TelegramSender(ITelegramBotClient bot, IOptions<TelegramOptions> options, TimeProvider clock, ILogger<TelegramSender> logger)
{
    private const int MaxAttempts = 4;
    private readonly TelegramOptions _options = options.Value;
    private readonly RateGate _pace = new(options.Value.GlobalPerSecond, clock, options.Value.PerChatInterval);

    public ITelegramBotClient Bot => bot;

    /// <summary>Sends one reply (text, keyboard on its last part, document); returns the id of the message that carries the buttons.</summary>
    public async Task<int?> SendAsync(long chatId, Reply reply, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var parts = TelegramRenderer.Split(reply.Text);
        int? lastId = null;
        for (var i = 0; i < parts.Count; i++)
        {
            var markup = i == parts.Count - 1 ? TelegramRenderer.Keyboard(reply.Buttons) : null;
            var part = parts[i];
            var message = await CallAsync(chatId, c => bot.SendMessage(chatId, part, parseMode: ParseMode.Html, replyMarkup: markup, cancellationToken: c), ct).ConfigureAwait(false);
            lastId = message.Id;
        }

        if (reply.Attachment is { } file)
        {
            // A picture is shown in the chat (sendPhoto); any other file is a document to open or save (sendDocument).
            var photo = file.ContentType.StartsWith("image/", StringComparison.Ordinal);
            await CallAsync(chatId, async c =>
            {
                using var stream = new MemoryStream(file.Content);
                var input = InputFile.FromStream(stream, file.FileName);
                return photo
                    ? await bot.SendPhoto(chatId, input, cancellationToken: c).ConfigureAwait(false)
                    : await bot.SendDocument(chatId, input, cancellationToken: c).ConfigureAwait(false);
            }, ct).ConfigureAwait(false);
        }

        return lastId;
    }

    public Task AnswerCallbackAsync(string callbackId, string? text, CancellationToken ct) =>
        CallAsync(0, async c =>
        {
            await bot.AnswerCallbackQuery(callbackId, text is null ? null : Truncate(text, 200), cancellationToken: c).ConfigureAwait(false);
            return true;
        }, ct);

    /// <summary>Shows a decision on the message that carried the buttons: its text plus the outcome, buttons removed.</summary>
    public Task MarkDecidedAsync(long chatId, int messageId, string originalHtml, string outcome, CancellationToken ct) =>
        CallAsync(chatId, async c =>
        {
            var text = Truncate(originalHtml, TelegramRenderer.MaxLength - 300) + "\n\n<i>→ " + TelegramRenderer.ToHtml(Truncate(outcome, 250)) + "</i>";
            try
            {
                await bot.EditMessageText(chatId, messageId, text, ParseMode.Html, replyMarkup: null, cancellationToken: c).ConfigureAwait(false);
            }
            catch (ApiRequestException e) when (e.ErrorCode == 400 && e.Message.Contains("not modified", StringComparison.OrdinalIgnoreCase))
            {
                // Identical content: already shown.
            }

            return true;
        }, ct);

    private async Task<T> CallAsync<T>(long chatId, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await _pace.WaitTurnAsync(chatId, ct).ConfigureAwait(false);
            try
            {
                return await call(ct).ConfigureAwait(false);
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429 && attempt < MaxAttempts)
            {
                var wait = TimeSpan.FromSeconds(Math.Clamp(e.Parameters?.RetryAfter ?? 1, 1, 300));
                LogRateLimited(logger, wait.TotalSeconds);
                await Task.Delay(wait, clock, ct).ConfigureAwait(false);
            }
            catch (ApiRequestException e) when (e.ErrorCode >= 500 && attempt < MaxAttempts)
            {
                LogServerError(logger, e.ErrorCode, attempt);
                await Task.Delay(TimeSpan.FromSeconds(attempt), clock, ct).ConfigureAwait(false);
            }
        }
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";

    [LoggerMessage(EventId = 70, Level = LogLevel.Warning, Message = "Telegram rate limit (429): waiting {Seconds} s")]
    private static partial void LogRateLimited(ILogger logger, double seconds);

    [LoggerMessage(EventId = 71, Level = LogLevel.Warning, Message = "Telegram answered {Code}; retry {Attempt}")]
    private static partial void LogServerError(ILogger logger, int code, int attempt);
}
