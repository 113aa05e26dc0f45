using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Recouvrement.Data;
using Recouvrement.Skills.Invoices;
using Recouvrement.Skills.Plans;
using Recouvrement.Skills.Reminders;
using Recouvrement.Skills.Scheduling;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Conversation;

/// <summary>
/// The channel-neutral conversation: (owner, text or button payload, now) -> replies. Every adapter makes this one call.
/// It never throws at a channel: a failure becomes a short apology, and since each write is one transaction,
/// nothing is half-saved.
/// </summary>
public sealed partial class TurnEngine(Database db, Recognizer recognizer, ReminderKit? reminders = null, ILogger<TurnEngine>? logger = null, Reputation.RegistryKit? registry = null, Assistant.LlmAssistant? assistant = null)
{
    private readonly ReminderKit _reminders = reminders ?? ReminderKit.Default(db);

    /// <summary>Longer messages are refused whole rather than half-read.</summary>
    public const int MaxMessageLength = Recognizer.MaxLength;

    private readonly ILogger _logger = logger ?? NullLogger<TurnEngine>.Instance;

    public async Task<IReadOnlyList<Reply>> HandleAsync(Turn turn, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        try
        {
            return await HandleCoreAsync(turn, ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            throw;
        }
        catch (ConcurrentChangeException)
        {
            return [new Reply(Say.Pick(LanguageOf(turn.Text) ?? "fr",
                "Les factures ont changé pendant l'enregistrement : rien n'a été modifié. Réessayez.",
                "The invoices changed while saving: nothing was modified. Please try again."))];
        }
        catch (Exception ex)
        {
            // The owner gets an apology, the log gets the details; never a stack trace in a chat.
            LogTurnFailed(_logger, ex, turn.Owner.Channel);
            return [new Reply(Say.Pick(LanguageOf(turn.Text) ?? "fr",
                "Désolé, un incident technique m'a empêché de répondre. Rien n'a été modifié ; réessayez dans un instant.",
                "Sorry, a technical problem stopped me from answering. Nothing was changed; please try again in a moment."))];
        }
    }

    /// <summary>Never throws: the apology path uses it too, and must not fail on the text that made the turn fail.</summary>
    private static string? LanguageOf(string? text)
    {
        try
        {
            return string.IsNullOrEmpty(text) || text.Length > MaxMessageLength ? null : Language.Detect(new FoldedText(text).Folded);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private async Task<IReadOnlyList<Reply>> HandleCoreAsync(Turn turn, CancellationToken ct)
    {
        var owner = await db.ReadAsync(s => s.Owners.FindAsync(turn.Owner.Channel, turn.Owner.ExternalId), ct).ConfigureAwait(false)
            ?? await db.WriteAsync(s => s.Owners.GetOrCreateAsync(new Owner
            {
                Channel = turn.Owner.Channel,
                ExternalId = turn.Owner.ExternalId,
                Name = turn.Owner.DisplayName,
                Language = LanguageOf(turn.Text) ?? "fr",
            }, turn.Now), ct).ConfigureAwait(false);

        var text = SafeText.Clean(turn.Text).Trim();
        var detected = text.Length is > 0 and <= MaxMessageLength ? LanguageOf(text) : null;
        var lang = detected ?? owner.Language;
        if (detected is not null && detected != owner.Language)
            await db.WriteAsync(s => s.Owners.SetLanguageAsync(owner.Id, detected), ct).ConfigureAwait(false);

        var ctx = new TurnContext(db, owner, lang, TodayFor(owner, turn.Now), turn.Now, ct, _reminders);
        var state = DialogState.FromJson(await db.ReadAsync(s => s.Conversations.GetAsync(owner.Id, turn.ConversationKey), ct).ConfigureAwait(false));

        if (turn.Payload is null && text.Length == 0)
            return [new Reply(ctx.T("Votre message est vide. Tapez « aide » pour voir ce que je sais faire.", "Your message is empty. Type \"help\" to see what I can do."))];
        // A draft's replacement text may be a whole letter; anything else is one request.
        var limit = state?.Awaiting == "draft_text" ? Drafting.MaxBodyLength : MaxMessageLength;
        if (text.Length > limit)
        {
            return [new Reply(ctx.T(
                $"Ce message est trop long ({text.Length.ToString("#,0", Format.Culture("fr")).Replace('\u202F', '\u00A0')} caractères, {limit} au plus) : je ne l'ai pas lu. Envoyez une demande à la fois.",
                $"That message is too long ({text.Length.ToString("#,0", Format.Culture("en"))} characters, at most {limit}): I did not read it. Send one request at a time."))];
        }

        var outcome = await DecideAsync(ctx, state, text, turn.Payload).ConfigureAwait(false);

        // Things that happened meanwhile (a send that failed, an interrupted send) come first.
        var notices = await db.WriteAsync(async s =>
        {
            if (outcome.State is not null)
                await s.Conversations.SaveAsync(owner.Id, turn.ConversationKey, outcome.State.ToJson(), turn.Now).ConfigureAwait(false);
            else if (state is not null)
                await s.Conversations.ClearAsync(owner.Id, turn.ConversationKey).ConfigureAwait(false);
            return await s.Notices.TakeAsync(owner.Id, turn.Now).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        return notices.Count == 0 ? outcome.Replies : [.. notices.Select(n => new Reply(n)), .. outcome.Replies];
    }

    private async Task<Outcome> DecideAsync(TurnContext ctx, DialogState? state, string text, string? payload)
    {
        // 1. A button, or its number typed in a terminal.
        if (payload is not null && (payload.StartsWith("d:", StringComparison.Ordinal) || payload.StartsWith("o:", StringComparison.Ordinal)))
            return await Drafting.PressAsync(ctx, payload).ConfigureAwait(false);
        if (payload is not null)
        {
            var pressed = state?.Choices.FirstOrDefault(c => c.Payload == payload);
            return pressed is null
                ? Outcome.Say(ctx.T("Ce bouton n'est plus valable (la question a changé ou est déjà réglée).", "That button is no longer valid (the question changed or was already answered)."), state)
                : await ApplyChoiceAsync(ctx, state!, pressed).ConfigureAwait(false);
        }

        if (state is { Choices.Count: > 0 } && PickByText(state.Choices, text) is { } typed)
            return await ApplyChoiceAsync(ctx, state, typed).ConfigureAwait(false);

        if (state is { Flow: Drafting.EditFlow, DraftId: { } editing })
        {
            return Language.Detect(new FoldedText(text).Folded) is not null && recognizer.Recognize(text, ctx.Today).Intent == Intents.Cancel
                ? Outcome.Say(ctx.T("D'accord : le brouillon reste tel quel.", "OK: the draft stays as it was."))
                : await Drafting.SubmitEditAsync(ctx, editing, text).ConfigureAwait(false);
        }

        var r = recognizer.Recognize(text, ctx.Today);
        if (r.Intent == Intents.Cancel)
        {
            if (state?.Flow is not null)
                return Outcome.Say(ctx.T("D'accord, j'abandonne : rien n'a été enregistré.", "OK, dropped: nothing was saved."));
            // Nothing in progress: « annule ça » means the last thing written, proposed before it is undone.
            return await Corrections.Corrections.UndoLastAsync(ctx).ConfigureAwait(false);
        }

        // 2. An answer to the question asked.
        if (state?.Flow is not null && state.Awaiting is "client" or "amount" or "due_date")
        {
            var filled = await FillSlotAsync(ctx, state, text, r).ConfigureAwait(false);
            if (filled is not null)
                return filled;
        }

        // 3. With a model configured: "plus chaleureux" / "plus ferme" rewords the pending draft.
        if (assistant is { Enabled: true } && Assistant.LlmAssistant.PolishDirection(text) is { } warmer)
        {
            if (await assistant.PolishAsync(ctx, r.Entities.Client, warmer).ConfigureAwait(false) is { } polished)
                return polished;
            if (r.Intent == Intents.Unknown)
                return Assistant.LlmAssistant.NoDraftToPolish(ctx);
        }

        // 4. A new request; what the recognizer cannot classify may go to the model, which only routes or proposes.
        if (r.Intent == Intents.Unknown && assistant is { Enabled: true } && await assistant.RouteAsync(ctx, text).ConfigureAwait(false) is { } routed)
            return routed;
        var outcome = await DispatchAsync(ctx, r, text).ConfigureAwait(false);

        // 5. A question asked while an entry waits for its answer: the entry is kept, and its question asked again.
        if (outcome.State is null && state is { Flow: not null, Awaiting: "client" or "amount" or "due_date" } && IsReadOnly(r.Intent))
            return new Outcome([.. outcome.Replies, new Reply(KeptEntry(ctx, state))], state);
        // An undo button stays valid until the next write: a question in between does not expire it.
        if (outcome.State is null && state is { Flow: null, Choices.Count: > 0 } && state.Choices.All(c => c.Action is "undo_invoice" or "undo_payment" or "undo_payments") && IsReadOnly(r.Intent))
            return outcome with { State = state };
        return outcome;
    }

    private static bool IsReadOnly(string intent) => intent is Intents.WhoOwesMe or Intents.ClientStatus or Intents.DueSoon or Intents.Help
        or Intents.Greeting or Intents.ListDrafts or Intents.ReminderHistory or Intents.LateFees or Intents.IncomeReport or Intents.ListPaid
        or Intents.PlanStatus or Intents.Unknown;

    private static string KeptEntry(TurnContext ctx, DialogState state)
    {
        var what = state.Invoice is { } inv
            ? ctx.T($"la facture {Markup.Escape(inv.ClientName ?? "en cours")}", $"the invoice {Markup.Escape(inv.ClientName ?? "in progress")}")
                + (inv.AmountCents is { } c ? " " + ctx.Money(c, inv.Currency ?? "EUR") : string.Empty)
            : state.Payment is { } pay
                ? ctx.T($"le paiement {Markup.Escape(pay.ClientName ?? "en cours")}", $"the payment {Markup.Escape(pay.ClientName ?? "in progress")}")
                : ctx.T("la saisie en cours", "the entry in progress");
        var question = state.Awaiting switch
        {
            "client" => ctx.T("quel client ?", "which client?"),
            "amount" => ctx.T("quel montant ?", "what amount?"),
            _ => ctx.T("quelle échéance ?", "what due date?"),
        };
        return ctx.T($"⏸️ Je garde {what} : {question} (ou « annule »)", $"⏸️ I'm keeping {what}: {question} (or \"cancel\")");
    }

    private static Choice? PickByText(IReadOnlyList<Choice> choices, string text)
    {
        if (int.TryParse(text.Trim().TrimEnd('.', ')'), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 1 && n <= choices.Count)
            return choices[n - 1];
        // "oui" / "non" answer a yes/no question: the first button is the yes, the cancel button the no.
        var word = new FoldedText(text).Folded.Trim().TrimEnd('.', '!', ' ');
        var isYesNo = choices.Count == 2 && choices.Any(c => c.Action == "cancel");
        if (isYesNo && word is "oui" or "yes" or "ok" or "d'accord" or "vas-y" or "go" or "confirme" or "confirmer" or "confirm" or "y" or "o")
            return choices.First(c => c.Action != "cancel");
        if (isYesNo && word is "non" or "no" or "n" or "nope" or "pas du tout")
            return choices.First(c => c.Action == "cancel");
        return choices.FirstOrDefault(c => string.Equals(c.Label, text.Trim(), StringComparison.OrdinalIgnoreCase));
    }

    private async Task<Outcome> DispatchAsync(TurnContext ctx, Recognition r, string text)
    {
        var e = r.Entities;
        var withheld = r.WithheldIntent is null ? null : r.Mood switch
        {
            Mood.Question => ctx.T("ℹ️ C'est une question : je n'enregistre rien. Voici ce que j'ai :", "ℹ️ That is a question: I am not recording anything. Here is what I have:"),
            Mood.Reported => ctx.T("ℹ️ C'est ce que dit le client, pas un paiement reçu : je n'enregistre rien. Quand l'argent arrive, dites « … a payé … ». Voici ce que j'ai :", "ℹ️ That is what the client says, not a payment received: I am not recording anything. When the money arrives, say \"… paid …\". Here is what I have:"),
            Mood.Negated => ctx.T("ℹ️ Rien n'a été reçu : je n'enregistre rien. Voici ce que j'ai :", "ℹ️ Nothing was received: I am not recording anything. Here is what I have:"),
            _ => ctx.T("ℹ️ C'est une hypothèse : je n'enregistre rien. Voici ce que j'ai :", "ℹ️ That is a supposition: I am not recording anything. Here is what I have:"),
        };
        if (withheld is not null)
        {
            var answer = await DispatchAsync(ctx, r with { WithheldIntent = null }, text).ConfigureAwait(false);
            return answer with { Replies = [new Reply(withheld), .. answer.Replies] };
        }

        var prefix = r.Problems.Contains(Problem.ImpossibleDate)
            ? ctx.T($"La date « {Markup.Escape(r.InvalidDateText)} » n'existe pas.", $"The date \"{Markup.Escape(r.InvalidDateText)}\" does not exist.")
            : r.Problems.Contains(Problem.WeekdayMismatch)
                ? WeekdayMismatch(ctx, r.InvalidDateText)
            : r.Problems.Contains(Problem.UnreadableAmount)
                ? ctx.T("Je n'ai pas pu lire le montant.", "I couldn't read the amount.")
                : null;
        return r.Intent switch
        {
            Intents.LogInvoice => await LogInvoice.ContinueAsync(ctx, LogInvoice.FromEntities(e), prefix).ConfigureAwait(false),
            Intents.RecordPayment => await RecordPayment.ContinueAsync(ctx, RecordPayment.FromEntities(e, ctx.Today)).ConfigureAwait(false),
            Intents.WhoOwesMe => await WhoOwesMe.HandleAsync(ctx).ConfigureAwait(false),
            Intents.ClientStatus => await ClientStatus.HandleAsync(ctx, e.Client).ConfigureAwait(false),
            Intents.DueSoon => await DueSoon.HandleAsync(ctx).ConfigureAwait(false),
            Intents.Help => Help.Show(ctx, greeting: false),
            Intents.Greeting => Help.Show(ctx, greeting: true),
            Intents.DraftReminder => await Drafting.DraftAsync(ctx, e.Client, e.InvoiceNumber, e.Step).ConfigureAwait(false),
            Intents.ListDrafts => await Follow.ListDraftsAsync(ctx).ConfigureAwait(false),
            Intents.ReminderHistory => await Follow.HistoryAsync(ctx, e.Client).ConfigureAwait(false),
            Intents.LateFees => await Follow.LateFeesAsync(ctx, e.Client, e.InvoiceNumber).ConfigureAwait(false),
            Intents.SetClient => await ClientCare.SetClientAsync(ctx, e).ConfigureAwait(false),
            Intents.Dispute => await ClientCare.DisputeAsync(ctx, e.Client, e.InvoiceNumber, open: true).ConfigureAwait(false),
            Intents.ResolveDispute => await ClientCare.DisputeAsync(ctx, e.Client, e.InvoiceNumber, open: false).ConfigureAwait(false),
            Intents.PromiseToPay => await ClientCare.PromiseAsync(ctx, e.Client, e.Date ?? e.DueDate).ConfigureAwait(false),
            Intents.SetSettings => await ClientCare.SettingsAsync(ctx, e, text).ConfigureAwait(false),
            Intents.CheckReputation => await Reputation.ReputationCheck.CheckAsync(ctx, registry, e).ConfigureAwait(false),
            Intents.Watch => await Reputation.ReputationCheck.WatchAsync(ctx, registry, e).ConfigureAwait(false),
            Intents.AddNote => await Reputation.ReputationCheck.NoteAsync(ctx, e.Client, e.NoteText).ConfigureAwait(false),
            Intents.ProposePlan => await PlanChat.ProposeAsync(ctx, e).ConfigureAwait(false),
            Intents.PlanStatus => await PlanChat.StatusAsync(ctx, e.Client).ConfigureAwait(false),
            Intents.CancelPlan => await PlanChat.EndAsync(ctx, e.Client, keep: false).ConfigureAwait(false),
            Intents.KeepPlan => await PlanChat.EndAsync(ctx, e.Client, keep: true).ConfigureAwait(false),
            Intents.SetPlanPolicy => await PlanChat.PolicyChatAsync(ctx, e, text).ConfigureAwait(false),
            Intents.PauseReminders => await ScheduleControls.PauseAsync(ctx, e.DueDate ?? e.Date, e.Indefinite).ConfigureAwait(false),
            Intents.Resume => await ScheduleControls.ResumeAsync(ctx).ConfigureAwait(false),
            Intents.Silence => await ScheduleControls.SilenceAsync(ctx, e.DueDate ?? e.Date, e.Indefinite, WeekdayNamed(text)).ConfigureAwait(false),
            Intents.SetDigest => await ScheduleControls.DigestAsync(ctx, e.Hour, e.Weekday, e.Toggle ?? true, text).ConfigureAwait(false),
            Intents.SetTimeZone => await ScheduleControls.TimeZoneAsync(ctx, e.TimeZone).ConfigureAwait(false),
            Intents.Undo => await Corrections.Corrections.UndoAsync(ctx, e).ConfigureAwait(false),
            Intents.Correct => await Corrections.Corrections.CorrectAsync(ctx, e, text).ConfigureAwait(false),
            Intents.DeleteInvoice => await Corrections.Corrections.DeleteInvoiceAsync(ctx, e).ConfigureAwait(false),
            Intents.CreditNote => await Corrections.Corrections.CreditNoteAsync(ctx, e).ConfigureAwait(false),
            Intents.MergeClients => Corrections.Corrections.Merge(ctx),
            Intents.IncomeReport => await Reports.IncomeAsync(ctx, text).ConfigureAwait(false),
            Intents.ListPaid => await Reports.ListPaidAsync(ctx).ConfigureAwait(false),
            Intents.Export => await Reports.ExportAsync(ctx).ConfigureAwait(false),
            _ => Outcome.Say(ctx.T(
                "Je n'ai pas compris. Exemples : « facture Dupont SARL 1 200 € à 30 jours », « Dupont SARL a payé 500 € », « qui me doit ? ». Tapez « aide » pour tout voir.",
                "I didn't understand. Examples: \"invoice Acme Ltd €1,200 net 30\", \"Acme Ltd paid €500\", \"who owes me?\". Type \"help\" for more.")),
        };
    }

    private static string WeekdayMismatch(TurnContext ctx, string? text) =>
        ctx.T($"« {Markup.Escape(text)} » : le jour de la semaine ne correspond pas à la date. Je n'ai pas retenu de date.",
            $"\"{Markup.Escape(text)}\": the weekday does not match the date. I did not take a date.");

    private static bool WeekdayNamed(string text) =>
        new[] { "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday" }
            .Any(d => new FoldedText(text).Folded.Contains(d, StringComparison.Ordinal));

    /// <summary>Reads the text as the awaited value; null when it is clearly something else (a new request).</summary>
    private static async Task<Outcome?> FillSlotAsync(TurnContext ctx, DialogState state, string text, Recognition r)
    {
        var e = r.Entities;
        // A new complete request ("facture X 500 € …") starts afresh: it never inherits the pending entry's slots.
        if (r.Intent == state.Flow && state.Awaiting != "client" && e.Client is not null)
            return null;
        var freeform = r.Intent is Intents.Unknown or Intents.Greeting or Intents.ClientStatus || r.Intent == state.Flow;
        switch (state.Awaiting)
        {
            case "amount":
                decimal? amount = e.Amount ?? (Amounts.TryParseAnswer(text, ctx.Today, out var bare, out _) ? bare : null);
                if (amount is null)
                    return freeform ? Outcome.Ask(ctx.T("Je n'ai pas compris le montant. Exemple : 1 200,50 €", "I couldn't read the amount. Example: €1,200.50"), state) : null;
                var cents = Amounts.CentsOf(amount);
                return await ContinueAsync(ctx, state, inv => inv with { AmountCents = cents, Currency = inv.Currency ?? (e.CurrencyExplicit ? e.Currency : null) },
                    pay => pay with { AmountCents = cents, Currency = pay.Currency ?? (e.CurrencyExplicit ? e.Currency : null) }).ConfigureAwait(false);
            case "due_date":
                if (r.Problems.Contains(Problem.WeekdayMismatch))
                    return Outcome.Ask(WeekdayMismatch(ctx, r.InvalidDateText) + " " + ctx.T("Quelle est l'échéance ?", "When is it due?"), state);
                if (r.Problems.Contains(Problem.ImpossibleDate))
                    return Outcome.Ask(ctx.T($"La date « {Markup.Escape(r.InvalidDateText)} » n'existe pas. Quelle est l'échéance ?", $"The date \"{Markup.Escape(r.InvalidDateText)}\" does not exist. When is it due?"), state);
                var due = e.DueDate ?? e.Date;
                if (due is null)
                    return freeform ? Outcome.Ask(ctx.T("Je n'ai pas compris la date. Exemples : 15/12, à 30 jours, fin du mois.", "I couldn't read the date. Examples: 15/12, net 30, end of month."), state) : null;
                return await ContinueAsync(ctx, state, inv => inv with { DueDate = due }, pay => pay).ConfigureAwait(false);
            case "client":
                var name = e.Client ?? (freeform && e.Amount is null && text.Length <= 120 ? text.Trim().TrimEnd('?', '!', '.') : null);
                if (name is null && e.InvoiceNumber is null)
                    return freeform ? Outcome.Ask(ctx.T("Quel est le nom du client ?", "What is the client's name?"), state) : null;
                return await ContinueAsync(ctx, state,
                    inv => inv with { ClientName = name ?? inv.ClientName, AmountCents = inv.AmountCents ?? Amounts.CentsOf(e.Amount), DueDate = inv.DueDate ?? e.DueDate, Number = inv.Number ?? e.InvoiceNumber },
                    pay => pay with { ClientName = name, Number = pay.Number ?? e.InvoiceNumber, AmountCents = pay.AmountCents ?? Amounts.CentsOf(e.Amount) }).ConfigureAwait(false);
            default:
                return null;
        }
    }

    private static Task<Outcome> ContinueAsync(TurnContext ctx, DialogState state, Func<PendingInvoice, PendingInvoice> invoice, Func<PendingPayment, PendingPayment> payment) =>
        state.Flow switch
        {
            LogInvoice.Flow when state.Invoice is not null => LogInvoice.ContinueAsync(ctx, invoice(state.Invoice)),
            RecordPayment.Flow when state.Payment is not null => RecordPayment.ContinueAsync(ctx, payment(state.Payment)),
            _ => Task.FromResult(Outcome.Say(ctx.T("Je ne sais plus où nous en étions : reprenez votre demande.", "I lost track of what we were doing: please start again."))),
        };

    private async Task<Outcome> ApplyChoiceAsync(TurnContext ctx, DialogState state, Choice choice)
    {
        long Id() => long.Parse(choice.Value!, CultureInfo.InvariantCulture);
        switch (choice.Action)
        {
            case "client":
                return await ContinueAsync(ctx, state,
                    inv => inv with { ClientId = Id(), ClientName = choice.Label },
                    pay => pay with { ClientId = Id(), ClientName = choice.Label }).ConfigureAwait(false);
            case "newclient":
                return await ContinueAsync(ctx, state, inv => inv with { NewClientConfirmed = true }, pay => pay).ConfigureAwait(false);
            case "due":
                return await ContinueAsync(ctx, state, inv =>
                {
                    var from = inv.IssueDate ?? ctx.Today;
                    return inv with { DueDate = choice.Value == "eom" ? Dates.EndOfMonth(from) : from.AddDays(int.Parse(choice.Value!, CultureInfo.InvariantCulture)) };
                }, pay => pay).ConfigureAwait(false);
            case "twin_yes":
                return await ContinueAsync(ctx, state, inv => inv with { TwinConfirmed = true }, pay => pay).ConfigureAwait(false);
            case "pay_full":
                return await ContinueAsync(ctx, state, inv => inv, pay => pay with { FullBalance = true }).ConfigureAwait(false);
            case "pay_partial":
                return Outcome.Ask(ctx.T("Quel montant avez-vous reçu ?", "How much did you receive?"), state with { Awaiting = "amount", Choices = [] });
            case "pay_oldest":
                return await ContinueAsync(ctx, state, inv => inv, pay => pay with { InvoiceId = 0 }).ConfigureAwait(false);
            case "pay_invoice":
                return await ContinueAsync(ctx, state, inv => inv, pay => pay with { InvoiceId = Id() }).ConfigureAwait(false);
            case "undo_invoice":
                return await LogInvoice.UndoAsync(ctx, Id()).ConfigureAwait(false);
            case "status":
                return await ClientStatus.HandleAsync(ctx, null, Id()).ConfigureAwait(false);
            case "plan_accept" when state.Plan is not null:
                return await PlanChat.AcceptAsync(ctx, state.Plan, int.Parse(choice.Value!, CultureInfo.InvariantCulture)).ConfigureAwait(false);
            case "rep_pick":
                return await Reputation.ReputationCheck.CheckAsync(ctx, registry, new Entities { Siren = choice.Value }).ConfigureAwait(false);
            case "global":
                return await Drafting.PressAsync(ctx, choice.Payload).ConfigureAwait(false);
            case Assistant.Proposal.Action:
                return Assistant.Proposal.FromJson(choice.Value) is { } proposal
                    ? await proposal.ApplyAsync(ctx).ConfigureAwait(false)
                    : Outcome.Say(ctx.T("Cette proposition n'est plus valable.", "That proposal is no longer valid."));
            case Corrections.Fix.Action:
                return Corrections.Fix.FromJson(choice.Value) is { } fix
                    ? await Corrections.Corrections.ApplyAsync(ctx, fix).ConfigureAwait(false)
                    : Outcome.Say(ctx.T("Cette proposition n'est plus valable.", "That proposal is no longer valid."));
            case "undo_payment":
                return await Corrections.Corrections.UndoPaymentAsync(ctx, Id()).ConfigureAwait(false);
            case "undo_payments":
                return await Corrections.Corrections.UndoPaymentsAsync(ctx, [.. choice.Value!.Split(',').Select(v => long.Parse(v, CultureInfo.InvariantCulture))]).ConfigureAwait(false);
            case "pay_again":
                return await ContinueAsync(ctx, state, inv => inv with { LargeConfirmed = true }, pay => pay with { TwinConfirmed = true }).ConfigureAwait(false);
            case "cancel":
                return Outcome.Say(ctx.T("D'accord : rien n'a été enregistré.", "OK: nothing was saved."));
            default:
                return Outcome.Say(ctx.T("Ce bouton n'est plus valable.", "That button is no longer valid."));
        }
    }

    /// <summary>"Today" is the owner's, in their time zone (Europe/Paris unless they said otherwise).</summary>
    public static DateOnly TodayFor(Owner owner, DateTimeOffset now) => BusinessClock.Today(owner, now);

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "A turn failed on channel {Channel}")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string channel);
}
