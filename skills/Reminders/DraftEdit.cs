using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Reminders;

/// <summary>A draft whose replacement text is awaited (Modifier).</summary>
public sealed record DraftEdit(long DraftId) : FlowState;

/// <summary>The draft edit flow: the next message is the new body, unless it is « annule ».</summary>
public sealed class DraftEditFlow : IFlow
{
    public string Name => "draft_edit";

    public Type StateType => typeof(DraftEdit);

    public async Task<Outcome?> AnswerAsync(TurnContext ctx, DialogState state, string text, Recognition recognition)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(recognition);
        if (state.Entry is not DraftEdit edit)
            return null;
        // A whole letter may contain words like "annule": only a short cancel message cancels.
        return recognition.Intent == Intents.Cancel && recognition.Language is not null
            ? Outcome.Say(ctx.T("D'accord : le brouillon reste tel quel.", "OK: the draft stays as it was."))
            : await Drafting.SubmitEditAsync(ctx, edit.DraftId, text).ConfigureAwait(false);
    }

    public Task<Outcome?> PressAsync(TurnContext ctx, DialogState state, Choice choice) => Task.FromResult<Outcome?>(null);

    public string Describe(TurnContext ctx, FlowState entry)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return ctx.T("la modification du brouillon", "the draft being edited");
    }
}
