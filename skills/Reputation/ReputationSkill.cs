using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Reputation;

/// <summary>Is this prospect likely to pay: the check, the watchlist, private notes.</summary>
public sealed class ReputationSkill(RegistryKit? registry) : ISkill
{
    public void Map(SkillMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Intent(Intents.CheckReputation, (ctx, r, _) => ReputationCheck.CheckAsync(ctx, registry, r.Entities), readOnly: true)
            .Intent(Intents.Watch, (ctx, r, _) => ReputationCheck.WatchAsync(ctx, registry, r.Entities))
            .Intent(Intents.AddNote, (ctx, r, _) => ReputationCheck.NoteAsync(ctx, r.Entities.Client, r.Entities.NoteText))
            .Button("rep_pick", (ctx, _, c) => ReputationCheck.CheckAsync(ctx, registry, new Entities { Siren = c.Value }));
    }
}
