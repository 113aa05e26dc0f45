using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Conversation;

/// <summary>What the recognizer could not read, said before the answer (« La date « 31/02 » n'existe pas. »).</summary>
public static class Problems
{
    public static string? Prefix(TurnContext ctx, Recognition r)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(r);
        return r.Problems.Contains(Problem.ImpossibleDate)
            ? ctx.T($"La date « {Markup.Escape(r.InvalidDateText)} » n'existe pas.", $"The date \"{Markup.Escape(r.InvalidDateText)}\" does not exist.")
            : r.Problems.Contains(Problem.WeekdayMismatch)
                ? Say.WeekdayMismatch(ctx, r.InvalidDateText)
                : r.Problems.Contains(Problem.AmbiguousAmount)
                    ? ctx.T("J'ai lu deux montants différents : je n'en retiens aucun.", "I read two different amounts: I took neither.")
                    : r.Problems.Contains(Problem.UnreadableAmount)
                        ? ctx.T("Je n'ai pas pu lire le montant.", "I couldn't read the amount.")
                        : null;
    }
}
