using Recouvrement.Skills.Reminders;
using Recouvrement.Tests.Support;

namespace Recouvrement.Tests.Reminders;

/// <summary>MailKit against a real SMTP server on loopback.</summary>
public sealed class SmtpSenderTests(SmtpServer smtp) : IClassFixture<SmtpServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SendAsync_Accepted_ArrivesWithRecipientSubjectTextAndHtml()
    {
        var before = smtp.Received().Count;

        var result = await smtp.Sender().SendAsync(new EmailMessage("compta@dupont.fr", "Relance – facture F-1", "Montant dû : **1 200,00 €**\nMerci."), Ct);

        Assert.Equal(SendOutcome.Sent, result.Outcome);
        var (rcpt, mail) = smtp.Received()[before];
        Assert.Equal("compta@dupont.fr", rcpt);
        Assert.Equal("Relance – facture F-1", mail.Subject);
        Assert.Contains("Montant dû : 1 200,00 €", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("<strong>1 200,00 €</strong>", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("factures@atelier-nova.fr", mail.From.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task SendAsync_RecipientRefused_IsPermanent()
    {
        var result = await smtp.Sender().SendAsync(new EmailMessage("reject@dupont.fr", "s", "b"), Ct);

        Assert.Equal(SendOutcome.Permanent, result.Outcome);
        Assert.Contains("550", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_TemporaryRefusal_IsTransient()
    {
        var result = await smtp.Sender().SendAsync(new EmailMessage("tempfail@dupont.fr", "s", "b"), Ct);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
    }

    [Fact]
    public async Task SendAsync_ServerDown_IsTransient()
    {
        var result = await smtp.Sender(SmtpServer.FreePort()).SendAsync(new EmailMessage("compta@dupont.fr", "s", "b"), Ct);

        Assert.Equal(SendOutcome.Transient, result.Outcome);
    }

    [Fact]
    public async Task SendAsync_InvalidAddress_IsPermanent()
    {
        var result = await smtp.Sender().SendAsync(new EmailMessage("not an address", "s", "b"), Ct);

        Assert.Equal(SendOutcome.Permanent, result.Outcome);
    }
}
