namespace Recouvrement.Skills.Conversation;

/// <summary>A button: what the owner sees and an opaque payload that comes back when pressed (short: Telegram allows 64 bytes).</summary>
public sealed record ReplyButton(string Label, string Payload);

/// <summary>A document sent with a reply (the printable formal notice).</summary>
public sealed record ReplyAttachment(string FileName, string ContentType, byte[] Content);

/// <summary>One message to the owner: text in light markup (see <see cref="Markup"/>), optional buttons and document.</summary>
public sealed record Reply(string Text, IReadOnlyList<ReplyButton> Buttons, ReplyAttachment? Attachment = null)
{
    public Reply(string text)
        : this(text, [])
    {
    }
}

/// <summary>Who is speaking, as the channel knows them. Channels authorise before calling the engine.</summary>
public sealed record OwnerIdentity(string Channel, string ExternalId, string? DisplayName = null);

/// <summary>One incoming turn: free text, or the payload of a pressed button.</summary>
public sealed record Turn(OwnerIdentity Owner, string ConversationKey, string? Text, string? Payload, DateTimeOffset Now)
{
    /// <summary>A file the owner sent (Telegram document, Teams attachment): an import to preview.</summary>
    public InboundFile? File { get; init; }
}

/// <summary>A file received in the chat, already downloaded and within the size limit.</summary>
public sealed record InboundFile(string Name, byte[] Content);
