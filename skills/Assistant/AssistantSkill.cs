using Recouvrement.Skills.Conversation;

namespace Recouvrement.Skills.Assistant;

/// <summary>The optional model's proposals, confirmed by button.</summary>
public sealed class AssistantSkill : ISkill
{
    public void Map(SkillMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Button(Proposal.Action, (ctx, _, c) => Proposal.FromJson(c.Value) is { } proposal
            ? proposal.ApplyAsync(ctx)
            : Task.FromResult(Outcome.Say(ctx.T("Cette proposition n'est plus valable.", "That proposal is no longer valid."))));
    }
}
