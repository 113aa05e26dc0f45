using System.Text.Json;
using System.Text.Json.Serialization;

namespace Recouvrement.Bot.Teams;

/// <summary>The `Teams` section. AppPassword comes from the environment or user-secrets only.</summary>
public sealed class TeamsOptions
{
    public const string Section = "Teams";
    public const string BotFrameworkMetadata = "https://login.botframework.com/v1/.well-known/openidconfiguration";

    /// <summary>Empty: Emulator mode (no authentication, local use only).</summary>
    public string? AppId { get; set; }
    public string? AppPassword { get; set; }

    /// <summary>Single-tenant bots: their tenant; empty for multi-tenant.</summary>
    public string? TenantId { get; set; }
    public string OpenIdMetadataUrl { get; set; } = BotFrameworkMetadata;
    public string Issuer { get; set; } = "https://api.botframework.com";

    /// <summary>Owners: users of these tenants, these users (AAD object ids), or who redeemed an invite code.</summary>
    public List<string> AllowedTenants { get; set; } = [];
    public List<string> AllowedUserIds { get; set; } = [];

    /// <summary>Activities accepted and not yet handled, at most; beyond, the endpoint answers 503 with Retry-After.</summary>
    public int InboxCapacity { get; set; } = 2_000;

    /// <summary>
    /// Consumers working the inbox (different conversations in parallel, one conversation in order). 0: this instance
    /// only receives and stores, and instances sharing the store answer.
    /// </summary>
    public int Consumers { get; set; } = 4;

    /// <summary>How long a shutdown keeps handling what was accepted before leaving the rest for the next start.</summary>
    public TimeSpan DrainTimeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>Serve /api/messages without an App ID, for the Bot Framework Emulator on this machine.</summary>
    public bool Emulator { get; set; }

    public bool Authenticated => !string.IsNullOrWhiteSpace(AppId);

    public bool Enabled => Authenticated || Emulator;
}

public sealed record ChannelAccount(string? Id, string? Name = null, string? AadObjectId = null, string? Role = null);

public sealed record ConversationAccount(string? Id, bool? IsGroup = null, string? ConversationType = null, string? TenantId = null, string? Name = null);

public sealed record Attachment(string ContentType, object? Content, string? Name = null);

/// <summary>A Bot Framework activity (camelCase JSON); unknown fields are ignored, as the spec asks (A2005).</summary>
public sealed record Activity
{
    public string? Type { get; init; }
    public string? Id { get; init; }
    public string? ServiceUrl { get; init; }
    public string? ChannelId { get; init; }
    public ChannelAccount? From { get; init; }
    public ConversationAccount? Conversation { get; init; }
    public ChannelAccount? Recipient { get; init; }
    public string? Text { get; init; }
    public string? TextFormat { get; init; }
    public string? Locale { get; init; }
    public IReadOnlyList<Attachment>? Attachments { get; init; }
    public string? ReplyToId { get; init; }
    public JsonElement? Value { get; init; }
    public JsonElement? ChannelData { get; init; }
    public string? Name { get; init; }

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}

/// <summary>Where to reach an owner later (proactive pings): kept from an authenticated activity only.</summary>
public sealed record ConversationReference(string ServiceUrl, string ConversationId, ChannelAccount Bot, ChannelAccount User, string ChannelId);
