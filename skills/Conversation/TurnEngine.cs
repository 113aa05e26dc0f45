using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Recouvrement.Data;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Conversation;

/// <summary>
/// The channel-neutral conversation: (owner, text or button payload, now) -> replies. Every adapter makes this one call.
/// A router: guard → button (or its number, or « oui »/« non ») → the flow in progress → recognize → a single-shot
/// handler. What each intent, flow and button does is registered by its skill (<see cref="ISkill"/>); this class knows
/// none of them. It never throws at a channel: a failure becomes a short apology, and since each write is one
/// transaction, nothing is half-saved.
/// </summary>
public sealed partial class TurnEngine
{
    private readonly Database _db;
    private readonly Recognizer _recognizer;
    private readonly Reminders.ReminderKit _reminders;
    private readonly Assistant.LlmAssistant? _assistant;
    private readonly ILogger _logger;
    private readonly SkillMap _skills;
    private readonly DialogStore _states;

    public TurnEngine(Database db, Recognizer recognizer, Reminders.ReminderKit? reminders = null, ILogger<TurnEngine>? logger = null, Reputation.RegistryKit? registry = null, Assistant.LlmAssistant? assistant = null)
    {
        _db = db;
        _recognizer = recognizer;
        _reminders = reminders ?? Reminders.ReminderKit.Default(db);
        _assistant = assistant;
        _logger = logger ?? NullLogger<TurnEngine>.Instance;
        _skills = SkillMap.Build(
            new ConversationSkill(), new Invoices.InvoicesSkill(), new Corrections.CorrectionsSkill(), new Reminders.RemindersSkill(),
            new Plans.PlansSkill(), new Reputation.ReputationSkill(registry), new Scheduling.SchedulingSkill(), new Assistant.AssistantSkill(), new Import.ImportSkill(), new Documents.DocumentsSkill(), new Escalation.EscalationSkill());
        _states = new DialogStore(_skills.Flows);
    }

    /// <summary>Longer messages are refused whole rather than half-read.</summary>
    public const int MaxMessageLength = Recognizer.MaxLength;

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
        catch (Invoices.ConcurrentChangeException)
        {
            return [new Reply(Say.Pick(LanguageOf(turn.Text) ?? "fr",
                "Les factures ont changé pendant l'enregistrement : rien n'a été modifié. Réessayez.",
                "The invoices changed while saving: nothing was modified. Please try again."))];
        }
        catch (Exception ex)
        {
            // The owner gets an apology, the log gets the details; never a stack trace in a chat.
            LogTurnFailed(_logger, ex, turn.Owner.Channel);
            var dropped = await ResetAsync(turn).ConfigureAwait(false);
            return [new Reply(Say.Pick(LanguageOf(turn.Text) ?? "fr",
                "Désolé, un incident technique m'a empêché de répondre. Rien n'a été modifié ; réessayez dans un instant." + (dropped ? " J'ai aussi abandonné la question en cours : reprenez votre demande." : string.Empty),
                "Sorry, a technical problem stopped me from answering. Nothing was changed; please try again in a moment." + (dropped ? " I also dropped the question in progress: please start your request again." : string.Empty)))];
        }
    }

    /// <summary>A turn that failed resets its conversation, so a broken state cannot fail every next turn too.</summary>
    private async Task<bool> ResetAsync(Turn turn)
    {
        try
        {
            return await _db.WriteAsync(async s =>
            {
                var owner = await s.Owners.FindAsync(turn.Owner.Channel, turn.Owner.ExternalId).ConfigureAwait(false);
                if (owner is null || await s.Conversations.GetAsync(owner.Id, turn.ConversationKey).ConfigureAwait(false) is null)
                    return false;
                await s.Conversations.ClearAsync(owner.Id, turn.ConversationKey).ConfigureAwait(false);
                return true;
            }).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogResetFailed(_logger, ex);
            return false;
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
        var owner = await _db.ReadAsync(s => s.Owners.FindAsync(turn.Owner.Channel, turn.Owner.ExternalId), ct).ConfigureAwait(false)
            ?? await _db.WriteAsync(s => s.Owners.GetOrCreateAsync(new Owner
            {
                Channel = turn.Owner.Channel,
                ExternalId = turn.Owner.ExternalId,
                Name = turn.Owner.DisplayName,
                Language = LanguageOf(turn.Text) ?? "fr",
            }, turn.Now), ct).ConfigureAwait(false);

        var text = SafeText.Clean(turn.Text).Trim();
        var detected = text.Length is > 0 and <= MaxMessageLength ? LanguageOf(text) : null;
        // A reply follows the message it answers, unless the owner chose a chat language; one message never changes
        // the stored language (the digest's): only « parle-moi en anglais » does.
        var lang = owner.LanguageFixed ? owner.Language : detected ?? owner.Language;

        var ctx = new TurnContext(_db, owner, lang, TodayFor(owner, turn.Now), turn.Now, ct, _reminders);
        var (stored, version) = await _db.ReadAsync(s => s.Conversations.GetVersionedAsync(owner.Id, turn.ConversationKey), ct).ConfigureAwait(false);
        var state = _states.FromJson(stored, out var dropped);

        if (turn.File is { } file)
        {
            var received = await Import.ImportChat.ReceiveAsync(ctx, file).ConfigureAwait(false);
            var fileKept = await _db.WriteAsync(s => s.Conversations.SaveIfUnchangedAsync(owner.Id, turn.ConversationKey,
                received.State is null ? null : _states.ToJson(received.State), version, turn.Now), ct).ConfigureAwait(false);
            return fileKept ? received.Replies : [.. received.Replies, Overlapped(ctx)];
        }

        if (turn.Payload is null && text.Length == 0)
            return [new Reply(ctx.T("Votre message est vide. Tapez « aide » pour voir ce que je sais faire.", "Your message is empty. Type \"help\" to see what I can do."))];
        // A draft's replacement text may be a whole letter; anything else is one request.
        var limit = state?.Awaiting == Slot.DraftText ? Reminders.Drafting.MaxBodyLength : MaxMessageLength;
        if (text.Length > limit)
        {
            return [new Reply(ctx.T(
                $"Ce message est trop long ({text.Length.ToString("#,0", Format.Culture("fr")).Replace('\u202F', '\u00A0')} caractères, {limit} au plus) : je ne l'ai pas lu. Envoyez une demande à la fois.",
                $"That message is too long ({text.Length.ToString("#,0", Format.Culture("en"))} characters, at most {limit}): I did not read it. Send one request at a time."))];
        }

        var outcome = await DecideAsync(ctx, state, text, turn.Payload).ConfigureAwait(false);
        if (dropped)
            outcome = outcome with { Replies = [new Reply(ctx.T("ℹ️ Après une mise à jour, je n'ai pas pu reprendre la question en cours : reprenez votre demande si besoin.", "ℹ️ After an update I could not resume the question in progress: start your request again if needed.")), .. outcome.Replies] };

        // Things that happened meanwhile (a send that failed, an interrupted send) come first.
        var (notices, kept) = await _db.WriteAsync(async s =>
        {
            var saved = outcome.State is not null || state is not null || dropped
                ? await s.Conversations.SaveIfUnchangedAsync(owner.Id, turn.ConversationKey, outcome.State is null ? null : _states.ToJson(outcome.State), version, turn.Now).ConfigureAwait(false)
                : true;
            return (await s.Notices.TakeAsync(owner.Id, turn.Now).ConfigureAwait(false), saved);
        }, ct).ConfigureAwait(false);
        var replies = kept ? outcome.Replies : [.. outcome.Replies, Overlapped(ctx)];
        return notices.Count == 0 ? replies : [.. notices.Select(n => new Reply(n)), .. replies];
    }

    /// <summary>
    /// Another message of this owner was answered at the same time (on another instance): its question in progress is
    /// kept, this one's is not — said, so the owner knows which question stands.
    /// </summary>
    private static Reply Overlapped(TurnContext ctx) => new(ctx.T(
        "ℹ️ Un autre de vos messages a été traité au même moment : c'est sa question en cours qui reste ouverte.",
        "ℹ️ Another of your messages was handled at the same moment: its question in progress is the one still open."));

    private async Task<Outcome> DecideAsync(TurnContext ctx, DialogState? state, string text, string? payload)
    {
        // 1. A button: one that acts on its own row (drafts, outbox), or one of the choices last offered.
        if (payload is not null && Reminders.Drafting.IsGlobalPayload(payload))
            return await Reminders.Drafting.PressAsync(ctx, payload).ConfigureAwait(false);
        if (payload is not null)
        {
            var pressed = state?.Choices.FirstOrDefault(c => c.Payload == payload);
            return pressed is null
                ? Outcome.Say(ctx.T("Ce bouton n'est plus valable (la question a changé ou est déjà réglée).", "That button is no longer valid (the question changed or was already answered)."), state)
                : await PressAsync(ctx, state!, pressed).ConfigureAwait(false);
        }

        // 2. Its number typed in a terminal, or « oui » / « non » to a yes/no question.
        if (state is { Choices.Count: > 0 } && PickByText(state.Choices, text) is { } typed)
            return await PressAsync(ctx, state, typed).ConfigureAwait(false);

        var r = _recognizer.Recognize(text, ctx.Today);
        var flow = _skills.FlowFor(state?.Entry);

        // 3. Cancel: the flow in progress, else (proposed) the last thing written.
        if (r.Intent == Intents.Cancel && flow is not null && state!.Awaiting != Slot.DraftText)
            return Outcome.Say(ctx.T("D'accord, j'abandonne : rien n'a été enregistré.", "OK, dropped: nothing was saved."));
        if (r.Intent == Intents.Cancel && flow is null)
            return await Corrections.Corrections.UndoLastAsync(ctx).ConfigureAwait(false);

        // 4. An answer to the question the flow asked.
        if (flow is not null && state!.Awaiting != Slot.Choice && await flow.AnswerAsync(ctx, state, text, r).ConfigureAwait(false) is { } answered)
            return answered;

        // 5. With a model configured: "plus chaleureux" / "plus ferme" rewords the pending draft.
        if (_assistant is { Enabled: true } && Assistant.LlmAssistant.PolishDirection(text) is { } warmer)
        {
            if (await _assistant.PolishAsync(ctx, r.Entities.Client, warmer).ConfigureAwait(false) is { } polished)
                return polished;
            if (r.Intent == Intents.Unknown)
                return Assistant.LlmAssistant.NoDraftToPolish(ctx);
        }

        // 6. A new request; what the recognizer cannot classify may go to the model, which only routes or proposes.
        if (r.Intent == Intents.Unknown && _assistant is { Enabled: true } && await _assistant.RouteAsync(ctx, text).ConfigureAwait(false) is { } routed)
            return routed;
        var outcome = await DispatchAsync(ctx, r, text).ConfigureAwait(false);

        // 7. A question asked meanwhile keeps what was waiting: an entry and its question, or the undo of the last write.
        if (outcome.State is null && state is not null && _skills.ReadOnlyIntents.Contains(r.Intent))
        {
            if (flow is not null && state.Awaiting is Slot.Client or Slot.Amount or Slot.DueDate)
                return new Outcome([.. outcome.Replies, new Reply(KeptEntry(ctx, state, flow))], state);
            if (state.Entry is null && state.Choices.Count > 0 && state.Choices.All(c => _skills.SurvivesReads.Contains(c.Action)))
                return outcome with { State = state };
        }

        return outcome;
    }

    public async Task<Outcome> DispatchAsync(TurnContext ctx, Recognition r, string text)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(r);
        if (r.WithheldIntent is not null)
        {
            // Asked, reported, denied or supposed: the book's answer, preceded by why nothing was written.
            var answer = await DispatchAsync(ctx, r with { WithheldIntent = null }, text).ConfigureAwait(false);
            return answer with { Replies = [new Reply(WhyNotWritten(ctx, r.Mood)), .. answer.Replies] };
        }

        var handler = _skills.IntentFor(r.Intent) ?? _skills.IntentFor(Intents.Unknown)!;
        return await handler(ctx, r, text).ConfigureAwait(false);
    }

    /// <summary>A press: the flow in progress handles its own buttons; the others belong to the skill that registered them.</summary>
    private async Task<Outcome> PressAsync(TurnContext ctx, DialogState state, Choice choice)
    {
        if (_skills.FlowFor(state.Entry) is { } flow && await flow.PressAsync(ctx, state, choice).ConfigureAwait(false) is { } done)
            return done;
        return _skills.ButtonFor(choice.Action) is { } handler
            ? await handler(ctx, state, choice).ConfigureAwait(false)
            : Outcome.Say(ctx.T("Ce bouton n'est plus valable.", "That button is no longer valid."));
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

    private static string WhyNotWritten(TurnContext ctx, Mood mood) => mood switch
    {
        Mood.Question => ctx.T("ℹ️ C'est une question : je n'enregistre rien. Voici ce que j'ai :", "ℹ️ That is a question: I am not recording anything. Here is what I have:"),
        Mood.Reported => ctx.T("ℹ️ C'est ce que dit le client, pas un paiement reçu : je n'enregistre rien. Quand l'argent arrive, dites « … a payé … ». Voici ce que j'ai :", "ℹ️ That is what the client says, not a payment received: I am not recording anything. When the money arrives, say \"… paid …\". Here is what I have:"),
        Mood.Negated => ctx.T("ℹ️ Rien n'a été reçu : je n'enregistre rien. Voici ce que j'ai :", "ℹ️ Nothing was received: I am not recording anything. Here is what I have:"),
        Mood.Conditional => ctx.T("ℹ️ C'est une hypothèse : je n'enregistre rien. Voici ce que j'ai :", "ℹ️ That is a supposition: I am not recording anything. Here is what I have:"),
        Mood.Assertion => string.Empty,
        _ => string.Empty,
    };

    private static string KeptEntry(TurnContext ctx, DialogState state, IFlow flow)
    {
        var question = state.Awaiting switch
        {
            Slot.Client => ctx.T("quel client ?", "which client?"),
            Slot.Amount => ctx.T("quel montant ?", "what amount?"),
            _ => ctx.T("quelle échéance ?", "what due date?"),
        };
        var what = flow.Describe(ctx, state.Entry!);
        return ctx.T($"⏸️ Je garde {what} : {question} (ou « annule »)", $"⏸️ I'm keeping {what}: {question} (or \"cancel\")");
    }

    /// <summary>"Today" is the owner's, in their time zone (Europe/Paris unless they said otherwise).</summary>
    public static DateOnly TodayFor(Owner owner, DateTimeOffset now) => Reminders.BusinessClock.Today(owner, now);

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "A turn failed on channel {Channel}")]
    private static partial void LogTurnFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Could not reset the conversation after a failed turn")]
    private static partial void LogResetFailed(ILogger logger, Exception exception);
}
