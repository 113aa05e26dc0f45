using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Conversation;

/// <summary>Help, greetings and the « Non / Annuler » button every question may offer.</summary>
public sealed class ConversationSkill : ISkill
{
    public void Map(SkillMap map)
    {
        ArgumentNullException.ThrowIfNull(map);
        map.Intent(Intents.Help, (ctx, _, _) => Task.FromResult(Help.Show(ctx, greeting: false)), readOnly: true)
            .Intent(Intents.Greeting, (ctx, _, _) => Task.FromResult(Help.Show(ctx, greeting: true)), readOnly: true)
            .Intent(Intents.Unknown, (ctx, _, _) => Task.FromResult(Outcome.Say(ctx.T(
                "Je n'ai pas compris. Exemples : « facture Dupont SARL 1 200 € à 30 jours », « Dupont SARL a payé 500 € », « qui me doit ? ». Tapez « aide » pour tout voir.",
                "I didn't understand. Examples: \"invoice Acme Ltd €1,200 net 30\", \"Acme Ltd paid €500\", \"who owes me?\". Type \"help\" for more."))), readOnly: true)
            .Button("cancel", (ctx, _, _) => Task.FromResult(Outcome.Say(ctx.T("D'accord : rien n'a été enregistré.", "OK: nothing was saved."))));
    }
}
