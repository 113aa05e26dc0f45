using Recouvrement.Data;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Skills.Clients;

/// <summary>Finds the client a request names, or the reply that explains why it cannot (unknown, or which one?).</summary>
public static class ClientLookup
{
    public static async Task<(Client? Client, Outcome? Problem)> FindAsync(TurnContext ctx, string? name, string askFr, string askEn)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        if (string.IsNullOrWhiteSpace(name))
            return (null, Outcome.Say(ctx.T(askFr, askEn)));
        var match = await ctx.Db.ReadAsync(s => ClientResolver.ResolveAsync(s, ctx.Owner.Id, name), ctx.Ct).ConfigureAwait(false);
        return match.Kind switch
        {
            MatchKind.Exact => (match.Client, null),
            MatchKind.Near when match.Candidates.Count == 1 => (match.Candidates[0], null),
            MatchKind.Near => (null, Outcome.Say(ctx.T(
                $"Plusieurs clients ressemblent à « {Markup.Escape(name)} » : {string.Join(", ", match.Candidates.Select(c => Markup.Bold(c.Name)))}. Précisez lequel.",
                $"Several clients look like \"{Markup.Escape(name)}\": {string.Join(", ", match.Candidates.Select(c => Markup.Bold(c.Name)))}. Which one?"))),
            _ => (null, Outcome.Say(ctx.T($"Je ne connais pas de client « {Markup.Escape(name)} ».", $"I don't know any client \"{Markup.Escape(name)}\"."))),
        };
    }
}
