namespace Recouvrement.Bot.Telegram;

/// <summary>The `Telegram` section. BotToken and SecretToken come from the environment or user-secrets only.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    public string? BotToken { get; set; }

    /// <summary>A local Bot API server (or a test fake): scheme and authority.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>When set, Telegram pushes updates to this public URL (which must route to /api/telegram); else long polling.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>Echoed by Telegram in X-Telegram-Bot-Api-Secret-Token; generated at start when not configured.</summary>
    public string? SecretToken { get; set; }

    /// <summary>Telegram user ids allowed to use the bot (others may redeem an invite code).</summary>
    public List<long> AllowedUserIds { get; set; } = [];

    /// <summary>Group chats are refused unless this is on (the bot shows private business data).</summary>
    public bool AllowGroups { get; set; }

    public int PollTimeoutSeconds { get; set; } = 50;

    /// <summary>Telegram's limits: about one message a second per chat, thirty a second overall.</summary>
    public TimeSpan PerChatInterval { get; set; } = TimeSpan.FromSeconds(1);

    public int GlobalPerSecond { get; set; } = 30;

    public bool Enabled => !string.IsNullOrWhiteSpace(BotToken);
}
