using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;
using Telegram.Bot;
using Telegram.Bot.Extensions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace Recouvrement.Bot.Telegram;

/// <summary>
/// One Telegram update, from any transport (polling or webhook): handled once (its id is recorded), from an allowed
/// owner only, in a private chat unless groups are allowed; text and button presses go to the turn engine, anything
/// else gets a short answer. Outsiders get a polite refusal and no data.
/// </summary>
public sealed partial class TelegramUpdateHandler(
    Database db, TurnEngine engine, TelegramSender sender, IOptions<TelegramOptions> options, TimeProvider clock, ILogger<TelegramUpdateHandler> logger)
{
    public const string Channel = "telegram";

    private readonly TelegramOptions _options = options.Value;

    public async Task HandleAsync(Update update, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(update);
        var now = clock.GetUtcNow();
        if (!await db.WriteAsync(s => s.Channels.TryRecordUpdateAsync(Channel, update.Id.ToString(CultureInfo.InvariantCulture), now), ct).ConfigureAwait(false))
        {
            LogDuplicate(logger, update.Id);
            return;
        }

        try
        {
            switch (update)
            {
                case { Message: { } message }:
                    await OnMessageAsync(message, now, ct).ConfigureAwait(false);
                    break;
                case { CallbackQuery: { } query }:
                    await OnCallbackAsync(query, now, ct).ConfigureAwait(false);
                    break;
                case { EditedMessage: { } edited } when await AllowedAsync(edited.From, ct).ConfigureAwait(false) && edited.Chat.Type == ChatType.Private:
                    await sender.SendAsync(edited.Chat.Id, new Reply(Say(edited.From, "Je ne relis pas les messages modifiés : envoyez la version corrigée comme un nouveau message.", "I don't re-read edited messages: send the corrected one as a new message.")), ct).ConfigureAwait(false);
                    break;
                default:
                    LogIgnored(logger, update.Type);
                    break;
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The update stays recorded: a retry by Telegram must not run a turn twice. The owner can say it again.
            LogFailed(logger, e.GetType().Name, update.Id);
        }
    }

    private async Task OnMessageAsync(Message message, DateTimeOffset now, CancellationToken ct)
    {
        var from = message.From;
        if (from is null || from.IsBot)
            return;
        if (message.Chat.Type != ChatType.Private && !_options.AllowGroups)
        {
            await sender.SendAsync(message.Chat.Id, new Reply(Say(from, "Je ne travaille qu'en conversation privée : écrivez-moi directement.", "I only work in a private chat: write to me directly.")), ct).ConfigureAwait(false);
            return;
        }

        var userId = from.Id.ToString(CultureInfo.InvariantCulture);
        if (!await AllowedAsync(from, ct).ConfigureAwait(false))
        {
            // An invite code, alone or after /start, admits the sender once.
            var code = message.Text?.Replace("/start", string.Empty, StringComparison.OrdinalIgnoreCase).Trim();
            if (code is { Length: >= 6 and <= 40 } && await db.WriteAsync(s => s.Channels.RedeemInviteAsync(Channel, code, userId, now), ct).ConfigureAwait(false))
            {
                LogInvited(logger, from.Id);
                await sender.SendAsync(message.Chat.Id, new Reply(Say(from, "Bienvenue ! 👋 Votre accès est activé. Tapez « aide » pour commencer.", "Welcome! 👋 You're in. Type \"help\" to start.")), ct).ConfigureAwait(false);
                return;
            }

            LogRefused(logger, from.Id);
            await sender.SendAsync(message.Chat.Id, new Reply(Say(from, "Désolé, ce bot est privé. Si vous avez reçu un code d'invitation, envoyez-le ici.", "Sorry, this bot is private. If you were given an invite code, send it here.")), ct).ConfigureAwait(false);
            return;
        }

        if (message.Document is { } document)
        {
            await OnDocumentAsync(message, document, now, ct).ConfigureAwait(false);
            return;
        }

        if (message.Text is not { } text)
        {
            await sender.SendAsync(message.Chat.Id, new Reply(Say(from, "Je ne lis que du texte pour l'instant : écrivez-moi votre demande.", "I only read text for now: type your request.")), ct).ConfigureAwait(false);
            return;
        }

        text = text.Trim();
        if (text is "/start" or "/help" or "/aide")
            text = from.LanguageCode?.StartsWith("en", StringComparison.Ordinal) == true ? "help" : "aide";
        var replies = await engine.HandleAsync(new Turn(Owner(from), message.Chat.Id.ToString(CultureInfo.InvariantCulture), text, null, now), ct).ConfigureAwait(false);
        foreach (var reply in replies)
            await sender.SendAsync(message.Chat.Id, reply, ct).ConfigureAwait(false);
    }

    /// <summary>A file: downloaded through getFile (Telegram serves bots files up to 20 MB) and previewed as an import.</summary>
    private async Task OnDocumentAsync(Message message, Document document, DateTimeOffset now, CancellationToken ct)
    {
        var from = message.From!;
        if (document.FileSize is > Recouvrement.Skills.Import.ImportFiles.MaxBytes)
        {
            await sender.SendAsync(message.Chat.Id, new Reply(Recouvrement.Skills.Import.ImportWording.Problem(Recouvrement.Skills.Import.FileProblem.TooLarge, Say(from, "fr", "en"))), ct).ConfigureAwait(false);
            return;
        }

        var file = await sender.Bot.GetFile(document.FileId, ct).ConfigureAwait(false);
        using var content = new MemoryStream();
        if (file.FilePath is { } path)
            await sender.Bot.DownloadFile(path, content, ct).ConfigureAwait(false);
        var turn = new Turn(Owner(from), message.Chat.Id.ToString(CultureInfo.InvariantCulture), message.Caption, null, now)
        {
            File = new InboundFile(document.FileName ?? "document", content.ToArray()),
        };
        foreach (var reply in await engine.HandleAsync(turn, ct).ConfigureAwait(false))
            await sender.SendAsync(message.Chat.Id, reply, ct).ConfigureAwait(false);
    }

    private async Task OnCallbackAsync(CallbackQuery query, DateTimeOffset now, CancellationToken ct)
    {
        if (!await AllowedAsync(query.From, ct).ConfigureAwait(false) || (query.Message is { Chat.Type: not ChatType.Private } && !_options.AllowGroups))
        {
            await sender.AnswerCallbackAsync(query.Id, Say(query.From, "Accès refusé.", "Access denied."), ct).ConfigureAwait(false);
            return;
        }

        var chatId = query.Message?.Chat.Id ?? query.From.Id;
        var replies = await engine.HandleAsync(new Turn(Owner(query.From), chatId.ToString(CultureInfo.InvariantCulture), null, query.Data ?? string.Empty, now), ct).ConfigureAwait(false);
        var outcome = replies.Count > 0 ? Markup.ToPlain(replies[0].Text).Split('\n')[0] : string.Empty;
        await sender.AnswerCallbackAsync(query.Id, outcome, ct).ConfigureAwait(false);
        if (query.Message is { } shown && shown.ReplyMarkup is not null)
            await sender.MarkDecidedAsync(chatId, shown.Id, HtmlText.ToHtml(shown) ?? string.Empty, Markup.Escape(outcome), ct).ConfigureAwait(false);
        foreach (var reply in replies)
            await sender.SendAsync(chatId, reply, ct).ConfigureAwait(false);
    }

    private async Task<bool> AllowedAsync(User? user, CancellationToken ct) =>
        user is not null && (_options.AllowedUserIds.Contains(user.Id)
            || await db.ReadAsync(s => s.Channels.IsGrantedAsync(Channel, user.Id.ToString(CultureInfo.InvariantCulture)), ct).ConfigureAwait(false));

    private static OwnerIdentity Owner(User user) => new(Channel, user.Id.ToString(CultureInfo.InvariantCulture), user.FirstName);

    private static string Say(User? user, string fr, string en) => user?.LanguageCode?.StartsWith("en", StringComparison.Ordinal) == true ? en : fr;

    [LoggerMessage(EventId = 80, Level = LogLevel.Debug, Message = "Telegram update {UpdateId} already handled")]
    private static partial void LogDuplicate(ILogger logger, int updateId);

    [LoggerMessage(EventId = 81, Level = LogLevel.Information, Message = "Telegram update of type {Type} ignored")]
    private static partial void LogIgnored(ILogger logger, UpdateType type);

    [LoggerMessage(EventId = 82, Level = LogLevel.Warning, Message = "Telegram user {UserId} refused (not allowed)")]
    private static partial void LogRefused(ILogger logger, long userId);

    [LoggerMessage(EventId = 83, Level = LogLevel.Information, Message = "Telegram user {UserId} admitted with an invite code")]
    private static partial void LogInvited(ILogger logger, long userId);

    [LoggerMessage(EventId = 84, Level = LogLevel.Error, Message = "Telegram update {UpdateId} failed with {Error}")]
    private static partial void LogFailed(ILogger logger, string error, int updateId);
}
