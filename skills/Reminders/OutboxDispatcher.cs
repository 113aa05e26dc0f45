using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Skills.Reminders;

/// <summary>What one outbox pass did with a message.</summary>
public enum DispatchOutcome
{
    /// <summary>Another worker claimed it first.</summary>
    Taken,
    Sent,
    Retry,
    Failed,

    /// <summary>Not before a later moment (weekend, holiday, one message a day per debtor).</summary>
    Postponed,

    /// <summary>Nothing due any more when it was to leave (paid, disputed, promised, collective proceedings): not sent.</summary>
    Withdrawn,
}

public sealed record Dispatched(long OutboxId, long OwnerId, DispatchOutcome Outcome, DateTimeOffset? NextTry = null, string? Error = null);

/// <summary>
/// Sends what waits in the outbox. A debtor never gets one message twice: the claim (queued -> sending, attempt
/// counted, day stamped) is committed before the SMTP call, and a row found 'sending' after a crash is shown to the
/// owner instead of being resent. At most one message per debtor per day, none on weekends.
/// </summary>
public sealed partial class OutboxDispatcher(Database db, IEmailSender sender, ReminderOptions options, ILogger<OutboxDispatcher>? logger = null)
{
    private readonly ILogger _logger = logger ?? NullLogger<OutboxDispatcher>.Instance;

    public IEmailSender Sender { get; } = sender;

    /// <summary>At start-up: sends cut off by a crash become 'unknown' and the owner is asked what happened.</summary>
    public async Task<int> RecoverInterruptedAsync(DateTimeOffset now, CancellationToken ct)
    {
        return await db.WriteAsync(async s =>
        {
            var rows = await s.Outbox.MarkInterruptedAsync(now).ConfigureAwait(false);
            foreach (var row in rows)
            {
                var owner = await s.Owners.GetAsync(row.OwnerId).ConfigureAwait(false);
                var client = await s.Clients.GetAsync(row.OwnerId, row.ClientId).ConfigureAwait(false);
                var lang = owner?.Language ?? "fr";
                await s.Notices.AddAsync(row.OwnerId, Say.Pick(lang,
                    $"⚠️ L'envoi de la relance à {Markup.Bold(client?.Name)} a été interrompu par un arrêt du service : je ne la renvoie pas à l'aveugle, pour éviter un doublon. Tapez « brouillons » pour décider.",
                    $"⚠️ Sending the reminder to {Markup.Bold(client?.Name)} was cut off by a service stop: I won't resend it blindly, to avoid a duplicate. Type \"drafts\" to decide."), now).ConfigureAwait(false);
                await s.Events.AppendAsync(row.OwnerId, "system", "send_interrupted", "outbox", row.Id, null, now).ConfigureAwait(false);
            }

            return rows.Count;
        }, ct).ConfigureAwait(false);
    }

    /// <summary>One pass over the due messages (or just one of them).</summary>
    public async Task<IReadOnlyList<Dispatched>> RunOnceAsync(DateTimeOffset now, CancellationToken ct, long? only = null)
    {
        var due = await db.ReadAsync(s => s.Outbox.DueAsync(now), ct).ConfigureAwait(false);
        var results = new List<Dispatched>();
        foreach (var message in due.Where(m => only is null || m.Id == only))
            results.Add(await DispatchAsync(message, now, ct).ConfigureAwait(false));
        return results;
    }

    /// <summary>The firm reminder, the formal notice and the final notice carry the statement of account.</summary>
    public bool AttachesStatement(string step) =>
        options.IndexOf(step) is var i && i >= 0 && options.IndexOf(ReminderOptions.Firm) is var firm && firm >= 0 && i >= firm;

    /// <summary>The client when the message no longer has anything to chase; null when it may leave.</summary>
    private static async Task<Client?> NothingDueAsync(Session s, Owner owner, OutboxMessage message, DateOnly day)
    {
        var draft = await s.Drafts.GetAsync(owner.Id, message.DraftId).ConfigureAwait(false);
        var client = await s.Clients.GetAsync(owner.Id, message.ClientId).ConfigureAwait(false);
        if (draft is null || client is null || Drafting.IsPlanStep(draft.Step))
            return null;
        if (client.ProceedingsOn is not null || client.PausedUntil is { } until && until >= day)
            return client;
        var ids = System.Text.Json.JsonSerializer.Deserialize<long[]>(draft.InvoiceIds) ?? [];
        var open = (await s.Invoices.ByIdsAsync(owner.Id, ids).ConfigureAwait(false)).Any(i => i.Status == InvoiceStatuses.Open && i.BalanceCents > 0);
        return open ? null : client;
    }

    private async Task<Dispatched> DispatchAsync(OutboxMessage message, DateTimeOffset now, CancellationToken ct)
    {
        var owner = await db.ReadAsync(s => s.Owners.GetAsync(message.OwnerId), ct).ConfigureAwait(false)
            ?? throw new InvalidOperationException("An outbox message without its owner.");
        var day = BusinessClock.Today(owner, now);
        var notBefore = BusinessClock.NextSendTime(owner, now, options.SendHour);
        if (notBefore > now)
            return await PostponeAsync(message, notBefore, now, ct).ConfigureAwait(false);

        // Claim: the guard against a second message to this debtor today, and the check that something is still due
        // (it may have been paid since the owner approved it), sit in the same transaction.
        var withdrawn = false;
        var taken = false;
        var claimed = await db.WriteAsync(async s =>
        {
            // Several instances on one PostgreSQL database: a row another instance is claiming is skipped, not waited for.
            if (!await s.Outbox.TryLockQueuedAsync(message.Id).ConfigureAwait(false))
            {
                taken = true;
                return false;
            }

            if (await s.Outbox.CountForClientOnDayAsync(message.ClientId, day).ConfigureAwait(false) > 0)
                return false;
            if (await NothingDueAsync(s, owner, message, day).ConfigureAwait(false) is { } client)
            {
                await s.Outbox.SetStatusAsync(message.Id, OutboxStatuses.Queued, OutboxStatuses.Failed, now, "withdrawn: nothing due any more").ConfigureAwait(false);
                await s.Drafts.TransitionAsync(owner.Id, message.DraftId, DraftStatuses.Approved, DraftStatuses.Obsolete, "system", now, new { Reason = "nothing due at sending" }).ConfigureAwait(false);
                await s.Notices.AddAsync(owner.Id, Say.Pick(owner.Language,
                    $"↩️ La relance à {Markup.Bold(client.Name)} n'est pas partie : plus rien n'est dû à ce stade (payé, contesté, promesse ou procédure collective entre-temps).",
                    $"↩️ The reminder to {Markup.Bold(client.Name)} did not go out: nothing is due at this step any more (paid, disputed, promised or insolvency proceedings meanwhile)."), now).ConfigureAwait(false);
                withdrawn = true;
                return false;
            }

            return await s.Outbox.ClaimAsync(message.Id, day, now).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        if (withdrawn)
            return new Dispatched(message.Id, message.OwnerId, DispatchOutcome.Withdrawn);
        if (taken)
            return new Dispatched(message.Id, message.OwnerId, DispatchOutcome.Taken);
        if (!claimed)
        {
            var current = await db.ReadAsync(s => s.Outbox.GetAsync(message.OwnerId, message.Id), ct).ConfigureAwait(false);
            if (current?.Status != OutboxStatuses.Queued)
                return new Dispatched(message.Id, message.OwnerId, DispatchOutcome.Taken);
            return await PostponeAsync(message, BusinessClock.At(owner, BusinessClock.NextBusinessDay(day), options.SendHour), now, ct).ConfigureAwait(false);
        }

        SendResult result;
        try
        {
            // The copy chosen for this client, else the owner-wide one (the accountant), visible or hidden; from the firm
            // reminder on, the statement of account as of the sending day.
            var (copyTo, hidden, statement) = await db.ReadAsync(async s =>
            {
                var client = await s.Clients.GetAsync(message.OwnerId, message.ClientId).ConfigureAwait(false);
                var settings = await s.Settings.GetAsync(message.OwnerId).ConfigureAwait(false);
                var draft = await s.Drafts.GetAsync(message.OwnerId, message.DraftId).ConfigureAwait(false);
                Conversation.ReplyAttachment? pdf = null;
                if (client is not null && draft is not null && AttachesStatement(draft.Step))
                {
                    var invoices = await s.Invoices.ForClientAsync(message.OwnerId, client.Id).ConfigureAwait(false);
                    var payments = await s.Payments.ForClientAsync(message.OwnerId, client.Id).ConfigureAwait(false);
                    pdf = Documents.Statements.Build(settings, client, invoices, payments, day) is { } st
                        ? new Conversation.ReplyAttachment(Documents.Statements.FileName(client, day), "application/pdf", st.Pdf)
                        : null;
                }

                return client?.CopyEmail is { Length: > 0 } own ? (own, client.CopyHidden, pdf) : (settings.CopyEmail, settings.CopyHidden, pdf);
            }, ct).ConfigureAwait(false);
            result = await Sender.SendAsync(new EmailMessage(message.ToAddress!, message.Subject, message.Body)
            {
                Cc = hidden ? null : copyTo,
                Bcc = hidden ? copyTo : null,
                Attachments = statement is null ? [] : [statement],
            }, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            result = new SendResult(SendOutcome.Transient, ex.GetType().Name);
        }

        var attempts = message.Attempts + 1;
        LogAttempt(_logger, message.Id, attempts, result.Outcome);
        return await db.WriteAsync(async s =>
        {
            var client = await s.Clients.GetAsync(owner.Id, message.ClientId).ConfigureAwait(false);
            var name = client?.Name;
            switch (result.Outcome)
            {
                case SendOutcome.Sent:
                    await s.Outbox.SetStatusAsync(message.Id, OutboxStatuses.Sending, OutboxStatuses.Sent, now).ConfigureAwait(false);
                    await Drafting.RecordSentAsync(s, owner.Id, message, DraftStatuses.Approved, day, "system", now).ConfigureAwait(false);
                    return new Dispatched(message.Id, owner.Id, DispatchOutcome.Sent);
                case SendOutcome.Transient when attempts < options.MaxAttempts:
                    var retry = now + options.RetryDelay * Math.Pow(2, attempts - 1);
                    await s.Outbox.SetStatusAsync(message.Id, OutboxStatuses.Sending, OutboxStatuses.Queued, now, result.Error, retry, clearDay: true).ConfigureAwait(false);
                    await s.Events.AppendAsync(owner.Id, "system", "send_retry", "outbox", message.Id, new { Attempt = attempts, result.Error }, now).ConfigureAwait(false);
                    return new Dispatched(message.Id, owner.Id, DispatchOutcome.Retry, retry, result.Error);
                default:
                    await s.Outbox.SetStatusAsync(message.Id, OutboxStatuses.Sending, OutboxStatuses.Failed, now, result.Error, clearDay: true).ConfigureAwait(false);
                    await s.Drafts.TransitionAsync(owner.Id, message.DraftId, DraftStatuses.Approved, DraftStatuses.Failed, "system", now, new { result.Error }).ConfigureAwait(false);
                    await s.Notices.AddAsync(owner.Id, Say.Pick(owner.Language,
                        $"❌ La relance à {Markup.Bold(name)} ({Markup.Escape(message.ToAddress)}) n'a pas pu être envoyée : {Markup.Escape(result.Error)}. Vérifiez l'adresse (« l'email de {Markup.Escape(name)} est … ») puis relancez à nouveau.",
                        $"❌ The reminder to {Markup.Bold(name)} ({Markup.Escape(message.ToAddress)}) could not be sent: {Markup.Escape(result.Error)}. Check the address (\"the email of {Markup.Escape(name)} is …\") and draft it again."), now).ConfigureAwait(false);
                    return new Dispatched(message.Id, owner.Id, DispatchOutcome.Failed, null, result.Error);
            }
        }, ct).ConfigureAwait(false);
    }

    private async Task<Dispatched> PostponeAsync(OutboxMessage message, DateTimeOffset until, DateTimeOffset now, CancellationToken ct)
    {
        await db.WriteAsync(s => s.Outbox.SetStatusAsync(message.Id, OutboxStatuses.Queued, OutboxStatuses.Queued, now, notBefore: until), ct).ConfigureAwait(false);
        return new Dispatched(message.Id, message.OwnerId, DispatchOutcome.Postponed, until);
    }

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Outbox message {OutboxId}: attempt {Attempt} -> {Outcome}")]
    private static partial void LogAttempt(ILogger logger, long outboxId, int attempt, SendOutcome outcome);
}
