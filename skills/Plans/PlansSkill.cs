using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Plans;

/// <summary>Payment plans: negotiation, status, end, the owner's policy.</summary>
public sealed class PlansSkill : ISkill
{
    public void Map(SkillMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Flow(new PlanOffersFlow())
            .Intent(Intents.ProposePlan, (ctx, r, _) => PlanChat.ProposeAsync(ctx, r.Entities))
            .Intent(Intents.PlanStatus, (ctx, r, _) => PlanChat.StatusAsync(ctx, r.Entities.Client), readOnly: true)
            .Intent(Intents.CancelPlan, (ctx, r, _) => PlanChat.EndAsync(ctx, r.Entities.Client, keep: false))
            .Intent(Intents.KeepPlan, (ctx, r, _) => PlanChat.EndAsync(ctx, r.Entities.Client, keep: true))
            .Intent(Intents.SetPlanPolicy, (ctx, r, text) => PlanChat.PolicyChatAsync(ctx, r.Entities, text));
    }
}
