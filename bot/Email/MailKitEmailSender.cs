using System.Net;
using System.Net.Sockets;
using System.Text;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Reminders;

namespace Recouvrement.Bot.Email;

/// <summary>
/// Sends a reminder over SMTP with MailKit: plain text plus an HTML part where **bold** is bold.
/// 5xx answers (recipient refused, bad mailbox) are permanent; a server that is down, slow or says 4xx is transient.
/// </summary>
public sealed class MailKitEmailSender(IOptions<SmtpOptions> options) : IEmailSender
{
    private readonly SmtpOptions _options = options.Value;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(_options.Host) && !string.IsNullOrWhiteSpace(_options.From);

    public async Task<SendResult> SendAsync(EmailMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!IsConfigured)
            return new SendResult(SendOutcome.Permanent, "SMTP is not configured.");
        MimeMessage mime;
        try
        {
            mime = Build(message);
        }
        catch (ParseException)
        {
            return new SendResult(SendOutcome.Permanent, "invalid address");
        }

        using var client = new SmtpClient { Timeout = _options.TimeoutSeconds * 1000 };
        try
        {
            var security = !_options.UseTls ? SecureSocketOptions.None : _options.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
            await client.ConnectAsync(_options.Host!, _options.Port, security, ct).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(_options.User))
                await client.AuthenticateAsync(_options.User, _options.Password ?? string.Empty, ct).ConfigureAwait(false);
            await client.SendAsync(mime, ct).ConfigureAwait(false);
            await client.DisconnectAsync(true, ct).ConfigureAwait(false);
            return new SendResult(SendOutcome.Sent);
        }
        catch (SmtpCommandException e)
        {
            var code = (int)e.StatusCode;
            return new SendResult(code >= 500 ? SendOutcome.Permanent : SendOutcome.Transient, $"SMTP {code} {e.Message}".Trim());
        }
        catch (AuthenticationException e)
        {
            return new SendResult(SendOutcome.Permanent, $"authentication failed: {e.Message}");
        }
        catch (Exception e) when (e is SmtpProtocolException or IOException or SocketException or TimeoutException or ServiceNotConnectedException or SslHandshakeException
                                   || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return new SendResult(SendOutcome.Transient, e.GetType().Name);
        }
    }

    private MimeMessage Build(EmailMessage message)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(_options.From!));
        mime.To.Add(MailboxAddress.Parse(message.To));
        if (message.Cc is { Length: > 0 } cc)
            mime.Cc.Add(MailboxAddress.Parse(cc));
        if (message.Bcc is { Length: > 0 } bcc)
            mime.Bcc.Add(MailboxAddress.Parse(bcc));
        if (message.ReplyTo is not null)
            mime.ReplyTo.Add(MailboxAddress.Parse(message.ReplyTo));
        mime.Subject = message.Subject;
        var body = new BodyBuilder { TextBody = Markup.ToPlain(message.Markup), HtmlBody = ToHtml(message.Markup) };
        foreach (var file in message.Attachments)
            body.Attachments.Add(file.FileName, file.Content, ContentType.Parse(file.ContentType));
        mime.Body = body.ToMessageBody();
        return mime;
    }

    internal static string ToHtml(string markup)
    {
        var sb = new StringBuilder("<div style=\"font-family:sans-serif\">");
        foreach (var (text, bold) in Markup.Runs(markup))
        {
            var encoded = WebUtility.HtmlEncode(text).Replace("\n", "<br>\n", StringComparison.Ordinal);
            sb.Append(bold ? $"<strong>{encoded}</strong>" : encoded);
        }

        return sb.Append("</div>").ToString();
    }
}
