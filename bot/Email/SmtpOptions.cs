namespace Recouvrement.Bot.Email;

/// <summary>The `Smtp` section. The password comes from the environment (Smtp__Password) or user-secrets only.</summary>
public sealed class SmtpOptions
{
    public const string Section = "Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? User { get; set; }
    public string? Password { get; set; }
    public string? From { get; set; }

    /// <summary>STARTTLS (or TLS from the start on port 465). Off only for a local test server.</summary>
    public bool UseTls { get; set; } = true;

    public int TimeoutSeconds { get; set; } = 30;
}
