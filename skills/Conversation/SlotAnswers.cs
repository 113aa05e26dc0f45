using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Conversation;

/// <summary>Reading an answer to a slot question, shared by the flows that ask for a client, an amount or a date.</summary>
public static class SlotAnswers
{
    /// <summary>
    /// Whether the text may answer the slot at all. A new complete request (« facture X 500 € … ») is not an answer: it
    /// starts afresh and never inherits the pending entry's slots. <paramref name="freeform"/>: nothing else was meant.
    /// </summary>
    public static bool IsAnswer(DialogState state, Recognition r, string flowIntent, out bool freeform)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(r);
        freeform = r.Intent is Intents.Unknown or Intents.Greeting or Intents.ClientStatus || r.Intent == flowIntent;
        return !(r.Intent == flowIntent && state.Awaiting != Slot.Client && r.Entities.Client is not null);
    }

    /// <summary>An outcome to return (ask again) or null; <paramref name="cents"/> when an amount was read.</summary>
    public static Outcome? Amount(TurnContext ctx, DialogState state, string text, Recognition r, bool freeform, out long? cents)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(r);
        decimal? amount = r.Entities.Amount ?? (Amounts.TryParseAnswer(text, ctx.Today, out var bare, out _) ? bare : null);
        cents = Amounts.CentsOf(amount);
        return amount is null && freeform ? Outcome.Ask(ctx.T("Je n'ai pas compris le montant. Exemple : 1 200,50 €", "I couldn't read the amount. Example: €1,200.50"), state) : null;
    }

    public static Outcome? DueDate(TurnContext ctx, DialogState state, Recognition r, bool freeform, out DateOnly? due)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(r);
        due = null;
        if (r.Problems.Contains(Problem.WeekdayMismatch))
            return Outcome.Ask(Say.WeekdayMismatch(ctx, r.InvalidDateText) + " " + ctx.T("Quelle est l'échéance ?", "When is it due?"), state);
        if (r.Problems.Contains(Problem.ImpossibleDate))
            return Outcome.Ask(ctx.T($"La date « {Markup.Escape(r.InvalidDateText)} » n'existe pas. Quelle est l'échéance ?", $"The date \"{Markup.Escape(r.InvalidDateText)}\" does not exist. When is it due?"), state);
        due = r.Entities.DueDate ?? r.Entities.Date;
        return due is null && freeform ? Outcome.Ask(ctx.T("Je n'ai pas compris la date. Exemples : 15/12, à 30 jours, fin du mois.", "I couldn't read the date. Examples: 15/12, net 30, end of month."), state) : null;
    }

    public static Outcome? ClientName(TurnContext ctx, DialogState state, string text, Recognition r, bool freeform, out string? name)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(text);
        var e = r.Entities;
        name = e.Client ?? (freeform && e.Amount is null && text.Length <= 120 ? text.Trim().TrimEnd('?', '!', '.') : null);
        return name is null && e.InvoiceNumber is null && freeform ? Outcome.Ask(ctx.T("Quel est le nom du client ?", "What is the client's name?"), state) : null;
    }
}
