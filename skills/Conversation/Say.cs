namespace Recouvrement.Skills.Conversation;

/// <summary>Each message is written in both languages where it is used; this picks the reader's.</summary>
public static class Say
{
    public static string Pick(string lang, string fr, string en) => lang == "en" ? en : fr;

    /// <summary>A weekday and a date that disagree: said, and no date taken.</summary>
    public static string WeekdayMismatch(TurnContext ctx, string? text)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return ctx.T($"« {Markup.Escape(text)} » : le jour de la semaine ne correspond pas à la date. Je n'ai pas retenu de date.",
            $"\"{Markup.Escape(text)}\": the weekday does not match the date. I did not take a date.");
    }
}
