using System.Text.Json;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Bot.Teams;

/// <summary>
/// Documents and pictures in Teams: a picture goes inline (a data URL, shown in the message); any other file is kept in
/// the store and offered with a file consent card — Teams uploads it to the user's OneDrive once they accept.
/// </summary>
public sealed class TeamsFiles(Database db, ConnectorClient connector, TimeProvider clock)
{
    public const string ConsentCard = "application/vnd.microsoft.teams.card.file.consent";
    public const string InfoCard = "application/vnd.microsoft.teams.card.file.info";
    public const string ConsentInvoke = "fileConsent/invoke";

    /// <summary>The attachment that carries the file for this user (an inline picture, or a consent card after storing it).</summary>
    public async Task<object> AttachmentAsync(string userId, ReplyAttachment file, string? locale, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.ContentType.StartsWith("image/", StringComparison.Ordinal))
            return new { contentType = file.ContentType, contentUrl = $"data:{file.ContentType};base64,{Convert.ToBase64String(file.Content)}", name = file.FileName };
        var id = await db.WriteAsync(s => s.Channels.AddOutgoingFileAsync(TeamsHandler.Channel, userId, file.FileName, file.ContentType, file.Content, clock.GetUtcNow()), ct).ConfigureAwait(false);
        var english = locale?.StartsWith("en", StringComparison.OrdinalIgnoreCase) == true;
        return new
        {
            contentType = ConsentCard,
            name = file.FileName,
            content = new
            {
                description = english ? $"{file.FileName}: accept to receive it in your OneDrive." : $"{file.FileName} : acceptez pour le recevoir dans votre OneDrive.",
                sizeInBytes = file.Content.LongLength,
                acceptContext = new { fileId = id },
                declineContext = new { fileId = id },
            },
        };
    }

    /// <summary>
    /// The user's answer to a consent card. Accepted: the file is uploaded to the URL Teams gave (HTTPS unless the
    /// emulator), then shown with a file info card and forgotten. Declined: forgotten. Returns the line to say, if any.
    /// </summary>
    public async Task<(string? Say, object? Card)> AnswerAsync(string userId, JsonElement value, bool requireHttps, bool english, CancellationToken ct)
    {
        if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty("context", out var context) || context.ValueKind != JsonValueKind.Object
            || !context.TryGetProperty("fileId", out var idElement) || !idElement.TryGetInt64(out var id))
            return (null, null);
        var action = value.TryGetProperty("action", out var a) ? a.GetString() : null;
        if (action != "accept")
        {
            await db.WriteAsync(s => s.Channels.DeleteOutgoingFileAsync(TeamsHandler.Channel, userId, id), ct).ConfigureAwait(false);
            return (english ? "All right, the file was not sent." : "D'accord, le fichier n'a pas été envoyé.", null);
        }

        var file = await db.ReadAsync(s => s.Channels.GetOutgoingFileAsync(TeamsHandler.Channel, userId, id), ct).ConfigureAwait(false);
        if (file is null)
            return (english ? "That file is no longer available: ask for it again." : "Ce fichier n'est plus disponible : redemandez-le.", null);
        if (!value.TryGetProperty("uploadInfo", out var info) || info.ValueKind != JsonValueKind.Object
            || !Uri.TryCreate(info.TryGetProperty("uploadUrl", out var u) ? u.GetString() : null, UriKind.Absolute, out var uploadUrl)
            || (requireHttps && uploadUrl.Scheme != Uri.UriSchemeHttps))
            return (english ? "Teams did not say where to put the file: ask for it again." : "Teams n'a pas indiqué où déposer le fichier : redemandez-le.", null);

        await connector.UploadAsync(uploadUrl, file.Content, ct).ConfigureAwait(false);
        await db.WriteAsync(s => s.Channels.DeleteOutgoingFileAsync(TeamsHandler.Channel, userId, id), ct).ConfigureAwait(false);
        string? Text(string name) => info.TryGetProperty(name, out var p) ? p.GetString() : null;
        return (null, new
        {
            contentType = InfoCard,
            contentUrl = Text("contentUrl"),
            name = Text("name") ?? file.Name,
            content = new { uniqueId = Text("uniqueId"), fileType = Text("fileType") ?? Path.GetExtension(file.Name).TrimStart('.') },
        });
    }
}
