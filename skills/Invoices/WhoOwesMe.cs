using System.Text;
using Recouvrement.Data;
using Recouvrement.Skills.Conversation;

namespace Recouvrement.Skills.Invoices;

/// <summary>who_owes_me: per client, overdue first (most overdue money first), with aging buckets and totals per currency.</summary>
public static class WhoOwesMe
{
    /// <summary>Lines shown before "and N more": a chat message must stay readable.</summary>
    public const int MaxClients = 15;

    public static async Task<Outcome> HandleAsync(TurnContext ctx)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        var balances = await ctx.Db.BalancesAsync(ctx.Owner.Id, ctx.Today, ctx.Ct).ConfigureAwait(false);
        if (balances.Count == 0)
            return Outcome.Say(ctx.T("Personne ne vous doit rien pour l'instant 🎉 Pour enregistrer une facture : « facture Dupont SARL 1 200 € à 30 jours ».", "Nobody owes you anything right now 🎉 To log an invoice: \"invoice Acme Ltd €1,200 net 30\"."));

        var sb = new StringBuilder();
        var clientCount = balances.Select(b => b.ClientId).Distinct().Count();
        sb.Append(ctx.T($"💶 {Markup.Bold("Qui vous doit")} : {clientCount} client{(clientCount > 1 ? "s" : "")}", $"💶 {Markup.Bold("Who owes you")}: {clientCount} client{(clientCount > 1 ? "s" : "")}")).Append('\n');

        var ordered = balances
            .OrderByDescending(b => b.OverdueCents > 0)
            .ThenBy(b => b.OverdueCents > 0 ? b.OldestDueDate : DateOnly.MaxValue)
            .ThenByDescending(b => b.OverdueCents)
            .ThenBy(b => b.OldestDueDate)
            .ToList();
        var overdue = ordered.Where(b => b.OverdueCents > 0).ToList();
        var notDue = ordered.Where(b => b.OverdueCents == 0).ToList();
        var shown = 0;
        if (overdue.Count > 0)
        {
            sb.Append('\n').Append(ctx.T("🔴 En retard", "🔴 Overdue")).Append('\n');
            foreach (var b in overdue.Take(MaxClients))
            {
                var late = ctx.Today.DayNumber - b.OldestDueDate.DayNumber;
                sb.Append("• ").Append(Markup.Bold(b.ClientName)).Append(" — ").Append(ctx.Money(b.BalanceCents, b.Currency));
                if (b.OverdueCents != b.BalanceCents)
                    sb.Append(ctx.T($" dont {ctx.Money(b.OverdueCents, b.Currency)} en retard", $", {ctx.Money(b.OverdueCents, b.Currency)} overdue"));
                sb.Append(ctx.T($" (plus ancien : en retard de {Format.Duration(late, ctx.Lang)})", $" (oldest: {Format.Duration(late, ctx.Lang)} late)")).Append('\n');
                shown++;
            }
        }

        if (notDue.Count > 0 && shown < MaxClients)
        {
            sb.Append('\n').Append(ctx.T("🟢 Pas encore échu", "🟢 Not yet due")).Append('\n');
            foreach (var b in notDue.Take(MaxClients - shown))
            {
                sb.Append("• ").Append(Markup.Bold(b.ClientName)).Append(" — ").Append(ctx.Money(b.BalanceCents, b.Currency))
                  .Append(" (").Append(Format.DueRelative(b.OldestDueDate, ctx.Today, ctx.Lang)).Append(")\n");
                shown++;
            }
        }

        if (ordered.Count > shown)
            sb.Append(ctx.T($"… et {ordered.Count - shown} autre(s) ligne(s).", $"… and {ordered.Count - shown} more.")).Append('\n');

        foreach (var group in balances.GroupBy(b => b.Currency).OrderBy(g => g.Key == "EUR" ? "" : g.Key))
        {
            var c = group.Key;
            long Sum(Func<ClientBalance, long> f) => group.Sum(f);
            sb.Append('\n').Append(ctx.T($"Total {c} : ", $"Total {c}: ")).Append(Markup.Bold(ctx.Money(Sum(b => b.BalanceCents), c)))
              .Append(Sum(b => b.OverdueCents) > 0
                  ? ctx.T($", dont {ctx.Money(Sum(b => b.OverdueCents), c)} en retard", $", {ctx.Money(Sum(b => b.OverdueCents), c)} overdue")
                  : ctx.T(", rien en retard", ", nothing overdue")).Append('\n');
            if (Sum(b => b.OverdueCents) > 0)
            {
                sb.Append(ctx.T("Retard : ", "Days late: "))
                  .Append("0-30 j ").Append(ctx.Money(Sum(b => b.Late0To30Cents), c))
                  .Append(" · 31-60 j ").Append(ctx.Money(Sum(b => b.Late31To60Cents), c))
                  .Append(" · 61-90 j ").Append(ctx.Money(Sum(b => b.Late61To90Cents), c))
                  .Append(" · 90+ j ").Append(ctx.Money(Sum(b => b.Late90PlusCents), c)).Append('\n');
            }
        }

        var text = sb.ToString().TrimEnd().Replace(" j ", ctx.Lang == "en" ? " d " : " j ", StringComparison.Ordinal);
        return new Outcome([new Reply(text, [], Documents.AgingChart.Build(balances, ctx.Today, ctx.Lang))], null);
    }
}
