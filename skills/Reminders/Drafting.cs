using System.Globalization;
using System.Text;
using System.Text.Json;
using Recouvrement.Data;
using Recouvrement.Skills.Clients;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Fees;

namespace Recouvrement.Skills.Reminders;

/// <summary>
/// draft_reminder and what follows: the draft shown with Approve / Edit / Reject, approval into the outbox,
/// the replacement text, the printable letter, and the owner's own sending when there is no email or no SMTP.
/// Button payloads name the draft or outbox row, so a press on an old message still works while the draft waits,
/// and a second press is told it is already done.
/// </summary>
public static class Drafting
{

    /// <summary>Longest replacement text accepted for a draft (a letter is longer than a chat message).</summary>
    public const int MaxBodyLength = 8000;

    public static string StepLabel(string step, string lang) => (step, lang) switch
    {
        (ReminderOptions.Courtesy, "en") => "Courtesy heads-up",
        (ReminderOptions.Courtesy, _) => "Rappel courtois avant échéance",
        (ReminderOptions.Friendly, "en") => "Friendly reminder",
        (ReminderOptions.Friendly, _) => "Relance amicale",
        (ReminderOptions.Firm, "en") => "Firm reminder",
        (ReminderOptions.Firm, _) => "Relance ferme",
        (ReminderOptions.FormalNotice, "en") => "Formal notice",
        (ReminderOptions.FormalNotice, _) => "Mise en demeure",
        (ReminderOptions.FinalNotice, "en") => "Final notice before legal action",
        (ReminderOptions.FinalNotice, _) => "Dernier avis avant action en justice",
        (Plans.PlanChat.AgreementStep, "en") => "Payment plan agreement",
        (Plans.PlanChat.AgreementStep, _) => "Accord d'échéancier",
        (Plans.PlanChat.InstalmentStep, "en") => "Plan instalment heads-up",
        (Plans.PlanChat.InstalmentStep, _) => "Rappel d'échéance du plan",
        _ => step,
    };

    public static async Task<Outcome> DraftAsync(TurnContext ctx, string? clientName, string? invoiceNumber, string? step)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (clientName is null && invoiceNumber is not null)
        {
            var invoice = await ctx.Db.ReadAsync(s => s.Invoices.FindByNumberAsync(ctx.Owner.Id, invoiceNumber), ctx.Ct).ConfigureAwait(false);
            if (invoice is null)
                return Outcome.Say(ctx.T($"Je ne trouve pas de facture n° {Markup.Bold(invoiceNumber)}.", $"I can't find invoice no. {Markup.Bold(invoiceNumber)}."));
            clientName = invoice.ClientName;
        }

        var (client, problem) = await ClientLookup.FindAsync(ctx, clientName, "Qui voulez-vous relancer ? Ex. « relance Dupont SARL ».", "Who should I remind? E.g. \"remind Acme Ltd\".").ConfigureAwait(false);
        if (client is null)
            return problem!;

        var existing = await ctx.Db.ReadAsync(s => s.Drafts.PendingForClientAsync(ctx.Owner.Id, client.Id), ctx.Ct).ConfigureAwait(false);
        if (existing is not null && (step is null || step == existing.Step))
        {
            var again = await ShowAsync(ctx, existing, [], ctx.T("Un brouillon attend déjà votre validation pour ce client :", "A draft for this client is already waiting for your approval:")).ConfigureAwait(false);
            return again;
        }

        var result = await ctx.Db.WriteAsync(async s =>
        {
            var composition = await ctx.Reminders.Composer.ComposeAsync(s, ctx.Owner, client, ctx.Lang, ctx.Today, step, TurnContext.Actor, ctx.Ct).ConfigureAwait(false);
            if (composition.Draft is null)
                return (composition, (Draft?)null);
            // A newer draft replaces one still waiting for the same client: one draft per client.
            await s.Drafts.ObsoleteForClientAsync(ctx.Owner.Id, client.Id, TurnContext.Actor, ctx.Now, "replaced").ConfigureAwait(false);
            var saved = await s.Drafts.InsertAsync(composition.Draft, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
            return (composition, saved);
        }, ctx.Ct).ConfigureAwait(false);

        var (comp, draft) = result;
        if (draft is null)
        {
            if (comp.Reason == NoDraftReason.Proceedings)
                return Outcome.Say(Proceedings.Advice(ctx, client));
            if (comp.Reason == NoDraftReason.Plan)
            {
                return Outcome.Say(ctx.T(
                    $"Un plan de paiement est en cours pour {Markup.Bold(client.Name)} : pas de relance tant qu'il est respecté (« où en est le plan de {Markup.Escape(client.Name)} ? »).",
                    $"A payment plan is running for {Markup.Bold(client.Name)}: no reminder while it is honoured (\"plan status {Markup.Escape(client.Name)}\")."));
            }

            return comp.Reason == NoDraftReason.Paused
                ? Outcome.Say(ctx.T(
                    $"Les relances de {Markup.Bold(client.Name)} sont en pause jusqu'au {ctx.Date(client.PausedUntil!.Value)} inclus (promesse de paiement). Rien n'a été préparé.",
                    $"Reminders to {Markup.Bold(client.Name)} are paused until {ctx.Date(client.PausedUntil!.Value)} inclusive (promise to pay). Nothing was drafted."))
                : Outcome.Say(ctx.T(
                    $"Rien à relancer pour {Markup.Bold(client.Name)} : aucune facture en retard ni proche de l'échéance (les factures contestées sont exclues).",
                    $"Nothing to chase for {Markup.Bold(client.Name)}: no invoice overdue or about to fall due (disputed invoices are left out)."));
        }

        return await ShowAsync(ctx, draft with { ClientName = client.Name }, comp.OwnerWarnings, null, comp.Fees).ConfigureAwait(false);
    }

    /// <summary>The draft as the owner sees it, with its buttons.</summary>
    public static async Task<Outcome> ShowAsync(TurnContext ctx, Draft draft, IReadOnlyList<string> warnings, string? lead = null, FeeResult? fees = null)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(draft);
        var reply = await RenderAsync(ctx, draft, warnings, lead, fees).ConfigureAwait(false);
        return Outcome.Many([reply], StateFor([reply]));
    }

    public static async Task<Reply> RenderAsync(TurnContext ctx, Draft draft, IReadOnlyList<string> warnings, string? lead = null, FeeResult? fees = null)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(draft);
        var client = await ctx.Db.ReadAsync(s => s.Clients.GetAsync(ctx.Owner.Id, draft.ClientId), ctx.Ct).ConfigureAwait(false);
        var sb = new StringBuilder();
        if (lead is not null)
            sb.Append(lead).Append('\n');
        var to = !string.IsNullOrWhiteSpace(client?.Email)
            ? (ctx.Reminders.Dispatcher.Sender.IsConfigured ? $"→ {Markup.Escape(client.Email)}" : ctx.T($"→ {Markup.Escape(client.Email)} (pas de serveur d'envoi configuré : vous l'enverrez vous-même)", $"→ {Markup.Escape(client.Email)} (no mail server configured: you will send it yourself)"))
            : ctx.T("→ pas d'email enregistré : vous l'enverrez vous-même", "→ no email on file: you will send it yourself");
        sb.Append("✉️ ").Append(Markup.Bold(StepLabel(draft.Step, ctx.Lang))).Append(ctx.T(" pour ", " for ")).Append(Markup.Bold(draft.ClientName ?? client?.Name)).Append(' ').Append(to).Append('\n');
        sb.Append(ctx.T("Montant dû : ", "Amount due: ")).Append(Markup.Bold(ctx.Money(draft.AmountCents, draft.Currency)));
        if (fees is not null && fees.InterestCents + fees.IndemnityCents > 0)
            sb.Append(ctx.T($" · pénalités à ce jour {ctx.Money(fees.InterestCents, fees.Currency)} + indemnités {ctx.Money(fees.IndemnityCents, "EUR")}", $" · penalties to date {ctx.Money(fees.InterestCents, fees.Currency)} + indemnities {ctx.Money(fees.IndemnityCents, "EUR")}"));
        sb.Append('\n');
        foreach (var w in warnings)
            sb.Append("⚠️ ").Append(w).Append('\n');
        if (!string.IsNullOrWhiteSpace(client?.Email) && ctx.Reminders.Dispatcher.AttachesStatement(draft.Step))
            sb.Append(ctx.T("📎 Le relevé de compte, à la date d'envoi, sera joint en PDF.", "📎 The statement of account, as of the sending day, will be attached as a PDF.")).Append('\n');
        sb.Append("―――――\n").Append(ctx.T("Objet : ", "Subject: ")).Append(Markup.Escape(draft.Subject)).Append("\n\n").Append(draft.Body).Append("\n―――――");
        var id = draft.Id.ToString(CultureInfo.InvariantCulture);
        var buttons = new List<ReplyButton>
        {
            new(ctx.T("✅ Approuver", "✅ Approve"), $"d:a:{id}"),
            new(ctx.T("✏️ Modifier", "✏️ Edit"), $"d:e:{id}"),
            new(ctx.T("🗑️ Rejeter", "🗑️ Reject"), $"d:r:{id}"),
        };
        if (draft.Step == ReminderOptions.FormalNotice)
            buttons.Add(new(ctx.T("📄 Lettre recommandée", "📄 Registered letter"), $"d:l:{id}"));
        if (draft.Step == Plans.PlanChat.AgreementStep)
            buttons.Add(new(ctx.T("📄 Accord à signer", "📄 Agreement to sign"), $"d:l:{id}"));
        return new Reply(sb.ToString(), buttons);
    }

    /// <summary>Buttons of several replies, kept in order so a terminal user can answer with their number.</summary>
    public static DialogState StateFor(IEnumerable<Reply> replies) => new()
    {
        Awaiting = Slot.Choice,
        Choices = [.. replies.SelectMany(r => r.Buttons).Select(b => new Choice(b.Payload, b.Label, "global"))],
    };

    /// <summary>Draft (d:*) and outbox (o:*) buttons carry their row id and are checked against the pressing owner.</summary>
    public static bool IsGlobalPayload(string payload) =>
        payload is not null && (payload.StartsWith("d:", StringComparison.Ordinal) || payload.StartsWith("o:", StringComparison.Ordinal));

    /// <summary>Handles a draft (d:*) or outbox (o:*) button.</summary>
    public static Task<Outcome> PressAsync(TurnContext ctx, string payload)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(payload);
        var parts = payload.Split(':');
        if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var id))
            return Task.FromResult(Outcome.Say(ctx.T("Ce bouton n'est plus valable.", "That button is no longer valid.")));
        return (parts[0], parts[1]) switch
        {
            ("d", "a") => ApproveAsync(ctx, id),
            ("d", "e") => StartEditAsync(ctx, id),
            ("d", "r") => RejectAsync(ctx, id),
            ("d", "l") => LetterAsync(ctx, id),
            ("o", "m") => ConfirmManualAsync(ctx, id),
            ("o", "s") => ResendAsync(ctx, id),
            ("o", "d") => ConfirmDeliveredAsync(ctx, id),
            _ => Task.FromResult(Outcome.Say(ctx.T("Ce bouton n'est plus valable.", "That button is no longer valid."))),
        };
    }

    private static string AlreadyDone(TurnContext ctx, string status) => status switch
    {
        DraftStatuses.Approved or DraftStatuses.Sent => ctx.T("Ce brouillon est déjà approuvé : rien n'a été envoyé une seconde fois.", "This draft is already approved: nothing was sent a second time."),
        DraftStatuses.Manual => ctx.T("Ce brouillon est déjà approuvé ; il attend que vous l'envoyiez.", "This draft is already approved; it is waiting for you to send it."),
        DraftStatuses.Rejected => ctx.T("Ce brouillon a été rejeté.", "This draft was rejected."),
        DraftStatuses.Obsolete => ctx.T("Ce brouillon n'est plus d'actualité (paiement, litige, promesse ou nouveau brouillon).", "This draft is out of date (payment, dispute, promise or a newer draft)."),
        _ => ctx.T("Ce brouillon n'est plus en attente.", "This draft is no longer pending."),
    };

    public static async Task<Outcome> ApproveAsync(TurnContext ctx, long draftId)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var now = ctx.Now;
        var sender = ctx.Reminders.Dispatcher.Sender;
        var plan = await EnqueueAsync(ctx.Db, ctx.Reminders, ctx.Owner, draftId, now, TurnContext.Actor, ctx.Ct).ConfigureAwait(false);
        switch (plan.Kind)
        {
            case ApprovalKind.Missing:
                return Outcome.Say(ctx.T("Je ne trouve pas ce brouillon.", "I can't find that draft."));
            case ApprovalKind.Done:
                return Outcome.Say(AlreadyDone(ctx, plan.Draft!.Status));
            case ApprovalKind.Obsolete:
                return Outcome.Say(ctx.T(
                    $"{Markup.Bold(plan.Client?.Name)} ne doit plus rien sur ces factures (ou les relances sont en pause) : le brouillon est retiré, rien n'a été envoyé.",
                    $"{Markup.Bold(plan.Client?.Name)} no longer owes anything on these invoices (or reminders are paused): the draft is withdrawn, nothing was sent."));
            case ApprovalKind.Manual:
                var text = ctx.T(
                    $"✅ Approuvé. {(sender.IsConfigured ? "Pas d'adresse email pour ce client" : "Aucun serveur d'envoi n'est configuré")} : voici le texte final à envoyer vous-même à {Markup.Bold(plan.Client?.Name)}, puis dites-moi quand c'est fait.\n―――――\nObjet : {Markup.Escape(plan.Draft!.Subject)}\n\n{plan.Draft.Body}\n―――――",
                    $"✅ Approved. {(sender.IsConfigured ? "No email address for this client" : "No mail server is configured")}: here is the final text to send to {Markup.Bold(plan.Client?.Name)} yourself; tell me when it is done.\n―――――\nSubject: {Markup.Escape(plan.Draft!.Subject)}\n\n{plan.Draft.Body}\n―――――");
                var reply = new Reply(text, [new ReplyButton(ctx.T("📨 C'est envoyé", "📨 It's sent"), $"o:m:{plan.OutboxId.ToString(CultureInfo.InvariantCulture)}")]);
                return Outcome.Many([reply], StateFor([reply]));
        }

        var result = plan.NotBefore > now
            ? new Dispatched(plan.OutboxId, ctx.Owner.Id, DispatchOutcome.Postponed, plan.NotBefore)
            : (await ctx.Reminders.Dispatcher.RunOnceAsync(now, ctx.Ct, plan.OutboxId).ConfigureAwait(false)).FirstOrDefault();
        var to = Markup.Escape(plan.Client?.Email);
        return Outcome.Say(result?.Outcome switch
        {
            DispatchOutcome.Sent => ctx.T($"✅ Approuvé et envoyé à {to}.", $"✅ Approved and sent to {to}."),
            DispatchOutcome.Retry => ctx.T($"✅ Approuvé. Le serveur d'envoi ne répond pas ; nouvel essai {Time(ctx, result.NextTry!.Value)}.", $"✅ Approved. The mail server is not answering; next try {Time(ctx, result.NextTry!.Value)}."),
            DispatchOutcome.Failed => ctx.T($"❌ Approuvé, mais l'envoi à {to} a échoué : {Markup.Escape(result.Error)}.", $"❌ Approved, but sending to {to} failed: {Markup.Escape(result.Error)}."),
            DispatchOutcome.Postponed => ctx.T(
                $"✅ Approuvé. Il partira {Time(ctx, result.NextTry!.Value)} (pas d'envoi le week-end, ni plus d'un message par jour au même client).",
                $"✅ Approved. It will go out {Time(ctx, result.NextTry!.Value)} (no sending at weekends, nor more than one message a day to the same client)."),
            _ => ctx.T("✅ Approuvé : il partira au prochain passage d'envoi.", "✅ Approved: it will go out at the next sending pass."),
        });
    }

    public enum ApprovalKind
    {
        Missing,

        /// <summary>Already approved, rejected or sent.</summary>
        Done,

        /// <summary>Nothing is due any more (paid, or the client paused): the draft is withdrawn.</summary>
        Obsolete,

        /// <summary>Queued for email.</summary>
        Mail,

        /// <summary>No email or no SMTP: the owner sends it.</summary>
        Manual,
    }

    public sealed record ApprovalPlan(ApprovalKind Kind, Draft? Draft, long OutboxId, Client? Client, DateTimeOffset NotBefore = default);

    /// <summary>
    /// Approval without the conversation (the owner's button, or a step the owner opted into auto-send): the draft
    /// moves to approved and its message into the outbox, in one transaction. Kind: missing, done, obsolete, mail, manual.
    /// </summary>
    public static async Task<ApprovalPlan> EnqueueAsync(Database db, ReminderKit kit, Owner owner, long draftId, DateTimeOffset now, string actor, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(kit);
        ArgumentNullException.ThrowIfNull(owner);
        var today = BusinessClock.Today(owner, now);
        var sender = kit.Dispatcher.Sender;
        return await db.WriteAsync(async s =>
        {
            var draft = await s.Drafts.GetAsync(owner.Id, draftId).ConfigureAwait(false);
            if (draft is null)
                return new ApprovalPlan(ApprovalKind.Missing, null, 0, null);
            if (draft.Status != DraftStatuses.Pending)
                return new ApprovalPlan(ApprovalKind.Done, draft, 0, null);
            var client = await s.Clients.GetAsync(owner.Id, draft.ClientId).ConfigureAwait(false);
            var ids = JsonSerializer.Deserialize<long[]>(draft.InvoiceIds) ?? [];
            var still = (await s.Invoices.ByIdsAsync(owner.Id, ids).ConfigureAwait(false)).Where(i => i.Status == InvoiceStatuses.Open && i.BalanceCents > 0).ToList();
            if (still.Count == 0 || (client?.PausedUntil is { } until && until >= today))
            {
                await s.Drafts.TransitionAsync(owner.Id, draftId, DraftStatuses.Pending, DraftStatuses.Obsolete, actor, now, new { Reason = "nothing due" }).ConfigureAwait(false);
                return new ApprovalPlan(ApprovalKind.Obsolete, draft, 0, client);
            }

            var byMail = sender.IsConfigured && !string.IsNullOrWhiteSpace(client?.Email);
            var notBefore = BusinessClock.NextSendTime(owner, now, kit.Options.SendHour);

            // Dates and figures are those of the day it leaves, not of the day it was drafted: re-rendered unless the
            // owner wrote the text; withdrawn when nothing is due any more at that step (a heads-up whose invoice fell due).
            if (!draft.Edited && client is not null && !IsPlanStep(draft.Step))
            {
                var sendDay = BusinessClock.Today(owner, notBefore);
                var fresh = await kit.Composer.ComposeAsync(s, owner, client, draft.Language, sendDay, draft.Step, actor, ct).ConfigureAwait(false);
                if (fresh.Draft is not { } now2)
                {
                    await s.Drafts.TransitionAsync(owner.Id, draftId, DraftStatuses.Pending, DraftStatuses.Obsolete, actor, now, new { Reason = fresh.Reason?.ToString() ?? "nothing due" }).ConfigureAwait(false);
                    return new ApprovalPlan(ApprovalKind.Obsolete, draft, 0, client);
                }

                if (now2.Body != draft.Body || now2.Subject != draft.Subject || now2.InvoiceIds != draft.InvoiceIds)
                {
                    await s.Drafts.RefreshAsync(owner.Id, draftId, now2.Subject, now2.Body, now2.InvoiceIds, now2.AmountCents, actor, now).ConfigureAwait(false);
                    draft = draft with { Subject = now2.Subject, Body = now2.Body, InvoiceIds = now2.InvoiceIds, AmountCents = now2.AmountCents };
                }
            }

            await s.Drafts.TransitionAsync(owner.Id, draftId, DraftStatuses.Pending, byMail ? DraftStatuses.Approved : DraftStatuses.Manual, actor, now).ConfigureAwait(false);
            var outboxId = await s.Outbox.InsertAsync(new OutboxMessage
            {
                OwnerId = owner.Id,
                DraftId = draftId,
                ClientId = draft.ClientId,
                ToAddress = client?.Email,
                Subject = draft.Subject,
                Body = draft.Body,
                Status = byMail ? OutboxStatuses.Queued : OutboxStatuses.Manual,
                NotBefore = notBefore,
            }, now).ConfigureAwait(false);
            return new ApprovalPlan(byMail ? ApprovalKind.Mail : ApprovalKind.Manual, draft, outboxId, client, notBefore);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Plan agreements and instalment heads-ups are written from the plan, not from the ladder.</summary>
    internal static bool IsPlanStep(string step) => step is Plans.PlanChat.AgreementStep or Plans.PlanChat.InstalmentStep;

    private static string Time(TurnContext ctx, DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, BusinessClock.Zone(ctx.Owner));
        var day = DateOnly.FromDateTime(local.DateTime);
        var hour = local.ToString("HH:mm", CultureInfo.InvariantCulture);
        return day == ctx.Today
            ? ctx.T($"aujourd'hui à {hour}", $"today at {hour}")
            : ctx.T($"le {local.ToString("dddd dd/MM", Format.Culture("fr"))} à {hour}", $"on {local.ToString("dddd d MMM", Format.Culture("en"))} at {hour}");
    }

    public static async Task<Outcome> StartEditAsync(TurnContext ctx, long draftId)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var draft = await ctx.Db.ReadAsync(s => s.Drafts.GetAsync(ctx.Owner.Id, draftId), ctx.Ct).ConfigureAwait(false);
        if (draft is null)
            return Outcome.Say(ctx.T("Je ne trouve pas ce brouillon.", "I can't find that draft."));
        if (draft.Status != DraftStatuses.Pending)
            return Outcome.Say(ctx.T("Ce brouillon n'est plus modifiable : ", "This draft can no longer be edited: ") + AlreadyDone(ctx, draft.Status));
        return Outcome.Say(
            ctx.T("✏️ Envoyez le nouveau texte du message : il remplacera tout le corps du brouillon (l'objet reste). « annule » pour garder l'actuel.",
                "✏️ Send the new text of the message: it replaces the whole body of the draft (the subject stays). \"cancel\" keeps the current one."),
            new DialogState { Entry = new DraftEdit(draftId), Awaiting = Slot.DraftText });
    }

    public static async Task<Outcome> SubmitEditAsync(TurnContext ctx, long draftId, string text)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(text);
        var state = new DialogState { Entry = new DraftEdit(draftId), Awaiting = Slot.DraftText };
        if (string.IsNullOrWhiteSpace(text))
            return Outcome.Say(ctx.T("Le nouveau texte est vide : le brouillon n'a pas changé. Envoyez le texte, ou « annule ».", "The new text is empty: the draft is unchanged. Send the text, or \"cancel\"."), state);
        if (text.Length > MaxBodyLength)
            return Outcome.Say(ctx.T($"Ce texte est trop long ({MaxBodyLength} caractères au plus) : le brouillon n'a pas changé.", $"That text is too long (at most {MaxBodyLength} characters): the draft is unchanged."), state);
        var edited = await ctx.Db.WriteAsync(s => s.Drafts.EditAsync(ctx.Owner.Id, draftId, Markup.Escape(text.Trim()), TurnContext.Actor, ctx.Now), ctx.Ct).ConfigureAwait(false);
        var draft = await ctx.Db.ReadAsync(s => s.Drafts.GetAsync(ctx.Owner.Id, draftId), ctx.Ct).ConfigureAwait(false);
        if (!edited || draft is null)
            return Outcome.Say(ctx.T("Ce brouillon n'est plus modifiable : ", "This draft can no longer be edited: ") + AlreadyDone(ctx, draft?.Status ?? string.Empty));
        return await ShowAsync(ctx, draft, [], ctx.T("Brouillon modifié :", "Draft edited:")).ConfigureAwait(false);
    }

    public static async Task<Outcome> RejectAsync(TurnContext ctx, long draftId)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var done = await ctx.Db.WriteAsync(s => s.Drafts.TransitionAsync(ctx.Owner.Id, draftId, DraftStatuses.Pending, DraftStatuses.Rejected, TurnContext.Actor, ctx.Now), ctx.Ct).ConfigureAwait(false);
        if (done)
            return Outcome.Say(ctx.T("🗑️ Brouillon rejeté : rien n'a été envoyé.", "🗑️ Draft rejected: nothing was sent."));
        var draft = await ctx.Db.ReadAsync(s => s.Drafts.GetAsync(ctx.Owner.Id, draftId), ctx.Ct).ConfigureAwait(false);
        return Outcome.Say(draft is null ? ctx.T("Je ne trouve pas ce brouillon.", "I can't find that draft.") : AlreadyDone(ctx, draft.Status));
    }

    public static async Task<Outcome> LetterAsync(TurnContext ctx, long draftId)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var letter = await ctx.Db.ReadAsync<(string Text, Client Client, OwnerSettings Settings, DateOnly Day, string Lang, bool IsPlan)?>(async s =>
        {
            var draft = await s.Drafts.GetAsync(ctx.Owner.Id, draftId).ConfigureAwait(false);
            if (draft is null)
                return null;
            var client = await s.Clients.GetAsync(ctx.Owner.Id, draft.ClientId).ConfigureAwait(false);
            var settings = await s.Settings.GetAsync(ctx.Owner.Id).ConfigureAwait(false);
            var invoices = await s.Invoices.ByIdsAsync(ctx.Owner.Id, JsonSerializer.Deserialize<long[]>(draft.InvoiceIds) ?? []).ConfigureAwait(false);
            if (draft.Step == Plans.PlanChat.AgreementStep && await s.Plans.LatestForClientAsync(ctx.Owner.Id, draft.ClientId).ConfigureAwait(false) is { } plan)
            {
                var schedule = (await s.Plans.InstalmentsAsync(ctx.Owner.Id, plan.Id).ConfigureAwait(false)).Select(i => new Plans.Instalment(i.Seq, i.DueDate, i.AmountCents)).ToList();
                var (_, text) = await ctx.Reminders.Composer.PlanAgreementAsync(s, ctx.Owner, client!, invoices, schedule, draft.Language, ctx.Today, letter: true, ctx.Ct).ConfigureAwait(false);
                return (text, client!, settings, ctx.Today, draft.Language, true);
            }

            // The letter and the email of one notice carry the same date and deadline: those of the day it left.
            var day = draft.DecidedAt is { } decided && draft.Status != DraftStatuses.Pending ? BusinessClock.Today(ctx.Owner, decided) : ctx.Today;
            return (await ctx.Reminders.Composer.LetterAsync(s, ctx.Owner, client!, invoices, draft.Language, day, ctx.Ct).ConfigureAwait(false), client!, settings, day, draft.Language, false);
        }, ctx.Ct).ConfigureAwait(false);
        if (letter is not { } l)
            return Outcome.Say(ctx.T("Je ne trouve pas ce brouillon.", "I can't find that draft."));
        var file = $"{(l.IsPlan ? "accord-echeancier" : "mise-en-demeure")}-{Data.TextKey.Key(l.Client.Name).Replace(' ', '-')}-{l.Day:yyyy-MM-dd}.pdf";
        var title = l.IsPlan ? Say.Pick(l.Lang, $"Accord d'échéancier — {l.Client.Name}", $"Payment plan agreement — {l.Client.Name}") : Say.Pick(l.Lang, $"Mise en demeure — {l.Client.Name}", $"Formal notice — {l.Client.Name}");
        var pdf = Documents.LetterPdf.Build(title, l.Text, l.Settings, l.Client, l.Day, l.Lang);
        var intro = l.IsPlan
            ? ctx.T($"📄 L'accord d'échéancier de {Markup.Bold(l.Client.Name)} en PDF, à imprimer et faire signer :", $"📄 The payment plan agreement for {Markup.Bold(l.Client.Name)} as a PDF, to print and have signed:")
            : ctx.T($"📄 La mise en demeure de {Markup.Bold(l.Client.Name)} en PDF, à imprimer et envoyer en recommandé avec accusé de réception :", $"📄 The formal notice for {Markup.Bold(l.Client.Name)} as a PDF, to print and send by registered mail:");
        return new Outcome([new Reply($"{intro}\n\n{l.Text}", [], new ReplyAttachment(file, "application/pdf", pdf))], null);
    }

    /// <summary>The owner sent it themselves: it counts as sent today (and as the formal notice, for that step).</summary>
    public static async Task<Outcome> ConfirmManualAsync(TurnContext ctx, long outboxId)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var done = await ctx.Db.WriteAsync(async s =>
        {
            var message = await s.Outbox.GetAsync(ctx.Owner.Id, outboxId).ConfigureAwait(false);
            if (message is null || !await s.Outbox.SetStatusAsync(outboxId, OutboxStatuses.Manual, OutboxStatuses.Sent, ctx.Now, day: ctx.Today, ownerId: ctx.Owner.Id).ConfigureAwait(false))
                return false;
            await RecordSentAsync(s, ctx.Owner.Id, message, DraftStatuses.Manual, ctx.Today, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
            return true;
        }, ctx.Ct).ConfigureAwait(false);
        return Outcome.Say(done
            ? ctx.T("📨 Noté : envoyé aujourd'hui. C'est dans l'historique.", "📨 Noted: sent today. It's in the history.")
            : ctx.T("C'est déjà noté comme envoyé.", "That is already recorded as sent."));
    }

    /// <summary>An interrupted send the owner says did arrive.</summary>
    public static async Task<Outcome> ConfirmDeliveredAsync(TurnContext ctx, long outboxId)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var done = await ctx.Db.WriteAsync(async s =>
        {
            var message = await s.Outbox.GetAsync(ctx.Owner.Id, outboxId).ConfigureAwait(false);
            if (message is null || !await s.Outbox.SetStatusAsync(outboxId, OutboxStatuses.Unknown, OutboxStatuses.Sent, ctx.Now, ownerId: ctx.Owner.Id).ConfigureAwait(false))
                return false;
            await RecordSentAsync(s, ctx.Owner.Id, message, DraftStatuses.Approved, message.SentDay ?? ctx.Today, TurnContext.Actor, ctx.Now).ConfigureAwait(false);
            return true;
        }, ctx.Ct).ConfigureAwait(false);
        return Outcome.Say(done ? ctx.T("Noté : ce message était bien parti.", "Noted: that message did go out.") : ctx.T("Ce message n'est plus en attente de décision.", "That message no longer needs a decision."));
    }

    /// <summary>An interrupted send the owner wants sent again (their call: they know it did not arrive).</summary>
    public static async Task<Outcome> ResendAsync(TurnContext ctx, long outboxId)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var done = await ctx.Db.WriteAsync(async s =>
        {
            var ok = await s.Outbox.SetStatusAsync(outboxId, OutboxStatuses.Unknown, OutboxStatuses.Queued, ctx.Now, clearDay: true, ownerId: ctx.Owner.Id).ConfigureAwait(false);
            if (ok)
                await s.Events.AppendAsync(ctx.Owner.Id, TurnContext.Actor, "send_retry_requested", "outbox", outboxId, null, ctx.Now).ConfigureAwait(false);
            return ok;
        }, ctx.Ct).ConfigureAwait(false);
        if (!done)
            return Outcome.Say(ctx.T("Ce message n'est plus en attente de décision.", "That message no longer needs a decision."));
        var result = (await ctx.Reminders.Dispatcher.RunOnceAsync(ctx.Now, ctx.Ct, outboxId).ConfigureAwait(false)).FirstOrDefault();
        return Outcome.Say(result?.Outcome == DispatchOutcome.Sent
            ? ctx.T("🔁 Renvoyé.", "🔁 Sent again.")
            : ctx.T("🔁 Remis dans la file d'envoi.", "🔁 Back in the sending queue."));
    }

    /// <summary>What every "sent" shares: the draft closed as sent, and a formal notice dated for interest.</summary>
    internal static async Task RecordSentAsync(Session s, long ownerId, OutboxMessage message, string draftFrom, DateOnly day, string actor, DateTimeOffset now)
    {
        await s.Drafts.TransitionAsync(ownerId, message.DraftId, draftFrom, DraftStatuses.Sent, actor, now, new { message.ToAddress }).ConfigureAwait(false);
        var draft = await s.Drafts.GetAsync(ownerId, message.DraftId).ConfigureAwait(false);
        if (draft?.Step == ReminderOptions.FormalNotice)
            await s.Clients.SetAsync(ownerId, message.ClientId, "formal_notice_on", day, actor, now).ConfigureAwait(false);
    }
}
