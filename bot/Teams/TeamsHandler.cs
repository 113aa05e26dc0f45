using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Bot.Teams;

/// <summary>
/// One authenticated (or Emulator) activity: owners only, mentions stripped, Action.Submit answers read from
/// activity.value, the decided card replaced with its outcome, replies sent to the activity's own serviceUrl,
/// and the conversation reference kept for the scheduler's pings.
/// </summary>
public sealed partial class TeamsHandler(Database db, TurnEngine engine, ConnectorClient connector, TeamsFiles files, IOptions<TeamsOptions> options, TimeProvider clock, ILogger<TeamsHandler> logger)
{
    public const string Channel = "teams";

    public async Task HandleAsync(Activity a, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(a);
        var consent = a.Type == "invoke" && a.Name == TeamsFiles.ConsentInvoke;
        if ((a.Type != "message" && !consent) || a.From?.Id is null || a.Conversation?.Id is null || a.ServiceUrl is null)
            return;
        var o = options.Value;
        var userId = a.From.AadObjectId ?? a.From.Id;
        var tenant = a.Conversation.TenantId ?? TenantOf(a.ChannelData);
        var text = TeamsRenderer.StripMentions(a.Text);
        var payload = a.Value is { ValueKind: JsonValueKind.Object } v && v.TryGetProperty("payload", out var p) && p.ValueKind == JsonValueKind.String ? p.GetString() : null;
        var now = clock.GetUtcNow();

        var allowed = !o.Authenticated
            || o.AllowedUserIds.Contains(userId, StringComparer.OrdinalIgnoreCase)
            || (tenant is not null && o.AllowedTenants.Contains(tenant, StringComparer.OrdinalIgnoreCase))
            || await db.ReadAsync(s => s.Channels.IsGrantedAsync(Channel, userId), ct).ConfigureAwait(false);
        if (!allowed && consent)
            return;
        if (!allowed)
        {
            if (text.Length is >= 6 and <= 40 && await db.WriteAsync(s => s.Channels.RedeemInviteAsync(Channel, text, userId, now), ct).ConfigureAwait(false))
            {
                await ReplyAsync(a, new Reply("Bienvenue ! 👋 Votre accès est activé. Tapez « aide » pour commencer. / Welcome! Type \"help\" to start."), ct).ConfigureAwait(false);
                return;
            }

            LogRefused(logger, tenant ?? "?");
            await ReplyAsync(a, new Reply("Désolé, ce bot est privé. Si vous avez un code d'invitation, envoyez-le ici. / Sorry, this bot is private; send your invite code if you have one."), ct).ConfigureAwait(false);
            return;
        }

        // Where to reach this owner later: only from an activity that passed authentication.
        var reference = new ConversationReference(a.ServiceUrl, a.Conversation.Id, a.Recipient ?? new ChannelAccount(null), a.From, a.ChannelId ?? "msteams");
        try
        {
            await db.WriteAsync(s => s.Channels.SetStateAsync(Channel, "ref:" + userId, JsonSerializer.Serialize(reference, Activity.Json)), ct).ConfigureAwait(false);
        }
        catch (Exception e) when (Database.IsTransient(e))
        {
            // The reference is only for later pings; the owner's message is answered whatever happens to it.
            LogReferenceNotSaved(logger);
        }

        if (consent)
        {
            await ConsentAsync(a, userId, o, ct).ConfigureAwait(false);
            return;
        }

        var upload = payload is null ? await UploadOfAsync(a, o, ct).ConfigureAwait(false) : null;
        if (upload is { Content: null })
        {
            await ReplyAsync(a, new Reply(Recouvrement.Skills.Import.ImportWording.Problem(Recouvrement.Skills.Import.FileProblem.TooLarge, a.Locale?.StartsWith("en", StringComparison.Ordinal) == true ? "en" : "fr")), ct).ConfigureAwait(false);
            return;
        }

        if (payload is null && text.Length == 0 && upload is null)
            return;
        var turn = new Turn(new OwnerIdentity(Channel, userId, a.From.Name), a.Conversation.Id, payload is null ? text : null, payload, now)
        {
            File = upload is { Content: { } bytes } ? new InboundFile(upload.Value.Name, bytes) : null,
        };
        var replies = await engine.HandleAsync(turn, ct).ConfigureAwait(false);
        if (payload is not null && a.ReplyToId is { } cardId && replies.Count > 0)
        {
            // The decision replaces the card it was made on: no button left to press twice.
            var outcome = "→ " + Markup.ToPlain(replies[0].Text).Split('\n')[0];
            await connector.UpdateAsync(a.ServiceUrl, a.Conversation.Id, cardId, Message(a, Markup.Escape(outcome), [], cardId), ct).ConfigureAwait(false);
        }

        foreach (var reply in replies)
            await ReplyAsync(a, reply, ct).ConfigureAwait(false);
    }

    private async Task ReplyAsync(Activity a, Reply reply, CancellationToken ct)
    {
        var file = reply.Attachment is { } f ? await files.AttachmentAsync(a.From!.AadObjectId ?? a.From.Id!, f, a.Locale, ct).ConfigureAwait(false) : null;
        await connector.ReplyAsync(a.ServiceUrl!, a.Conversation!.Id!, a.Id ?? string.Empty, Message(a, reply.Text, reply.Buttons, null, file), ct).ConfigureAwait(false);
    }

    /// <summary>The answer to a file consent card: the file uploaded and shown, or a line saying why not.</summary>
    private async Task ConsentAsync(Activity a, string userId, TeamsOptions o, CancellationToken ct)
    {
        var english = a.Locale?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
        var (say, card) = await files.AnswerAsync(userId, a.Value ?? default, o.Authenticated, english, ct).ConfigureAwait(false);
        if (card is not null)
        {
            await connector.SendAsync(a.ServiceUrl!, a.Conversation!.Id!, new
            {
                type = "message",
                from = a.Recipient,
                recipient = a.From,
                conversation = a.Conversation,
                attachments = new[] { card },
            }, ct).ConfigureAwait(false);
        }

        if (say is not null)
            await connector.SendAsync(a.ServiceUrl!, a.Conversation!.Id!, Message(a, Markup.Escape(say), [], null), ct).ConfigureAwait(false);
    }

    /// <summary>A reply from the bot to the user: text, or an Adaptive Card when there are buttons; a file or picture beside it.</summary>
    internal static object Message(Activity incoming, string markup, IReadOnlyList<ReplyButton> buttons, string? id, object? file = null)
    {
        var plain = buttons.Count == 0 && id is null;
        object[] attachments = [.. plain ? [] : new[] { TeamsRenderer.Card(markup, buttons) }, .. file is null ? [] : new[] { file }];
        return new
        {
            type = "message",
            id,
            from = incoming.Recipient,
            recipient = incoming.From,
            conversation = incoming.Conversation,
            replyToId = incoming.Id,
            textFormat = "markdown",
            text = plain ? TeamsRenderer.ToMarkdown(markup) : null,
            attachments = attachments.Length == 0 ? null : attachments,
        };
    }

    /// <summary>
    /// A file uploaded in the personal chat (manifest: supportsFiles) arrives as a « file.download.info » attachment
    /// with a short-lived download URL; it is fetched up to the import limit. HTTPS only, except with the emulator.
    /// </summary>
    private async Task<(string Name, byte[]? Content)?> UploadOfAsync(Activity a, TeamsOptions o, CancellationToken ct)
    {
        var file = a.Attachments?.FirstOrDefault(x => x.ContentType == "application/vnd.microsoft.teams.file.download.info");
        if (file?.Content is not JsonElement { ValueKind: JsonValueKind.Object } info || !info.TryGetProperty("downloadUrl", out var u)
            || !Uri.TryCreate(u.GetString(), UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && o.Authenticated))
            return null;
        var bytes = await connector.DownloadAsync(url, Recouvrement.Skills.Import.ImportFiles.MaxBytes, ct).ConfigureAwait(false);
        return (file.Name ?? "document", bytes);
    }

    private static string? TenantOf(JsonElement? channelData) =>
        channelData is { ValueKind: JsonValueKind.Object } c && c.TryGetProperty("tenant", out var t) && t.TryGetProperty("id", out var id) ? id.GetString() : null;

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Teams conversation reference not saved (store busy)")]
    private static partial void LogReferenceNotSaved(ILogger logger);

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "Teams user of tenant {Tenant} refused (not allowed)")]
    private static partial void LogRefused(ILogger logger, string tenant);
}
