using System.Globalization;
using Recouvrement.Skills.Conversation;
using Recouvrement.Skills.Understanding;

namespace Recouvrement.Skills.Plans;

/// <summary>Payment plan offers waiting for the owner's choice.</summary>
public sealed record PendingPlan : FlowState
{
    public long ClientId { get; init; }
    public required string ClientName { get; init; }
    public long BalanceCents { get; init; }
    public required string Currency { get; init; }
    public required string InvoiceIds { get; init; }
    public IReadOnlyList<IReadOnlyList<Instalment>> Offers { get; init; } = [];
}

/// <summary>The plan offers flow: answered by its buttons only (Accepter l'offre N).</summary>
public sealed class PlanOffersFlow : IFlow
{
    public string Name => "plan_offers";

    public Type StateType => typeof(PendingPlan);

    public string? LegacyProperty => "Plan";

    public Task<Outcome?> AnswerAsync(TurnContext ctx, DialogState state, string text, Recognition recognition) => Task.FromResult<Outcome?>(null);

    public async Task<Outcome?> PressAsync(TurnContext ctx, DialogState state, Choice choice)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(choice);
        return state.Entry is PendingPlan plan && choice.Action == "plan_accept"
            ? await PlanChat.AcceptAsync(ctx, plan, int.Parse(choice.Value!, CultureInfo.InvariantCulture)).ConfigureAwait(false)
            : null;
    }

    public string Describe(TurnContext ctx, FlowState entry)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        return ctx.T($"les offres de plan pour {Markup.Escape(((PendingPlan)entry).ClientName)}", $"the plan offers for {Markup.Escape(((PendingPlan)entry).ClientName)}");
    }
}
