namespace Recouvrement.Skills.Reminders;

public sealed record EmailMessage(string To, string Subject, string Markup, string? ReplyTo = null)
{
    /// <summary>A visible copy (the owner's accountant, « en copie »).</summary>
    public string? Cc { get; init; }

    /// <summary>A hidden copy (« en copie cachée »).</summary>
    public string? Bcc { get; init; }

    /// <summary>Files sent with the message (the statement of account, from the firm reminder on).</summary>
    public IReadOnlyList<Conversation.ReplyAttachment> Attachments { get; init; } = [];
}

public enum SendOutcome
{
    Sent,

    /// <summary>Worth retrying later: server down, timeout, 4xx.</summary>
    Transient,

    /// <summary>Not worth retrying: 5xx, recipient refused, bad address.</summary>
    Permanent,
}

public sealed record SendResult(SendOutcome Outcome, string? Error = null);

/// <summary>The way out to a debtor's mailbox (SMTP in the bot; a fake in some tests).</summary>
public interface IEmailSender
{
    /// <summary>False when no server is configured: messages are then handed to the owner to send themselves.</summary>
    bool IsConfigured { get; }

    Task<SendResult> SendAsync(EmailMessage message, CancellationToken ct);
}

/// <summary>No SMTP configured.</summary>
public sealed class NoEmailSender : IEmailSender
{
    public bool IsConfigured => false;

    public Task<SendResult> SendAsync(EmailMessage message, CancellationToken ct) =>
        Task.FromResult(new SendResult(SendOutcome.Permanent, "No SMTP server is configured."));
}
