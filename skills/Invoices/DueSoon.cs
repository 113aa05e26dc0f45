using System.Text;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Skills.Invoices;

/// <summary>due_soon: open invoices falling due today and in the next 7 days.</summary>
public static class DueSoon
{
    public const int Days = 7;

    public static async Task<Outcome> HandleAsync(TurnContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var until = ctx.Today.AddDays(Days);
        var due = await ctx.Db.ReadAsync(s => s.Invoices.DueBetweenAsync(ctx.Owner.Id, ctx.Today, until, limit: 51), ctx.Ct).ConfigureAwait(false);
        if (due.Count == 0)
            return Outcome.Say(ctx.T($"Rien n'arrive à échéance d'ici le {ctx.Date(until)}.", $"Nothing falls due before {ctx.Date(until)}."));
        var sb = new StringBuilder();
        sb.Append(ctx.T($"📅 {Markup.Bold("Échéances")} d'ici le {ctx.Date(until)} :", $"📅 {Markup.Bold("Due")} by {ctx.Date(until)}:")).Append('\n');
        foreach (var i in due.Take(50))
        {
            sb.Append("• ").Append(Format.DueRelative(i.DueDate, ctx.Today, ctx.Lang)).Append(" — ").Append(Markup.Bold(i.ClientName))
              .Append(", ").Append(ctx.Money(i.BalanceCents, i.Currency));
            if (i.Number is { } n)
                sb.Append(ctx.T($" (n° {Markup.Escape(n)})", $" (no. {Markup.Escape(n)})"));
            sb.Append('\n');
        }

        if (due.Count > 50)
            sb.Append(ctx.T("… et d'autres.", "… and more.")).Append('\n');
        foreach (var g in due.GroupBy(i => i.Currency))
            sb.Append(ctx.T($"Total {g.Key} attendu : ", $"Total {g.Key} expected: ")).Append(Markup.Bold(ctx.Money(g.Sum(i => i.BalanceCents), g.Key))).Append('\n');
        return Outcome.Say(sb.ToString().TrimEnd());
    }
}
